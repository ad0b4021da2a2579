/**
 * A software WebAuthn authenticator for worker tests: makes real ES256 credentials and signs real
 * assertions (WebAuthn Level 3 §6), with knobs to break exactly one rule at a time (origin, RP ID, user
 * verification, counter).
 */
import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';
import type {
	AuthenticationResponseJSON,
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON,
	RegistrationResponseJSON
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';

const enc = new TextEncoder();
type Bytes = Uint8Array<ArrayBuffer>;
const bytes = (b: Uint8Array): Bytes => new Uint8Array(b);

async function sha256(data: Bytes): Promise<Bytes> {
	return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

function concat(...parts: Uint8Array[]): Bytes {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

function u32(n: number): Bytes {
	return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/** WebCrypto gives ECDSA signatures as r‖s; WebAuthn wants ASN.1 DER. */
function derSignature(raw: Uint8Array): Uint8Array {
	const int = (b: Uint8Array) => {
		let i = 0;
		while (i < b.length - 1 && b[i] === 0) i++;
		let v = b.slice(i);
		if (v[0] & 0x80) v = concat(new Uint8Array([0]), v);
		return concat(new Uint8Array([0x02, v.length]), v);
	};
	const body = concat(int(raw.slice(0, 32)), int(raw.slice(32)));
	return concat(new Uint8Array([0x30, body.length]), body);
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export interface AuthenticatorOptions {
	origin?: string;
	rpId?: string;
	aaguid?: string;
	/** Synced passkey (backup eligible and backed up): counter stays 0. */
	synced?: boolean;
}

export interface Overrides {
	origin?: string;
	rpId?: string;
	userVerified?: boolean;
	counter?: number;
	challenge?: string;
}

export class SoftAuthenticator {
	readonly credentialId = crypto.getRandomValues(new Uint8Array(16));
	counter = 0;
	userHandle: string | undefined;
	private keys!: CryptoKeyPair;

	constructor(private readonly opts: AuthenticatorOptions = {}) {}

	get id(): string {
		return isoBase64URL.fromBuffer(this.credentialId);
	}

	private get flags(): number {
		return this.opts.synced ? FLAG_BE | FLAG_BS : 0;
	}

	private aaguidBytes(): Uint8Array {
		const hex = (this.opts.aaguid ?? '00000000-0000-0000-0000-000000000000').replace(/-/g, '');
		return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
	}

	private clientData(type: string, challenge: string, o: Overrides): Bytes {
		return bytes(
			enc.encode(
				JSON.stringify({
					type,
					challenge: o.challenge ?? challenge,
					origin: o.origin ?? this.opts.origin ?? 'http://localhost:8787',
					crossOrigin: false
				})
			)
		);
	}

	async register(
		options: PublicKeyCredentialCreationOptionsJSON,
		o: Overrides = {}
	): Promise<RegistrationResponseJSON> {
		this.keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
			'sign',
			'verify'
		])) as CryptoKeyPair;
		this.userHandle = options.user.id;
		const raw = new Uint8Array((await crypto.subtle.exportKey('raw', this.keys.publicKey)) as ArrayBuffer);
		const cose = encodeCBOR(
			new Map<number, CBORType>([
				[1, 2],
				[3, -7],
				[-1, 1],
				[-2, raw.slice(1, 33)],
				[-3, raw.slice(33, 65)]
			])
		);
		const uv = o.userVerified ?? true;
		const authData = concat(
			await sha256(bytes(enc.encode(o.rpId ?? this.opts.rpId ?? 'localhost'))),
			new Uint8Array([FLAG_UP | (uv ? FLAG_UV : 0) | FLAG_AT | this.flags]),
			u32(o.counter ?? this.counter),
			this.aaguidBytes(),
			new Uint8Array([0, this.credentialId.length]),
			this.credentialId,
			cose
		);
		const attestationObject = encodeCBOR(
			new Map<string, CBORType>([
				['fmt', 'none'],
				['attStmt', new Map()],
				['authData', authData]
			])
		);
		return {
			id: this.id,
			rawId: this.id,
			type: 'public-key',
			response: {
				clientDataJSON: isoBase64URL.fromBuffer(this.clientData('webauthn.create', options.challenge, o)),
				attestationObject: isoBase64URL.fromBuffer(bytes(attestationObject)),
				transports: ['internal']
			},
			authenticatorAttachment: 'platform',
			clientExtensionResults: {}
		};
	}

	async authenticate(
		options: PublicKeyCredentialRequestOptionsJSON,
		o: Overrides = {}
	): Promise<AuthenticationResponseJSON> {
		if (!this.opts.synced && o.counter === undefined) this.counter += 1;
		const uv = o.userVerified ?? true;
		const authData = concat(
			await sha256(bytes(enc.encode(o.rpId ?? this.opts.rpId ?? 'localhost'))),
			new Uint8Array([FLAG_UP | (uv ? FLAG_UV : 0) | this.flags]),
			u32(o.counter ?? this.counter)
		);
		const clientDataJSON = this.clientData('webauthn.get', options.challenge, o);
		const signed = concat(authData, await sha256(clientDataJSON));
		const raw = new Uint8Array(
			await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.keys.privateKey, signed)
		);
		return {
			id: this.id,
			rawId: this.id,
			type: 'public-key',
			response: {
				clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
				authenticatorData: isoBase64URL.fromBuffer(authData),
				signature: isoBase64URL.fromBuffer(bytes(derSignature(raw))),
				userHandle: this.userHandle
			},
			authenticatorAttachment: 'platform',
			clientExtensionResults: {}
		};
	}
}

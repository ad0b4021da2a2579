/**
 * Clave hashing: Argon2id (RFC 9106) with OWASP's parameters, stored as a PHC string so that parameters
 * can change and old hashes are upgraded at the next successful sign-in.
 *
 * The pepper is passed as Argon2's own secret input (K in RFC 9106 §3.1), which exists for exactly this:
 * a key kept outside the database, so a stolen `claves` table alone cannot be brute-forced offline
 * (ASVS 5.0 11.4.2, NIST 800-63B 3.1.1.2 "keyed hash"). It is a Worker secret and never stored beside
 * the hashes.
 *
 * The Argon2 implementation is passed in, so that the Worker (Wasm modules precompiled by workerd) and
 * the Node seed tool (Wasm read from disk) share this file.
 */
import { claveBytes } from '../../src/lib/domain/clave';

export type Argon2id = (params: {
	password: Uint8Array;
	salt: Uint8Array;
	parallelism: number;
	passes: number;
	memorySize: number;
	tagLength: number;
	secret?: Uint8Array;
}) => Uint8Array;

export interface Argon2Params {
	/** Memory in KiB. */
	m: number;
	/** Passes. */
	t: number;
	/** Lanes. */
	p: number;
}

/** OWASP Password Storage Cheat Sheet (2025): m=19 MiB, t=2, p=1 for Argon2id. */
export const CURRENT_PARAMS: Argon2Params = { m: 19456, t: 2, p: 1 };
const SALT_BYTES = 16;
const TAG_BYTES = 32;

/**
 * Bounds on parameters read back from a stored hash, so that a tampered row cannot make one sign-in
 * allocate gigabytes or run for minutes inside the Worker's 128 MB isolate.
 */
const MAX_PARAMS: Argon2Params = { m: 65536, t: 10, p: 4 };

export function hashClave(
	argon2: Argon2id,
	pepper: Uint8Array,
	clave: string,
	params: Argon2Params = CURRENT_PARAMS
): string {
	const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
	const tag = argon2({
		password: claveBytes(clave),
		salt,
		parallelism: params.p,
		passes: params.t,
		memorySize: params.m,
		tagLength: TAG_BYTES,
		secret: pepper
	});
	return encodePhc(params, salt, tag);
}

export interface VerifyResult {
	ok: boolean;
	/** The hash was made with other parameters than today's: store a fresh one now that we know the clave. */
	needsRehash: boolean;
}

export function verifyClave(argon2: Argon2id, pepper: Uint8Array, clave: string, phc: string): VerifyResult {
	const parsed = decodePhc(phc);
	if (!parsed) return { ok: false, needsRehash: false };
	const tag = argon2({
		password: claveBytes(clave),
		salt: parsed.salt,
		parallelism: parsed.params.p,
		passes: parsed.params.t,
		memorySize: parsed.params.m,
		tagLength: parsed.tag.length,
		secret: pepper
	});
	const ok = constantTimeEqual(tag, parsed.tag);
	const p = parsed.params;
	const needsRehash = p.m !== CURRENT_PARAMS.m || p.t !== CURRENT_PARAMS.t || p.p !== CURRENT_PARAMS.p;
	return { ok, needsRehash };
}

/**
 * A well-formed hash of nothing anyone knows, with today's parameters. Verifying a clave against it
 * costs exactly what a real verification costs, so an unknown CUIL (or a citizen who has no clave yet)
 * answers in the same time as a wrong clave and the response time reveals nothing (ASVS 5.0 6.3.8).
 */
export const DUMMY_HASH = encodePhc(
	CURRENT_PARAMS,
	new Uint8Array(SALT_BYTES).fill(0x5a),
	new Uint8Array(TAG_BYTES).fill(0xa5)
);

/** Compares every byte whatever the first difference, so timing does not reveal how much matched. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
	return diff === 0;
}

function encodePhc(params: Argon2Params, salt: Uint8Array, tag: Uint8Array): string {
	return `$argon2id$v=19$m=${params.m},t=${params.t},p=${params.p}$${b64(salt)}$${b64(tag)}`;
}

const PHC =
	/^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]{11,64})\$([A-Za-z0-9+/]{22,128})$/;

export function decodePhc(phc: string): { params: Argon2Params; salt: Uint8Array; tag: Uint8Array } | null {
	const m = PHC.exec(phc);
	if (!m) return null;
	const params = { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]) };
	if (params.m < 8 * params.p || params.m > MAX_PARAMS.m) return null;
	if (params.t < 1 || params.t > MAX_PARAMS.t || params.p < 1 || params.p > MAX_PARAMS.p) return null;
	return { params, salt: unb64(m[4]), tag: unb64(m[5]) };
}

/** PHC strings use standard base64 without padding. */
function b64(bytes: Uint8Array): string {
	let s = '';
	for (const byte of bytes) s += String.fromCharCode(byte);
	return btoa(s).replace(/=+$/, '');
}

function unb64(text: string): Uint8Array {
	const bin = atob(text + '='.repeat((4 - (text.length % 4)) % 4));
	return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

/** The pepper secret as bytes; refuses a missing or short one rather than hashing without it. */
export function pepperBytes(secret: string | undefined): Uint8Array {
	if (!secret) throw new Error('CLAVE_PEPPER is not configured');
	const bytes = unb64(secret.replace(/-/g, '+').replace(/_/g, '/'));
	if (bytes.length < 32) throw new Error('CLAVE_PEPPER must hold at least 32 bytes');
	return bytes;
}

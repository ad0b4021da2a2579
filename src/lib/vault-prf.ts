import { listPasskeys } from '$lib/api/client';
import { vault } from '$lib/offline/vault';

/**
 * The passkey's PRF extension (WebAuthn L3 §10.1.4) as a second way to open the vault: the
 * authenticator computes HMAC(secret inside the passkey, salt), the same 32 bytes every time for the
 * same salt, and HKDF turns them into the key that wraps the vault key. Evaluated locally with
 * `navigator.credentials.get` and a random challenge: the assertion is never sent to the server (it is
 * not a sign-in), so it works offline. User verification is required: the passkey's fingerprint/PIN is
 * the proof of presence here, as the 6-digit PIN is for the other wrap.
 */

const b64u = {
	encode(bytes: ArrayBuffer | Uint8Array) {
		const u = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
		return btoa(String.fromCharCode(...u))
			.replace(/\+/g, '-')
			.replace(/\//g, '_')
			.replace(/=+$/, '');
	},
	decode(text: string) {
		const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
		return Uint8Array.from(s, (c) => c.charCodeAt(0));
	}
};

type PrfResults = { results?: { first?: ArrayBuffer } };

async function evaluate(salt: Uint8Array<ArrayBuffer>, credentialIds: string[]) {
	const credential = (await navigator.credentials.get({
		publicKey: {
			challenge: crypto.getRandomValues(new Uint8Array(32)),
			allowCredentials: credentialIds.map((id) => ({ type: 'public-key' as const, id: b64u.decode(id) })),
			userVerification: 'required',
			timeout: 120_000,
			extensions: { prf: { eval: { first: salt } } } as AuthenticationExtensionsClientInputs
		}
	})) as PublicKeyCredential | null;
	if (!credential) return null;
	const prf = (credential.getClientExtensionResults() as { prf?: PrfResults }).prf;
	const first = prf?.results?.first;
	return first ? { credentialId: b64u.encode(credential.rawId), output: first } : null;
}

export function prfPossible(): boolean {
	return typeof PublicKeyCredential !== 'undefined' && !!navigator.credentials;
}

/**
 * Adds the passkey wrap to the open vault. Asks only for this person's passkeys (from the server when
 * online), so on a shared phone someone else's passkey cannot be the one that opens this vault.
 * Returns false when the passkey has no PRF (the PIN stays the only way) or the person cancels.
 */
export async function enrollPrf(cuil: string): Promise<boolean> {
	const ids = (await listPasskeys()).passkeys.map((p) => p.id);
	if (ids.length === 0) return false;
	const prfSalt = crypto.getRandomValues(new Uint8Array(32));
	const result = await evaluate(prfSalt, ids).catch(() => null);
	if (!result) return false;
	await vault.addPrf(
		cuil,
		{ credentialId: result.credentialId, prfSalt },
		result.output,
		crypto.getRandomValues(new Uint8Array(16))
	);
	return true;
}

/** Opens the vault with the stored passkey: false when cancelled or the output does not fit. */
export async function unlockWithPasskey(cuil: string): Promise<boolean> {
	const info = await vault.prfInfo(cuil);
	if (!info) return false;
	const result = await evaluate(info.prfSalt, [info.credentialId]).catch(() => null);
	return result ? vault.unlockWithPrf(cuil, result.output) : false;
}

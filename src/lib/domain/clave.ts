/**
 * Clave de Seguridad Social rules shared by the page and the Worker. The full policy for choosing a clave
 * (character classes, personal data, strength, history, breached list) belongs to the clave issue; what
 * sign-in needs is only how a clave is measured and compared.
 */

/** NIST 800-63B 3.1.1.2: verifiers accept at least 64 characters; ours accept 128, never truncated. */
export const CLAVE_MAX_LENGTH = 128;

/** Length in characters (Unicode code points), as a person counts them. */
export function claveLength(clave: string): number {
	let n = 0;
	for (const _ of clave) n++;
	return n;
}

/**
 * The bytes a clave is hashed from. NFKC so that the same clave typed on an Android keyboard and on a
 * desktop (composed vs decomposed accents) gives the same hash (NIST 800-63B 3.1.1.2 asks verifiers to
 * normalise). Spaces are kept: they are part of what the person chose.
 */
export function claveBytes(clave: string): Uint8Array {
	return new TextEncoder().encode(clave.normalize('NFKC'));
}

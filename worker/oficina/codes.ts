import { CODIGO_ALFABETO, CODIGO_LARGO, normalizarCodigo } from '../../src/lib/domain/clave-provisoria';
import { codeMac } from '../auth/one-time-code';

/** The issue: a provisional code lives 72 hours, time to get home and find a computer or a phone. */
export const PROVISIONAL_TTL_MS = 72 * 3600_000;
/** Wrong tries per code before it stops working. With ~78 bits this only bounds wasted Argon2-free work. */
export const PROVISIONAL_MAX_ATTEMPTS = 5;

/** 16 characters, each uniform over the 30-letter alphabet (rejection sampling: no modulo bias). */
export function newProvisionalCode(): string {
	const limit = 256 - (256 % CODIGO_ALFABETO.length);
	let out = '';
	while (out.length < CODIGO_LARGO) {
		for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
			if (byte < limit && out.length < CODIGO_LARGO) out += CODIGO_ALFABETO[byte % CODIGO_ALFABETO.length];
		}
	}
	return out;
}

/**
 * Only HMAC(pepper, "provisoria:<citizen>" + code) is stored: a copy of the database cannot be tried
 * offline without the Worker secret, and a code is bound to the one account it was printed for.
 */
export function codeContext(pepper: Uint8Array, citizenId: number, typed: string): Promise<string> {
	return codeMac(pepper, `provisoria:${citizenId}`, normalizarCodigo(typed));
}

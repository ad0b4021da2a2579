/**
 * The 6-digit code that confirms a new email or phone. Same construction as the recovery codes
 * (worker/clave/routes.ts): uniform, stored as HMAC(pepper, change id + code) so a copy of the database
 * cannot be brute-forced through the million values without the Worker secret, compared in constant time.
 */
import { pepperBytes } from '../auth/clave-hash';

export function sixDigitCode(): string {
	const buf = new Uint32Array(1);
	for (;;) {
		crypto.getRandomValues(buf);
		// Rejection sampling keeps every value equally likely.
		if (buf[0] < 4_294_000_000) return String(buf[0] % 1_000_000).padStart(6, '0');
	}
}

export async function contactCodeMac(pepper: string, citizenId: number, valor: string, code: string) {
	const key = await crypto.subtle.importKey(
		'raw',
		pepperBytes(pepper) as Uint8Array<ArrayBuffer>,
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	// Bound to the person and the new value: a code for one change cannot confirm another.
	const mac = await crypto.subtle.sign(
		'HMAC',
		key,
		new TextEncoder().encode(`contacto:${citizenId}:${valor}:${code}`)
	);
	return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function constantTimeEqualHex(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

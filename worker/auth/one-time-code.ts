/**
 * Six-digit one-time codes (recovery, alta, a new email or phone). Uniform over the million values,
 * stored only as HMAC(pepper, context + code) so a copy of the database cannot be brute-forced without
 * the Worker secret, and compared in constant time. The context binds a code to its flow or change:
 * a code for one cannot confirm another.
 */

export function sixDigitCode(): string {
	const buf = new Uint32Array(1);
	for (;;) {
		crypto.getRandomValues(buf);
		// Rejection sampling keeps every value equally likely.
		if (buf[0] < 4_294_000_000) return String(buf[0] % 1_000_000).padStart(6, '0');
	}
}

export async function codeMac(pepper: Uint8Array, context: string, code: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		pepper as Uint8Array<ArrayBuffer>,
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${context}:${code}`));
	return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function constantTimeEqualHex(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

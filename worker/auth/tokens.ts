/** 128-bit random tokens (ASVS 5.0 7.2.3), sent to the browser in base64url, stored only as SHA-256. */
export function newToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The database keeps SHA-256(token) as hex: a leaked table or backup cannot be replayed as cookies, and
 * a 128-bit random token needs no slow hash.
 */
export async function tokenHash(token: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Tokens we issue are 22 base64url characters; anything else is not worth a database lookup. */
export function isWellFormedToken(value: string | undefined): value is string {
	return value !== undefined && /^[A-Za-z0-9_-]{22}$/.test(value);
}

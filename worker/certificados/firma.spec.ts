import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { armarJwks, clavesDe, parsearClavePrivada } from './firma';

const ACTUAL = {
	kty: 'EC',
	crv: 'P-256',
	x: 'AywGMVebsgjrNCicWCEEhes9s6_apAt3y2siAqHBwKw',
	y: 'cg74U2P77NUb77saXip-g9OjCkREcj9KxGLdlUKH1lU',
	d: '3xMBaKwvZaK_kzjVpqSRKL0uAqPv8FdV04vDU2w_6_g',
	kid: 'prod-2026-11'
};
const ANTERIOR = {
	kty: 'EC',
	crv: 'P-256',
	x: 'E4IBe44odsxnzJg-0PsOFqE94B0bUfnwTPEt4aBWhus',
	y: 'jK1FnHOldRRk4zeEqfWkjIoyyml65Djw8kHYQ3pgLqY',
	kid: 'prod-2025-11'
};

describe('signing keys', () => {
	it('accepts a private EC P-256 JWK with a kid, and nothing else', () => {
		expect(parsearClavePrivada(JSON.stringify(ACTUAL))?.kid).toBe('prod-2026-11');
		for (const malo of [
			undefined,
			'',
			'no es json',
			JSON.stringify({ ...ACTUAL, d: undefined }),
			JSON.stringify({ ...ACTUAL, kid: undefined }),
			JSON.stringify({ ...ACTUAL, crv: 'P-384' }),
			JSON.stringify({ ...ACTUAL, kty: 'RSA' }),
			JSON.stringify({ ...ACTUAL, kid: 'con espacios y / barras' }),
			JSON.stringify({ ...ACTUAL, x: 'corta' })
		])
			expect(parsearClavePrivada(malo), String(malo)).toBeNull();
	});

	it('publishes the current key first, then previous ones once each, public members only', () => {
		// A private key pasted into CERT_PREVIOUS_KEYS by mistake: its d must still never be published.
		const jwks = armarJwks(ACTUAL, JSON.stringify([{ ...ANTERIOR, d: ACTUAL.d }, ANTERIOR, ACTUAL]));
		expect(jwks.keys.map((k) => k.kid)).toEqual(['prod-2026-11', 'prod-2025-11']);
		expect(JSON.stringify(jwks)).not.toContain(ACTUAL.d);
		for (const k of jwks.keys)
			expect(Object.keys(k).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
		expect(jwks.keys[0]).toMatchObject({ alg: 'ES256', use: 'sig' });
	});

	it('skips malformed previous keys instead of hiding the current one', () => {
		expect(armarJwks(ACTUAL, 'no es json').keys).toHaveLength(1);
		expect(armarJwks(ACTUAL, JSON.stringify({ keys: [ANTERIOR] })).keys).toHaveLength(1);
		expect(armarJwks(ACTUAL, JSON.stringify([{ kty: 'EC' }, ANTERIOR])).keys).toHaveLength(2);
		expect(armarJwks(ACTUAL, undefined).keys).toHaveLength(1);
	});

	it('answers 503 firma_no_configurada when the secret is missing or unusable', () => {
		for (const CERT_SIGNING_KEY of [undefined, '', '{"kty":"EC"}']) {
			let error: unknown;
			try {
				clavesDe({ CERT_SIGNING_KEY, CERT_PREVIOUS_KEYS: undefined });
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(ApiError);
			expect(error).toMatchObject({ status: 503, code: 'firma_no_configurada' });
			// The message is for people, and names no secret.
			expect((error as Error).message).not.toContain('CERT_SIGNING_KEY');
		}
		const ok = clavesDe({
			CERT_SIGNING_KEY: JSON.stringify(ACTUAL),
			CERT_PREVIOUS_KEYS: JSON.stringify([ANTERIOR])
		});
		expect(ok.privada.kid).toBe('prod-2026-11');
		expect(ok.jwks.keys).toHaveLength(2);
	});
});

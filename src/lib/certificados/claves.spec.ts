import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

const JWKS = {
	keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1', alg: 'ES256', use: 'sig' }]
};

async function fresh() {
	vi.resetModules();
	return import('./claves');
}

afterEach(() => vi.unstubAllGlobals());

describe('the key set for verifying', () => {
	it('online: fetched from /api/keys and kept; offline: the kept one, marked as such', async () => {
		const fetch = vi.fn(
			async (_input: RequestInfo | URL, _init?: RequestInit) =>
				new Response(JSON.stringify(JWKS), { status: 200 })
		);
		vi.stubGlobal('fetch', fetch);
		vi.stubGlobal('navigator', { onLine: true });
		const online = await (await fresh()).clavesParaVerificar();
		expect(online).toEqual({ jwks: JWKS, fuente: 'red' });
		expect(String(fetch.mock.calls[0][0])).toBe('/api/keys');

		vi.stubGlobal('navigator', { onLine: false });
		const offline = await (await fresh()).clavesParaVerificar();
		expect(offline).toMatchObject({ jwks: JWKS, fuente: 'guardadas' });
		expect(fetch).toHaveBeenCalledTimes(1);
	});

	it('a network failure falls back to the kept set; a forced refresh skips the HTTP cache', async () => {
		vi.stubGlobal('navigator', { onLine: true });
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => new Response(JSON.stringify(JWKS)))
		);
		await (await fresh()).clavesParaVerificar();
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
		);
		expect(await (await fresh()).clavesParaVerificar()).toMatchObject({ fuente: 'guardadas' });

		const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(JWKS)));
		vi.stubGlobal('fetch', fetch);
		await (await fresh()).clavesParaVerificar({ forzar: true });
		expect(fetch.mock.calls[0][1]?.cache).toBe('no-cache');
	});
});

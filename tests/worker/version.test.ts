import { describe, expect, it } from 'vitest';
import { API_VERSION } from '../../src/lib/domain/api/version';
import { call, createCitizen, login, randomIp } from './helpers';

describe('the API version the page was built for', () => {
	it('answers 409 version_incompatible, in the one error shape, to a page built for another version', async () => {
		for (const sent of [String(API_VERSION + 1), '0', 'abc']) {
			const res = await call('/api/health', { headers: { 'x-api-version': sent } });
			expect(res.status).toBe(409);
			const body = await res.json<{ error: { code: string; message: string } }>();
			expect(body.error).toEqual({
				code: 'version_incompatible',
				message: 'Hay una versión nueva de mi ANSES. Actualizá la app para seguir.'
			});
			expect(res.headers.get('cache-control')).toBe('no-store');
		}
	});

	it('refuses before the route runs: a sign-in from an old page is not attempted', async () => {
		const { cuil } = await createCitizen({ clave: 'Mate-Lluvia-73!' });
		const res = await login(cuil, 'Mate-Lluvia-73!', {
			ip: randomIp(),
			headers: { 'x-api-version': String(API_VERSION + 1) }
		});
		expect(res.status).toBe(409);
		expect(res.headers.get('set-cookie')).toBeNull();
	});

	it('serves a page built for this version', async () => {
		const res = await call('/api/health', { headers: { 'x-api-version': String(API_VERSION) } });
		expect(res.status).toBe(200);
		const { cuil } = await createCitizen({ clave: 'Mate-Lluvia-73!' });
		const signIn = await login(cuil, 'Mate-Lluvia-73!', {
			ip: randomIp(),
			headers: { 'x-api-version': String(API_VERSION) }
		});
		expect(signIn.status).toBe(200);
	});

	it('serves a request without the header (curl, monitoring)', async () => {
		expect((await call('/api/health')).status).toBe(200);
	});
});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { WRONG_CREDENTIALS } from '../../worker/auth/login';
import { tokenHash } from '../../worker/auth/tokens';
import { call, cookieHeader, cookiesFrom, createCitizen, login, randomIp } from './helpers';
import { FAILURE_EVENT_DELAY_MS } from '../../worker/auth/login';

const CLAVE = 'Tornillo.Azul-58';

describe('clave sign-in', () => {
	it('opens a session for the right CUIL and clave, with or without dashes', async () => {
		const { cuil } = await createCitizen({ clave: CLAVE });
		const dashed = `${cuil.slice(0, 2)}-${cuil.slice(2, 10)}-${cuil.slice(10)}`;
		for (const typed of [cuil, dashed]) {
			const res = await login(typed, CLAVE, { ip: randomIp() });
			expect(res.status).toBe(200);
			const body = await res.json<{
				user: { cuil: string; nombres: string; nivel: number };
				session: { method: string };
			}>();
			expect(body.user).toMatchObject({ cuil, nombres: 'María Laura', nivel: 2 });
			expect(body.session.method).toBe('clave');
		}
	});

	it('answers a wrong clave, an unknown CUIL and a CUIL without clave with the same 401', async () => {
		const withClave = await createCitizen({ clave: CLAVE });
		const withoutClave = await createCitizen();
		const unknown = '20172543597';
		const bodies = [];
		for (const [cuil, clave] of [
			[withClave.cuil, 'otra-clave-1'],
			[unknown, CLAVE],
			[withoutClave.cuil, CLAVE]
		]) {
			const res = await login(cuil, clave, { ip: randomIp() });
			expect(res.status).toBe(401);
			expect(res.headers.getSetCookie()).toEqual([]);
			bodies.push(await res.json());
		}
		expect(bodies[0]).toEqual({ error: { code: 'credenciales_invalidas', message: WRONG_CREDENTIALS } });
		expect(bodies[1]).toEqual(bodies[0]);
		expect(bodies[2]).toEqual(bodies[0]);
	});

	it('sets the session cookie as __Host-, HttpOnly, Secure, SameSite=Strict and stores only its SHA-256', async () => {
		const { id, cuil } = await createCitizen({ clave: CLAVE });
		const res = await login(cuil, CLAVE, {
			headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 10)' },
			ip: '198.51.100.77'
		});
		const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-mia_sesion='))!;
		expect(setCookie).toBeDefined();
		const attrs = setCookie.split(';').map((a) => a.trim().toLowerCase());
		expect(attrs).toEqual(expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=strict']));
		expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
		const token = setCookie.split(';')[0].split('=')[1];
		// 128 bits of randomness, base64url.
		expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);

		const rows = await env.DB.prepare('SELECT * FROM sessions WHERE citizen_id = ?')
			.bind(id)
			.all<Record<string, unknown>>();
		expect(rows.results).toHaveLength(1);
		const row = rows.results[0];
		expect(row.token_hash).toBe(await tokenHash(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row).toMatchObject({
			auth_method: 'clave',
			ip: '198.51.100.77',
			user_agent: 'Mozilla/5.0 (Linux; Android 10)'
		});
		expect(row.created_at).toBe(row.last_seen_at);
	});

	it('records the sign-in and the failure as security events without any clave material', async () => {
		const { id, cuil } = await createCitizen({ clave: CLAVE });
		await login(cuil, 'una-clave-equivocada', { ip: randomIp() });
		await login(cuil, CLAVE, { ip: randomIp() });
		// Failure events are written a moment after the response (waitUntil, FAILURE_EVENT_DELAY_MS).
		await new Promise((r) => setTimeout(r, FAILURE_EVENT_DELAY_MS + 200));
		const events = await env.DB.prepare(
			'SELECT type, detail FROM security_events WHERE citizen_id = ? ORDER BY id'
		)
			.bind(id)
			.all<{ type: string; detail: string }>();
		expect(events.results.map((e) => e.type).sort()).toEqual(['ingreso', 'ingreso_fallido']);
		const all = JSON.stringify(events.results);
		expect(all).not.toContain(CLAVE);
		expect(all).not.toContain('una-clave-equivocada');
	});

	it('accepts 128 characters, pasted accents included, and never truncates', async () => {
		const long = 'ñ'.repeat(60) + 'Añoranza-2024!'.repeat(4) + 'xyzw123456789'; // 60 + 56 + 13 = 129
		const clave = long.slice(0, 128);
		expect([...clave]).toHaveLength(128);
		const { cuil } = await createCitizen({ clave });
		expect((await login(cuil, clave, { ip: randomIp() })).status).toBe(200);
		// Differs only in the last character: a verifier that truncated would let it in.
		expect((await login(cuil, clave.slice(0, 127) + 'Z', { ip: randomIp() })).status).toBe(401);
		const tooLong = await login(cuil, clave + 'a', { ip: randomIp() });
		expect(tooLong.status).toBe(400);
		expect((await tooLong.json<{ error: { code: string } }>()).error.code).toBe('datos_invalidos');
	});

	it('treats a composed and a decomposed accent as the same clave (Unicode NFKC)', async () => {
		const { cuil } = await createCitizen({ clave: 'Pe\u00f1arol-1891!' });
		expect((await login(cuil, 'Pen\u0303arol-1891!', { ip: randomIp() })).status).toBe(200);
	});

	it('upgrades a hash made with older Argon2 parameters at the next sign-in', async () => {
		const { id, cuil } = await createCitizen({ clave: CLAVE, params: { m: 4096, t: 1, p: 1 } });
		const before = await env.DB.prepare('SELECT hash FROM claves WHERE citizen_id = ?')
			.bind(id)
			.first<{ hash: string }>();
		expect(before!.hash).toContain('$m=4096,t=1,p=1$');
		expect((await login(cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
		const after = await env.DB.prepare('SELECT hash FROM claves WHERE citizen_id = ?')
			.bind(id)
			.first<{ hash: string }>();
		expect(after!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect((await login(cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
	});

	it('returns the signed-in person from GET /api/auth/session', async () => {
		const { cuil } = await createCitizen({ clave: CLAVE, nivel: 3 });
		const res = await login(cuil, CLAVE, { ip: randomIp() });
		const cookie = cookieHeader(cookiesFrom(res));
		const me = await call('/api/auth/session', { cookie });
		expect(me.status).toBe(200);
		expect(await me.json()).toMatchObject({ user: { cuil, nivel: 3 }, session: { method: 'clave' } });
		const none = await call('/api/auth/session');
		expect(none.status).toBe(401);
		expect(await none.json()).toMatchObject({ error: { code: 'sin_sesion' } });
	});
});

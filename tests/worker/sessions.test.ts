import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { tokenHash } from '../../worker/auth/tokens';
import { call, cookieHeader, cookiesFrom, createCitizen, login, randomIp } from './helpers';

const CLAVE = 'Mate-Lluvia-73!';
const MIN = 60_000;

async function signedIn() {
	const citizen = await createCitizen({ clave: CLAVE });
	const res = await login(citizen.cuil, CLAVE, { ip: randomIp() });
	expect(res.status).toBe(200);
	const token = cookiesFrom(res)['__Host-mia_sesion'];
	return {
		...citizen,
		token,
		cookie: cookieHeader({ '__Host-mia_sesion': token }),
		hash: await tokenHash(token)
	};
}

function setTimes(hash: string, times: { created_at?: number; last_seen_at?: number }) {
	return env.DB.prepare(
		'UPDATE sessions SET created_at = coalesce(?, created_at), last_seen_at = coalesce(?, last_seen_at) WHERE token_hash = ?'
	)
		.bind(times.created_at ?? null, times.last_seen_at ?? null, hash)
		.run();
}

const sessionRow = (hash: string) =>
	env.DB.prepare('SELECT * FROM sessions WHERE token_hash = ?').bind(hash).first<{ last_seen_at: number }>();

describe('sessions', () => {
	it('keeps a session alive while the person is active within 30 minutes', async () => {
		const s = await signedIn();
		await setTimes(s.hash, { last_seen_at: Date.now() - 29 * MIN });
		const res = await call('/api/auth/session', { cookie: s.cookie });
		expect(res.status).toBe(200);
		// Activity moves the idle deadline forward.
		expect((await sessionRow(s.hash))!.last_seen_at).toBeGreaterThan(Date.now() - MIN);
	});

	it('ends a session after 30 minutes without activity and deletes it', async () => {
		const s = await signedIn();
		await setTimes(s.hash, { last_seen_at: Date.now() - 31 * MIN });
		const res = await call('/api/auth/session', { cookie: s.cookie });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ error: { code: 'sin_sesion' } });
		expect(res.headers.getSetCookie().join()).toMatch(/__Host-mia_sesion=;.*Max-Age=0/);
		expect(await sessionRow(s.hash)).toBeNull();
	});

	it('ends a session 12 hours after sign-in however active the person is', async () => {
		const s = await signedIn();
		await setTimes(s.hash, { created_at: Date.now() - 12 * 60 * MIN - 1000, last_seen_at: Date.now() });
		expect((await call('/api/auth/session', { cookie: s.cookie })).status).toBe(401);
		expect(await sessionRow(s.hash)).toBeNull();
	});

	it('signs out on the server: the old cookie no longer works', async () => {
		const s = await signedIn();
		const out = await call('/api/auth/logout', { method: 'POST', cookie: s.cookie });
		expect(out.status).toBe(204);
		expect(out.headers.getSetCookie().join()).toMatch(/__Host-mia_sesion=;.*Max-Age=0/);
		expect(await sessionRow(s.hash)).toBeNull();
		expect((await call('/api/auth/session', { cookie: s.cookie })).status).toBe(401);
		const event = await env.DB.prepare(
			"SELECT 1 FROM security_events WHERE citizen_id = ? AND type = 'salida'"
		)
			.bind(s.id)
			.first();
		expect(event).not.toBeNull();
	});

	it('signing out twice, or without a session, is harmless', async () => {
		expect((await call('/api/auth/logout', { method: 'POST' })).status).toBe(204);
	});

	it('ignores forged, malformed or unprefixed session cookies', async () => {
		const s = await signedIn();
		for (const cookie of [
			'__Host-mia_sesion=AAAAAAAAAAAAAAAAAAAAAA',
			'__Host-mia_sesion=not a token',
			`mia_sesion=${s.token}`,
			`__Host-mia_sesion=${s.hash}`
		])
			expect((await call('/api/auth/session', { cookie })).status).toBe(401);
	});

	it('removes a citizen’s expired sessions when they sign in again', async () => {
		const s = await signedIn();
		await setTimes(s.hash, { last_seen_at: Date.now() - 2 * 60 * MIN });
		expect((await login(s.cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
		expect(await sessionRow(s.hash)).toBeNull();
		const { n } = (await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE citizen_id = ?')
			.bind(s.id)
			.first<{ n: number }>())!;
		expect(n).toBe(1);
	});
});

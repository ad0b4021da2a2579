import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { cuilForDni } from '../../src/lib/domain/cuil';
import { ACCOUNT_POLICY, IP_POLICY } from '../../worker/auth/throttle-policy';
import {
	cookieHeader,
	cookiesFrom,
	createCitizen,
	failTimes,
	login,
	randomIp,
	rewindThrottle,
	throttleFailures
} from './helpers';
import { FAILURE_EVENT_DELAY_MS } from '../../worker/auth/login';

const CLAVE = 'Girasol-Rio-91!';
/**
 * How many checks the policy allows in `elapsedMs`: the free ones, then one more each time a doubling
 * wait (1 s, 2 s, 4 s …) has fully passed. On a fast machine this is just `free`; a slow CI run that
 * takes seconds to push 200 requests through legitimately earns a few more, never 200.
 */
function allowedWithin(free: number, elapsedMs: number): number {
	return free + Math.floor(Math.log2(elapsedMs / 1000 + 1));
}

type ErrorBody = { error: { code: string; message: string; retryAfterSeconds?: number } };

describe('throttling per CUIL', () => {
	it('makes the person wait after three failures in a row, with Retry-After', async () => {
		const { cuil } = await createCitizen({ clave: CLAVE });
		for (let i = 0; i < ACCOUNT_POLICY.freeFailures; i++)
			expect((await login(cuil, `mal-${i}`, { ip: randomIp() })).status).toBe(401);
		const res = await login(cuil, CLAVE, { ip: randomIp() });
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('1');
		const body = await res.json<ErrorBody>();
		expect(body.error.code).toBe('demasiados_intentos');
		expect(body.error.message).toMatch(/Esperá 1 segundo/);
		await rewindThrottle(`cuil:${cuil}`, 1000);
		expect((await login(cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
		// A success clears the count.
		expect(await throttleFailures(`cuil:${cuil}`)).toBe(0);
	});

	it('pauses the clave path after 10 failures, even for the right clave, and says how to get in', async () => {
		const { id, cuil } = await createCitizen({ clave: CLAVE });
		const tenth = await failTimes(cuil, ACCOUNT_POLICY.roundSize);
		expect(tenth.status).toBe(429);
		const paused = await login(cuil, CLAVE, { ip: randomIp() });
		expect(paused.status).toBe(429);
		const body = await paused.json<ErrorBody>();
		expect(body.error.code).toBe('clave_pausada');
		expect(body.error.message).toMatch(/15 minutos/);
		expect(body.error.message).toMatch(/passkey/);
		expect(body.error.message).toMatch(/Olvidaste tu clave/);
		expect(body.error.retryAfterSeconds).toBeGreaterThan(14 * 60);
		expect(body.error.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
		await new Promise((r) => setTimeout(r, FAILURE_EVENT_DELAY_MS + 200));
		const event = await env.DB.prepare(
			"SELECT detail FROM security_events WHERE citizen_id = ? AND type = 'clave_pausada'"
		)
			.bind(id)
			.first();
		expect(event).not.toBeNull();

		await rewindThrottle(`cuil:${cuil}`, 15 * 60_000);
		expect((await login(cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
	});

	it('pauses a CUIL that does not exist in exactly the same way', async () => {
		const unknown = cuilForDni(9_999_999, 'F');
		const tenth = await failTimes(unknown, ACCOUNT_POLICY.roundSize);
		expect(tenth.status).toBe(429);
		expect((await tenth.json<ErrorBody>()).error.code).toBe('clave_pausada');
	});

	it('doubles the pause each round', async () => {
		const { cuil } = await createCitizen({ clave: CLAVE });
		await failTimes(cuil, 10);
		await rewindThrottle(`cuil:${cuil}`, 15 * 60_000);
		const second = await failTimes(cuil, 10);
		expect((await second.json<ErrorBody>()).error.message).toMatch(/30 minutos/);
	});

	it('still lets a device that signed in before use the clave while the account is paused', async () => {
		const { cuil } = await createCitizen({ clave: CLAVE });
		const first = await login(cuil, CLAVE, { ip: randomIp() });
		const device = cookiesFrom(first)['__Host-mia_dispositivo'];
		expect(device).toMatch(/^[A-Za-z0-9_-]{22}$/);

		await failTimes(cuil, 10);
		expect((await login(cuil, CLAVE, { ip: randomIp() })).status).toBe(429);

		const fromKnownDevice = await login(cuil, CLAVE, {
			ip: randomIp(),
			cookie: cookieHeader({ '__Host-mia_dispositivo': device })
		});
		expect(fromKnownDevice.status).toBe(200);
		// A device known to another account does not count for this one.
		const other = await createCitizen({ clave: CLAVE });
		const otherDevice = cookiesFrom(await login(other.cuil, CLAVE, { ip: randomIp() }))[
			'__Host-mia_dispositivo'
		];
		const stranger = await login(cuil, CLAVE, {
			ip: randomIp(),
			cookie: cookieHeader({ '__Host-mia_dispositivo': otherDevice })
		});
		expect(stranger.status).toBe(429);
	});

	it('counts a known device apart, with its own waits', async () => {
		const { cuil } = await createCitizen({ clave: CLAVE });
		const device = cookiesFrom(await login(cuil, CLAVE, { ip: randomIp() }))['__Host-mia_dispositivo'];
		const cookie = cookieHeader({ '__Host-mia_dispositivo': device });
		for (let i = 0; i < ACCOUNT_POLICY.freeFailures; i++)
			expect((await login(cuil, `mal-${i}`, { ip: randomIp(), cookie })).status).toBe(401);
		expect((await login(cuil, CLAVE, { ip: randomIp(), cookie })).status).toBe(429);
		// The account's own counter was not touched by the device's failures.
		expect(await throttleFailures(`cuil:${cuil}`)).toBe(0);
		expect((await login(cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
	});

	it('stops the clave path for good at 100 consecutive failures (NIST 800-63B), but not a known device', async () => {
		const { cuil } = await createCitizen({ clave: CLAVE });
		const device = cookiesFrom(await login(cuil, CLAVE, { ip: randomIp() }))['__Host-mia_dispositivo'];
		const stub = env.LOGIN_THROTTLE.getByName(`cuil:${cuil}`);
		await runInDurableObject(stub, async (_i, state) => {
			const at = Date.now() - 48 * 3600_000;
			await state.storage.put('state', {
				counters: {
					account: {
						failures: ACCOUNT_POLICY.hardLimit - 1,
						lastFailureAt: at,
						policy: 'account',
						touchedAt: at
					}
				},
				pending: {}
			});
		});
		const last = await login(cuil, 'la-numero-cien', { ip: randomIp() });
		expect(last.status).toBe(429);
		expect((await last.json<ErrorBody>()).error.code).toBe('clave_bloqueada');
		await rewindThrottle(`cuil:${cuil}`, 365 * 24 * 3600_000);
		const later = await login(cuil, CLAVE, { ip: randomIp() });
		expect((await later.json<ErrorBody>()).error.code).toBe('clave_bloqueada');
		expect(await throttleFailures(`cuil:${cuil}`)).toBe(ACCOUNT_POLICY.hardLimit);
		const known = await login(cuil, CLAVE, {
			ip: randomIp(),
			cookie: cookieHeader({ '__Host-mia_dispositivo': device })
		});
		expect(known.status).toBe(200);
	});

	it('lets no more than the allowed number of hash checks through 200 parallel wrong attempts', async () => {
		const { cuil } = await createCitizen({ clave: CLAVE });
		const started = Date.now();
		const responses = await Promise.all(
			Array.from({ length: 200 }, (_, i) => login(cuil, `paralelo-${i}`, { ip: `192.0.2.${(i % 20) + 1}` }))
		);
		const statuses = responses.map((r) => r.status);
		const checked = statuses.filter((s) => s === 401).length;
		// Every 401 is one Argon2 verification; every 429 was refused before hashing.
		expect(checked).toBeGreaterThan(0);
		expect(checked).toBeLessThanOrEqual(allowedWithin(ACCOUNT_POLICY.freeFailures, Date.now() - started));
		expect(statuses.filter((s) => s === 429)).toHaveLength(200 - checked);
		expect(await throttleFailures(`cuil:${cuil}`)).toBe(checked);
	});
});

describe('throttling per IP', () => {
	it('slows down one address spraying many CUILs, but not a person on a device they used before', async () => {
		const ip = '203.0.113.99';
		const victim = await createCitizen({ clave: CLAVE });
		const device = cookiesFrom(await login(victim.cuil, CLAVE, { ip }))['__Host-mia_dispositivo'];
		const targets = await Promise.all(
			Array.from({ length: IP_POLICY.freeFailures }, () => createCitizen({ clave: CLAVE }))
		);
		for (const t of targets) expect((await login(t.cuil, 'adivinanza', { ip })).status).toBe(401);
		const sprayed = await login((await createCitizen({ clave: CLAVE })).cuil, CLAVE, { ip });
		expect(sprayed.status).toBe(429);
		expect((await sprayed.json<ErrorBody>()).error.code).toBe('demasiados_intentos');
		const fromOwnPhone = await login(victim.cuil, CLAVE, {
			ip,
			cookie: cookieHeader({ '__Host-mia_dispositivo': device })
		});
		expect(fromOwnPhone.status).toBe(200);
	});

	it('bounds hash checks from one address under parallel attempts on many CUILs', async () => {
		const ip = '203.0.113.150';
		const attempts = 2 * IP_POLICY.freeFailures;
		const started = Date.now();
		const parallel = await Promise.all(
			Array.from({ length: attempts }, (_, i) => login(cuilForDni(41_000_000 + i, 'M'), 'x', { ip }))
		);
		const checked = parallel.filter((r) => r.status === 401).length;
		expect(checked).toBeGreaterThanOrEqual(IP_POLICY.freeFailures);
		expect(checked).toBeLessThanOrEqual(allowedWithin(IP_POLICY.freeFailures, Date.now() - started));
		expect(parallel.filter((r) => r.status === 429)).toHaveLength(attempts - checked);
	});
});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { tokenHash } from '../../worker/auth/tokens';
import { call, cookieHeader, cookiesFrom, createCitizen, lastMessage, login, randomIp } from './helpers';
import { FAILURE_EVENT_DELAY_MS } from '../../worker/auth/login';

const CLAVE = 'Girasol-Rio-91!';
const NUEVA = 'Tornado-Verde-2187!';
const OTRA = 'Cascada.Lenta.4096';
const ANSWERS = {
	escuela_primaria: 'Escuela N° 5 José Hernández',
	primera_mascota: 'Manchita',
	ciudad_padres: 'Córdoba'
};
type ErrorBody = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

async function signedIn(opts: Parameters<typeof createCitizen>[0] = {}) {
	const citizen = await createCitizen({ clave: CLAVE, answers: ANSWERS, ...opts });
	const res = await login(citizen.cuil, CLAVE, { ip: randomIp() });
	const token = cookiesFrom(res)['__Host-mia_sesion'];
	return { ...citizen, cookie: cookieHeader({ '__Host-mia_sesion': token }), hash: await tokenHash(token) };
}

const change = (cookie: string, body: Record<string, unknown>) =>
	call('/api/clave/cambio', { body: { aceptaPoliticas: true, ...body }, cookie, ip: randomIp() });

const count = async (sql: string, ...args: unknown[]) =>
	(await env.DB.prepare(sql)
		.bind(...args)
		.first<{ n: number }>())!.n;

describe('Gestión de Clave: change', () => {
	it('changes the clave: the new one works, the old one does not, other sessions close and the person is told', async () => {
		const s = await signedIn();
		const other = await login(s.cuil, CLAVE, { ip: randomIp() });
		const otherCookie = cookieHeader({ '__Host-mia_sesion': cookiesFrom(other)['__Host-mia_sesion'] });

		const res = await change(s.cookie, { claveActual: CLAVE, claveNueva: NUEVA, confirmacion: NUEVA });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ otrasSesionesCerradas: 1, avisoPor: 'email' });

		expect((await call('/api/auth/session', { cookie: s.cookie })).status).toBe(200);
		expect((await call('/api/auth/session', { cookie: otherCookie })).status).toBe(401);
		expect((await login(s.cuil, CLAVE, { ip: randomIp() })).status).toBe(401);
		expect((await login(s.cuil, NUEVA, { ip: randomIp() })).status).toBe(200);
		expect(
			await count(
				"SELECT count(*) AS n FROM security_events WHERE citizen_id = ? AND type = 'clave_cambiada'",
				s.id
			)
		).toBe(1);
		const message = await lastMessage(s.id, 'clave_cambiada');
		expect(message?.subject).toBe('Cambiaste tu Clave de Seguridad Social');
		expect(message?.body).toMatch(/\/clave\/no-fui-yo#[A-Za-z0-9_-]{22}/);
		expect(message?.body).not.toContain(NUEVA);
	});

	it('refuses a wrong current clave and keeps the old one', async () => {
		const s = await signedIn();
		const res = await change(s.cookie, { claveActual: 'no-es-esta', claveNueva: NUEVA, confirmacion: NUEVA });
		expect(res.status).toBe(401);
		expect((await login(s.cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
	});

	it('asks for the current clave unless the person just signed in with a passkey', async () => {
		const s = await signedIn();
		const res = await change(s.cookie, { claveNueva: NUEVA, confirmacion: NUEVA });
		expect(res.status).toBe(403);
		expect((await res.json<ErrorBody>()).error.code).toBe('falta_clave_actual');
	});

	it('enforces the policy on the API itself, whatever the page shows', async () => {
		const s = await signedIn();
		for (const weak of ['contraseña123', 'abc', '123456789', `Gomez${s.dni}!`, 'MariaLaura1980!']) {
			const res = await change(s.cookie, { claveActual: CLAVE, claveNueva: weak, confirmacion: weak });
			expect(res.status, weak).toBe(400);
			const body = await res.json<ErrorBody>();
			expect(body.error.code, weak).toBe('clave_no_cumple');
			expect(body.error.fields!.length, weak).toBeGreaterThan(0);
		}
		const mismatch = await change(s.cookie, { claveActual: CLAVE, claveNueva: NUEVA, confirmacion: OTRA });
		expect(mismatch.status).toBe(400);
		const unaccepted = await call('/api/clave/cambio', {
			body: { claveActual: CLAVE, claveNueva: NUEVA, confirmacion: NUEVA, aceptaPoliticas: false },
			cookie: s.cookie
		});
		expect(unaccepted.status).toBe(400);
		expect((await login(s.cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
	});

	it('refuses any of the last five claves', async () => {
		const s = await signedIn();
		expect(
			(await change(s.cookie, { claveActual: CLAVE, claveNueva: NUEVA, confirmacion: NUEVA })).status
		).toBe(200);
		const back = await change(s.cookie, { claveActual: NUEVA, claveNueva: CLAVE, confirmacion: CLAVE });
		expect(back.status).toBe(400);
		expect((await back.json<ErrorBody>()).error.fields![0].message).toMatch(/últimas 5 claves/);
		const same = await change(s.cookie, { claveActual: NUEVA, claveNueva: NUEVA, confirmacion: NUEVA });
		expect(same.status).toBe(400);
	});

	it('writes nothing when the batch fails midway: the old clave keeps working', async () => {
		const s = await signedIn();
		await env.DB.prepare(
			"CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox caído'); END"
		).run();
		try {
			const res = await change(s.cookie, { claveActual: CLAVE, claveNueva: NUEVA, confirmacion: NUEVA });
			expect(res.status).toBe(500);
			expect((await res.json<ErrorBody>()).error.code).toBe('error_interno');
		} finally {
			await env.DB.prepare('DROP TRIGGER fail_outbox').run();
		}
		expect((await login(s.cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
		expect(await count('SELECT count(*) AS n FROM clave_history WHERE citizen_id = ?', s.id)).toBe(0);
		expect(
			await count(
				"SELECT count(*) AS n FROM security_events WHERE citizen_id = ? AND type = 'clave_cambiada'",
				s.id
			)
		).toBe(0);
	});
});

async function startRecovery(cuil: string) {
	const res = await call('/api/clave/recuperacion/inicio', { body: { cuil } });
	expect(res.status).toBe(200);
	return res.json<{ recuperacion: string; preguntas: { id: keyof typeof ANSWERS; texto: string }[] }>();
}

async function answerRight(cuil: string) {
	const flow = await startRecovery(cuil);
	const res = await call('/api/clave/recuperacion/respuestas', {
		body: {
			recuperacion: flow.recuperacion,
			respuestas: flow.preguntas.map((q) => ({ id: q.id, respuesta: ANSWERS[q.id] }))
		},
		ip: randomIp()
	});
	return { flow, res };
}

async function codeFor(citizenId: number): Promise<string> {
	const m = await env.DB.prepare(
		"SELECT body FROM outbox WHERE citizen_id = ? AND kind LIKE 'codigo_%' ORDER BY id DESC LIMIT 1"
	)
		.bind(citizenId)
		.first<{ body: string }>();
	return /es (\d{6})\./.exec(m!.body)![1];
}

describe('Olvidé mi clave', () => {
	it('recovers with two answers AND the code sent to the email on file, closing every session', async () => {
		const s = await signedIn();
		const { flow, res } = await answerRight(s.cuil);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			canal: 'email',
			destino: expect.stringMatching(/^ma•••@example\.com$/)
		});
		const code = await codeFor(s.id);
		expect(
			(
				await call('/api/clave/recuperacion/codigo', {
					body: { recuperacion: flow.recuperacion, codigo: code },
					ip: randomIp()
				})
			).status
		).toBe(204);
		const done = await call('/api/clave/recuperacion/clave', {
			body: { recuperacion: flow.recuperacion, claveNueva: NUEVA, confirmacion: NUEVA, aceptaPoliticas: true }
		});
		expect(done.status).toBe(204);
		expect((await call('/api/auth/session', { cookie: s.cookie })).status).toBe(401);
		expect((await login(s.cuil, NUEVA, { ip: randomIp() })).status).toBe(200);
		expect((await lastMessage(s.id, 'clave_recuperada'))?.subject).toBe(
			'Recuperaste tu Clave de Seguridad Social'
		);
		// The same flow cannot be completed twice.
		const again = await call('/api/clave/recuperacion/clave', {
			body: { recuperacion: flow.recuperacion, claveNueva: OTRA, confirmacion: OTRA, aceptaPoliticas: true }
		});
		expect(again.status).toBe(400);
	});

	it('answers alone never grant access: the right answers with a wrong code fail', async () => {
		const s = await signedIn();
		const { flow } = await answerRight(s.cuil);
		const code = await codeFor(s.id);
		const wrong = code === '000000' ? '111111' : '000000';
		const res = await call('/api/clave/recuperacion/codigo', {
			body: { recuperacion: flow.recuperacion, codigo: wrong },
			ip: randomIp()
		});
		expect(res.status).toBe(401);
		expect((await res.json<ErrorBody>()).error.code).toBe('codigo_incorrecto');
		const skip = await call('/api/clave/recuperacion/clave', {
			body: { recuperacion: flow.recuperacion, claveNueva: NUEVA, confirmacion: NUEVA, aceptaPoliticas: true }
		});
		expect(skip.status).toBe(400);
		expect((await login(s.cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
	});

	it('wrong answers send no code, even with a valid flow', async () => {
		const s = await signedIn();
		const flow = await startRecovery(s.cuil);
		const before = await count('SELECT count(*) AS n FROM outbox WHERE citizen_id = ?', s.id);
		const res = await call('/api/clave/recuperacion/respuestas', {
			body: {
				recuperacion: flow.recuperacion,
				respuestas: flow.preguntas.map((q) => ({ id: q.id, respuesta: 'otra cosa' }))
			},
			ip: randomIp()
		});
		expect(res.status).toBe(401);
		expect(await count('SELECT count(*) AS n FROM outbox WHERE citizen_id = ?', s.id)).toBe(before);
		// A code guessed without the answers goes nowhere.
		expect(
			(
				await call('/api/clave/recuperacion/codigo', {
					body: { recuperacion: flow.recuperacion, codigo: '123456' }
				})
			).status
		).toBe(400);
	});

	it('normalises answers: case, accents and spaces do not matter', async () => {
		const s = await signedIn();
		const flow = await startRecovery(s.cuil);
		const sloppy: Record<string, string> = {
			escuela_primaria: '  escuela nº 5   jose HERNANDEZ ',
			primera_mascota: 'MANCHITA',
			ciudad_padres: 'cordoba'
		};
		const res = await call('/api/clave/recuperacion/respuestas', {
			body: {
				recuperacion: flow.recuperacion,
				respuestas: flow.preguntas.map((q) => ({ id: q.id, respuesta: sloppy[q.id] }))
			},
			ip: randomIp()
		});
		expect(res.status).toBe(200);
	});

	it('codes are single use and expire in 10 minutes', async () => {
		const s = await signedIn();
		const first = await answerRight(s.cuil);
		const code = await codeFor(s.id);
		const body = { recuperacion: first.flow.recuperacion, codigo: code };
		expect((await call('/api/clave/recuperacion/codigo', { body, ip: randomIp() })).status).toBe(204);
		expect((await call('/api/clave/recuperacion/codigo', { body, ip: randomIp() })).status).toBe(400);

		const second = await answerRight(s.cuil);
		const code2 = await codeFor(s.id);
		await env.DB.prepare('UPDATE recoveries SET code_expires_at = ? WHERE id = ?')
			.bind(Date.now() - 1, await tokenHash(second.flow.recuperacion))
			.run();
		const late = await call('/api/clave/recuperacion/codigo', {
			body: { recuperacion: second.flow.recuperacion, codigo: code2 },
			ip: randomIp()
		});
		expect(late.status).toBe(400);
		expect((await late.json<ErrorBody>()).error.code).toBe('codigo_vencido');
	});

	it('stops after five wrong codes', async () => {
		const s = await signedIn();
		const { flow } = await answerRight(s.cuil);
		const code = await codeFor(s.id);
		const wrong = code === '000000' ? '111111' : '000000';
		for (let i = 0; i < 5; i++) {
			const res = await call('/api/clave/recuperacion/codigo', {
				body: { recuperacion: flow.recuperacion, codigo: wrong },
				ip: randomIp()
			});
			expect([401, 429]).toContain(res.status);
			if (res.status === 429) i--;
			await (await import('./helpers')).rewindThrottle(`cuil:${s.cuil}`, 120_000);
		}
		const { rewindThrottle } = await import('./helpers');
		await rewindThrottle(`cuil:${s.cuil}`, 120_000);
		const right = await call('/api/clave/recuperacion/codigo', {
			body: { recuperacion: flow.recuperacion, codigo: code },
			ip: randomIp()
		});
		expect(right.status).toBe(400);
		expect((await right.json<ErrorBody>()).error.code).toBe('codigo_agotado');
	});

	it('throttles wrong answers per CUIL', async () => {
		const s = await signedIn();
		const statuses = [];
		for (let i = 0; i < 5; i++) {
			const flow = await startRecovery(s.cuil);
			const res = await call('/api/clave/recuperacion/respuestas', {
				body: {
					recuperacion: flow.recuperacion,
					respuestas: flow.preguntas.map((q) => ({ id: q.id, respuesta: `mal ${i}` }))
				},
				ip: randomIp()
			});
			statuses.push(res.status);
		}
		expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
		expect(statuses[3]).toBe(429);
		// Recovery failures have their own count: signing in with the clave still works.
		expect((await login(s.cuil, CLAVE, { ip: randomIp() })).status).toBe(200);
	});

	it('never reveals whether a CUIL exists', async () => {
		const s = await signedIn();
		const { cuilForDni } = await import('../../src/lib/domain/cuil');
		const unknown = cuilForDni(9_876_543, 'M');
		const real = await startRecovery(s.cuil);
		const fake = await startRecovery(unknown);
		expect(Object.keys(fake).sort()).toEqual(Object.keys(real).sort());
		expect(fake.preguntas).toHaveLength(2);
		// Asking again for the unknown CUIL draws from the same three questions, as for a real account.
		const seen = new Set<string>();
		for (let i = 0; i < 8; i++) (await startRecovery(unknown)).preguntas.forEach((q) => seen.add(q.id));
		expect(seen.size).toBeLessThanOrEqual(3);
		const wrongReal = await call('/api/clave/recuperacion/respuestas', {
			body: {
				recuperacion: real.recuperacion,
				respuestas: real.preguntas.map((q) => ({ id: q.id, respuesta: 'no sé' }))
			},
			ip: randomIp()
		});
		const anyFake = await call('/api/clave/recuperacion/respuestas', {
			body: {
				recuperacion: fake.recuperacion,
				respuestas: fake.preguntas.map((q) => ({ id: q.id, respuesta: 'no sé' }))
			},
			ip: randomIp()
		});
		expect(anyFake.status).toBe(wrongReal.status);
		expect(await anyFake.json()).toEqual(await wrongReal.json());
	});

	it('reopens a paused clave path once the person recovered it', async () => {
		const s = await signedIn();
		const { failTimes } = await import('./helpers');
		await failTimes(s.cuil, 10);
		expect((await login(s.cuil, CLAVE, { ip: randomIp() })).status).toBe(429);
		const { flow } = await answerRight(s.cuil);
		await call('/api/clave/recuperacion/codigo', {
			body: { recuperacion: flow.recuperacion, codigo: await codeFor(s.id) },
			ip: randomIp()
		});
		await call('/api/clave/recuperacion/clave', {
			body: { recuperacion: flow.recuperacion, claveNueva: NUEVA, confirmacion: NUEVA, aceptaPoliticas: true }
		});
		expect((await login(s.cuil, NUEVA, { ip: randomIp() })).status).toBe(200);
	});
});

describe('"No fui yo"', () => {
	it('closes every session and locks the account until the clave is recovered', async () => {
		const s = await signedIn();
		await change(s.cookie, { claveActual: CLAVE, claveNueva: NUEVA, confirmacion: NUEVA });
		const token = /no-fui-yo#([A-Za-z0-9_-]{22})/.exec((await lastMessage(s.id, 'clave_cambiada'))!.body)![1];
		expect((await call('/api/clave/no-fui-yo', { body: { token } })).status).toBe(204);
		expect((await call('/api/auth/session', { cookie: s.cookie })).status).toBe(401);
		const locked = await login(s.cuil, NUEVA, { ip: randomIp() });
		expect(locked.status).toBe(423);
		expect((await locked.json<ErrorBody>()).error.code).toBe('cuenta_bloqueada');
		expect((await call('/api/clave/no-fui-yo', { body: { token } })).status).toBe(400);

		const { flow } = await answerRight(s.cuil);
		await call('/api/clave/recuperacion/codigo', {
			body: { recuperacion: flow.recuperacion, codigo: await codeFor(s.id) },
			ip: randomIp()
		});
		const rec = await call('/api/clave/recuperacion/clave', {
			body: { recuperacion: flow.recuperacion, claveNueva: OTRA, confirmacion: OTRA, aceptaPoliticas: true }
		});
		expect(rec.status).toBe(204);
		expect((await login(s.cuil, OTRA, { ip: randomIp() })).status).toBe(200);
	});
});

describe('Alta: the first clave', () => {
	it('creates the clave with CUIL, DNI, número de trámite and a code, then signs in at nivel 2', async () => {
		const p = await createCitizen({ tramite: '00999888777' });
		const start = await call('/api/clave/alta/inicio', {
			body: { cuil: p.cuil, dni: p.dni, tramite: '00999888777' },
			ip: randomIp()
		});
		expect(start.status).toBe(200);
		const { alta } = await start.json<{ alta: string }>();
		const code = await codeFor(p.id);
		const res = await call('/api/clave/alta/confirmar', {
			body: {
				alta,
				codigo: code,
				preguntas: Object.entries(ANSWERS).map(([id, respuesta]) => ({ id, respuesta })),
				claveNueva: NUEVA,
				confirmacion: NUEVA,
				aceptaPoliticas: true
			}
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ user: { cuil: p.cuil, nivel: 2 } });
		expect(await count('SELECT count(*) AS n FROM security_answers WHERE citizen_id = ?', p.id)).toBe(3);
		expect((await login(p.cuil, NUEVA, { ip: randomIp() })).status).toBe(200);
		// A second alta for the same person is refused.
		const again = await call('/api/clave/alta/inicio', {
			body: { cuil: p.cuil, dni: p.dni, tramite: '00999888777' },
			ip: randomIp()
		});
		expect((await again.json<ErrorBody>()).error.code).toBe('ya_tiene_clave');
	});

	it('refuses a wrong número de trámite without sending a code', async () => {
		const p = await createCitizen({ tramite: '00999888777' });
		const res = await call('/api/clave/alta/inicio', {
			body: { cuil: p.cuil, dni: p.dni, tramite: '00999888778' },
			ip: randomIp()
		});
		expect(res.status).toBe(400);
		expect((await res.json<ErrorBody>()).error.code).toBe('datos_no_coinciden');
		expect(await lastMessage(p.id, 'codigo_alta')).toBeNull();
	});
});

describe('account activity', () => {
	it('lists events and open sessions, and closes one or all the others', async () => {
		const s = await signedIn();
		await login(s.cuil, 'equivocada', { ip: randomIp() });
		await login(s.cuil, CLAVE, { ip: randomIp() });
		await login(s.cuil, CLAVE, { ip: randomIp() });
		await new Promise((r) => setTimeout(r, FAILURE_EVENT_DELAY_MS + 200));
		const res = await call('/api/cuenta/actividad', { cookie: s.cookie });
		expect(res.status).toBe(200);
		const activity = await res.json<{
			eventos: { tipo: string; descripcion: string }[];
			sesiones: { id: string; actual: boolean }[];
		}>();
		expect(activity.eventos.map((e) => e.tipo)).toEqual(
			expect.arrayContaining(['ingreso', 'ingreso_fallido'])
		);
		expect(activity.eventos.find((e) => e.tipo === 'ingreso')!.descripcion).toBe(
			'Ingresaste a mi ANSES con tu clave'
		);
		expect(activity.sesiones).toHaveLength(3);
		const other = activity.sesiones.find((x) => !x.actual)!;
		expect(
			(await call(`/api/cuenta/sesiones/${other.id}`, { method: 'DELETE', cookie: s.cookie })).status
		).toBe(204);
		expect(
			(await call(`/api/cuenta/sesiones/${other.id}`, { method: 'DELETE', cookie: s.cookie })).status
		).toBe(404);
		expect(
			(await call('/api/cuenta/sesiones/cerrar-otras', { method: 'POST', cookie: s.cookie })).status
		).toBe(204);
		expect(await count('SELECT count(*) AS n FROM sessions WHERE citizen_id = ?', s.id)).toBe(1);
	});

	it('cannot close someone else’s session', async () => {
		const a = await signedIn();
		const b = await signedIn();
		const res = await call(`/api/cuenta/sesiones/${b.hash.slice(0, 16)}`, {
			method: 'DELETE',
			cookie: a.cookie
		});
		expect(res.status).toBe(404);
		expect((await call('/api/auth/session', { cookie: b.cookie })).status).toBe(200);
	});
});

describe('notifications', () => {
	it('tells the person about a sign-in from a new device, not from a known one', async () => {
		const p = await createCitizen({ clave: CLAVE });
		const first = await login(p.cuil, CLAVE, { ip: randomIp() });
		expect((await lastMessage(p.id))?.kind).toBe('ingreso_nuevo_dispositivo');
		await env.DB.prepare('DELETE FROM outbox WHERE citizen_id = ?').bind(p.id).run();
		const device = cookiesFrom(first)['__Host-mia_dispositivo'];
		await login(p.cuil, CLAVE, {
			ip: randomIp(),
			cookie: cookieHeader({ '__Host-mia_dispositivo': device })
		});
		expect(await lastMessage(p.id)).toBeNull();
	});

	it('serves the dev mailbox on localhost only', async () => {
		expect((await call('/api/dev/buzon')).status).toBe(200);
		const { exports } = await import('cloudflare:workers');
		const remote = await exports.default.fetch(new Request('https://mi.anses.example/api/dev/buzon'));
		expect(remote.status).toBe(404);
	});
});

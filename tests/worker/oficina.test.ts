import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { todayInArgentina } from '../../src/lib/domain/cronograma';
import { cuilForDni } from '../../src/lib/domain/cuil';
import {
	call,
	cookieHeader,
	cookiesFrom,
	createCitizen,
	lastMessage,
	login,
	randomIp,
	rewindThrottle
} from './helpers';
import { CLAVE, makeOperator, operatorSignedIn, passkeySignIn, sessionCookie, sessionFor } from './operators';

/** Issue 8, point 3: the office console (worker/oficina) and the provisional clave (/api/clave/provisoria). */
type ErrorBody = { error: { code: string; message: string } };
const TRAMITE = '00123456789';
const NEW_CLAVE = 'Yerba-Nube-Faro-47!';

async function errorCode(res: Response) {
	return (await res.json<ErrorBody>()).error.code;
}

async function auditRows(operatorId: number) {
	const { results } = await env.DB.prepare(
		'SELECT action, citizen_id, udai_id, at, detail FROM audit_log WHERE operator_id = ? ORDER BY id'
	)
		.bind(operatorId)
		.all<{ action: string; citizen_id: number | null; udai_id: number; at: number; detail: string | null }>();
	return results;
}

/** A nivel-2 person with a clave, signed in, with an appointment today at `udaiId`. */
async function citizenWithTurno(udaiId = 1) {
	const person = await createCitizen({ clave: CLAVE });
	const cookie = await sessionFor(person.id, 'clave');
	const now = Date.now();
	const { meta } = await env.DB.prepare(
		`INSERT INTO turnos (citizen_id, udai_id, motivo, fecha, hora, estado, created_at, updated_at)
		VALUES (?, ?, 'validacion_identidad', ?, '09:00', 'reservado', ?, ?)`
	)
		.bind(person.id, udaiId, todayInArgentina(), now, now)
		.run();
	return { ...person, cookie, turnoId: meta.last_row_id };
}

const validate = (cookie: string, body: Record<string, unknown>) =>
	call('/api/oficina/validaciones', { body, cookie });

const nivelOf = async (id: number) =>
	(await env.DB.prepare('SELECT nivel FROM citizens WHERE id = ?').bind(id).first<{ nivel: number }>())!
		.nivel;

describe('who may open the office console', () => {
	it('opens for an active nivel-3 operator who signed in with a passkey (real ceremonies)', async () => {
		const person = await createCitizen({ clave: CLAVE, nivel: 3 });
		await makeOperator(person.id, 3);
		const { cookie, clave } = await passkeySignIn(person.cuil);
		const res = await call('/api/oficina/yo', { cookie });
		expect(res.status).toBe(200);
		const body = await res.json<{ udai: { id: number; nombre: string } }>();
		expect(body.udai).toMatchObject({ id: 3, nombre: 'UDAI Córdoba Centro' });
		// The same operator, same day, signed in with the clave: refused, with its own code.
		const withClave = await call('/api/oficina/yo', { cookie: clave });
		expect(withClave.status).toBe(403);
		expect(await errorCode(withClave)).toBe('oficina_llave_requerida');
	});

	it('refuses an operator whose passkey session re-confirmed with the clave (the method is the last one used)', async () => {
		const op = await operatorSignedIn();
		expect((await call('/api/oficina/yo', { cookie: op.cookie })).status).toBe(200);
		const reauth = await call('/api/auth/reauth', {
			body: { clave: CLAVE },
			cookie: op.cookie,
			ip: randomIp()
		});
		expect(reauth.status).toBe(200);
		// Re-authentication renews the session token (ASVS 5.0 7.2.4): the old cookie is gone.
		expect((await call('/api/oficina/yo', { cookie: op.cookie })).status).toBe(401);
		const renewed = cookieHeader({ '__Host-mia_sesion': cookiesFrom(reauth)['__Host-mia_sesion'] });
		const res = await call('/api/oficina/yo', { cookie: renewed });
		expect(res.status).toBe(403);
		expect(await errorCode(res)).toBe('oficina_llave_requerida');
	});

	it('refuses a nivel-3 account with a passkey that is not an operator, and an inactive operator', async () => {
		const person = await createCitizen({ clave: CLAVE, nivel: 3 });
		const res = await call('/api/oficina/turnos', { cookie: await sessionFor(person.id, 'passkey') });
		expect(res.status).toBe(403);
		const body = await res.json<ErrorBody>();
		expect(body.error.code).toBe('oficina_no_es_operador');
		expect(body.error.message).toMatch(/solo para el personal de las oficinas/);

		const former = await createCitizen({ clave: CLAVE, nivel: 3 });
		await makeOperator(former.id, 1, 0);
		const inactive = await call('/api/oficina/turnos', { cookie: await sessionFor(former.id, 'passkey') });
		expect(await errorCode(inactive)).toBe('oficina_no_es_operador');
	});

	it('refuses an operator whose account is nivel 2, even with a passkey', async () => {
		const person = await createCitizen({ clave: CLAVE, nivel: 2 });
		await makeOperator(person.id);
		const res = await call('/api/oficina/yo', { cookie: await sessionFor(person.id, 'passkey') });
		expect(res.status).toBe(403);
		expect(await errorCode(res)).toBe('oficina_nivel_3_requerido');
	});

	it('never takes the level or the role from the request', async () => {
		const person = await createCitizen({ clave: CLAVE, nivel: 2 });
		const target = await citizenWithTurno();
		const cookie = await sessionFor(person.id, 'passkey');
		const claims = {
			'x-mi-anses-nivel': '3',
			'x-nivel': '3',
			'x-rol': 'operador',
			'x-operator-id': '1',
			'x-auth-method': 'passkey'
		};
		const res = await call('/api/oficina/validaciones', {
			body: {
				cuil: target.cuil,
				dniVisto: true,
				tramite: TRAMITE,
				nivel: 3,
				rol: 'operador',
				operador: true,
				udaiId: 1
			},
			cookie,
			headers: claims
		});
		expect(res.status).toBe(403);
		expect(await errorCode(res)).toBe('oficina_no_es_operador');
		expect(await nivelOf(target.id)).toBe(2);
		// A real operator cannot pick another office by asking for it: the list is of their own UDAI.
		const op = await operatorSignedIn(2);
		const list = await call('/api/oficina/turnos?udai=1&udaiId=1', { cookie: op.cookie, headers: claims });
		expect(list.status).toBe(200);
		const body = await list.json<{ udai: { id: number }; items: { id: number }[] }>();
		expect(body.udai.id).toBe(2);
		expect(body.items.map((t) => t.id)).not.toContain(target.turnoId);
		// And an extra field in a body is refused by the strict schema, not obeyed.
		const extra = await validate(op.cookie, {
			cuil: target.cuil,
			dniVisto: true,
			tramite: TRAMITE,
			nivel: 3
		});
		expect(extra.status).toBe(400);
	});

	it('refuses without a session', async () => {
		const res = await call('/api/oficina/turnos');
		expect(res.status).toBe(401);
	});
});

describe('in-person validation', () => {
	it('raises the level with grant, attended appointment, audit row and notice in one batch', async () => {
		const op = await operatorSignedIn();
		const person = await citizenWithTurno();

		const list = await call('/api/oficina/turnos', { cookie: op.cookie });
		expect(list.status).toBe(200);
		const day = await list.json<{ fecha: string; items: { id: number; ciudadano: { cuil: string } }[] }>();
		expect(day.fecha).toBe(todayInArgentina());
		expect(day.items.find((t) => t.id === person.turnoId)?.ciudadano.cuil).toBe(person.cuil);

		const found = await call('/api/oficina/busqueda', { body: { cuil: person.cuil }, cookie: op.cookie });
		expect(found.status).toBe(200);
		const who = await found.json<Record<string, unknown>>();
		expect(who).toMatchObject({ nivel: 2, tieneClave: true, turnos: [{ id: person.turnoId }] });
		// The número de trámite on record is never shown: the operator reads it off the card.
		expect(JSON.stringify(who)).not.toContain(TRAMITE);

		const res = await validate(op.cookie, {
			cuil: person.cuil,
			turnoId: person.turnoId,
			dniVisto: true,
			tramite: TRAMITE,
			notas: 'DNI tarjeta, vigente.'
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ nivel: 3, sesionesCerradas: 1, avisoPor: 'email' });

		expect(await nivelOf(person.id)).toBe(3);
		const grant = await env.DB.prepare(
			'SELECT udai_id, operator_id, turno_id, granted_at, notas FROM nivel_grants WHERE citizen_id = ?'
		)
			.bind(person.id)
			.first<{ udai_id: number; operator_id: number; turno_id: number; granted_at: number; notas: string }>();
		expect(grant).toMatchObject({
			udai_id: 1,
			operator_id: op.id,
			turno_id: person.turnoId,
			notas: 'DNI tarjeta, vigente.'
		});
		const turno = await env.DB.prepare('SELECT estado FROM turnos WHERE id = ?')
			.bind(person.turnoId)
			.first<{ estado: string }>();
		expect(turno?.estado).toBe('atendido');
		const rows = await auditRows(op.id);
		expect(rows.map((r) => r.action)).toEqual([
			'turnos_del_dia',
			'busqueda_ciudadano',
			'validacion_identidad'
		]);
		expect(rows[2]).toMatchObject({ citizen_id: person.id, udai_id: 1, at: grant!.granted_at });
		expect((await lastMessage(person.id))?.kind).toBe('nivel_3_otorgado');
		// Sessions opened before the counter do not inherit nivel 3; the next sign-in has it.
		expect((await call('/api/auth/session', { cookie: person.cookie })).status).toBe(401);
		const again = await login(person.cuil, CLAVE, { ip: randomIp() });
		expect((await again.json<{ user: { nivel: number } }>()).user.nivel).toBe(3);
	});

	it('leaves nothing behind when the batch fails half-way', async () => {
		const op = await operatorSignedIn();
		const person = await citizenWithTurno();
		await env.DB.prepare(
			`CREATE TRIGGER fail_nivel_notice BEFORE INSERT ON outbox WHEN NEW.kind = 'nivel_3_otorgado'
			BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`
		).run();
		try {
			const res = await validate(op.cookie, {
				cuil: person.cuil,
				turnoId: person.turnoId,
				dniVisto: true,
				tramite: TRAMITE
			});
			expect(res.status).toBe(500);
		} finally {
			await env.DB.prepare('DROP TRIGGER fail_nivel_notice').run();
		}
		expect(await nivelOf(person.id)).toBe(2);
		const counts = await env.DB.prepare(
			`SELECT (SELECT COUNT(*) FROM nivel_grants WHERE citizen_id = ?1) AS grants,
				(SELECT COUNT(*) FROM audit_log WHERE citizen_id = ?1) AS audits,
				(SELECT COUNT(*) FROM sessions WHERE citizen_id = ?1) AS sessions,
				(SELECT estado FROM turnos WHERE citizen_id = ?1) AS estado`
		)
			.bind(person.id)
			.first();
		expect(counts).toEqual({ grants: 0, audits: 0, sessions: 1, estado: 'reservado' });
	});

	it('cannot mark attended an appointment that stopped being reserved (its batch aborts)', async () => {
		const { SQL } = await import('../../worker/oficina/queries');
		const person = await citizenWithTurno();
		await env.DB.prepare("UPDATE turnos SET estado = 'cancelado' WHERE id = ?").bind(person.turnoId).run();
		await expect(
			env.DB.batch([
				env.DB.prepare(SQL.raiseNivel).bind(person.id),
				env.DB.prepare(SQL.attend).bind(person.turnoId, person.id, Date.now())
			])
		).rejects.toThrow(/CHECK constraint/);
		expect(await nivelOf(person.id)).toBe(2);
	});

	it('refuses a wrong número de trámite, and writes the refusal to the trail', async () => {
		const op = await operatorSignedIn();
		const person = await citizenWithTurno();
		const res = await validate(op.cookie, { cuil: person.cuil, dniVisto: true, tramite: '00999999999' });
		expect(res.status).toBe(422);
		expect(await errorCode(res)).toBe('tramite_no_coincide');
		expect(await nivelOf(person.id)).toBe(2);
		expect((await auditRows(op.id)).map((r) => [r.action, r.citizen_id])).toEqual([
			['validacion_rechazada', person.id]
		]);
		// Without the "DNI seen" box the schema refuses before anything happens.
		const unseen = await validate(op.cookie, { cuil: person.cuil, dniVisto: false, tramite: TRAMITE });
		expect(unseen.status).toBe(400);
	});

	it("refuses another office's appointment, a cancelled one, and the operator's own account", async () => {
		const op = await operatorSignedIn(1);
		const elsewhere = await citizenWithTurno(2);
		const res = await validate(op.cookie, {
			cuil: elsewhere.cuil,
			turnoId: elsewhere.turnoId,
			dniVisto: true,
			tramite: TRAMITE
		});
		expect(res.status).toBe(404);
		expect(await errorCode(res)).toBe('turno_no_encontrado');
		expect(await nivelOf(elsewhere.id)).toBe(2);

		const cancelled = await citizenWithTurno(1);
		await call(`/api/turnos/${cancelled.turnoId}`, { method: 'DELETE', cookie: cancelled.cookie });
		const late = await validate(op.cookie, {
			cuil: cancelled.cuil,
			turnoId: cancelled.turnoId,
			dniVisto: true,
			tramite: TRAMITE
		});
		expect(late.status).toBe(404);

		const self = await validate(op.cookie, { cuil: op.cuil, dniVisto: true, tramite: TRAMITE });
		expect(self.status).toBe(403);
		expect(await errorCode(self)).toBe('oficina_propia_cuenta');
	});
});

describe('in-person clave reset and the provisional code', () => {
	async function reset(opCookie: string, cuil: string) {
		const res = await call('/api/oficina/claves-provisorias', {
			body: { cuil, dniVisto: true, tramite: TRAMITE },
			cookie: opCookie
		});
		expect(res.status).toBe(201);
		return res.json<{ codigo: string; venceEn: string; sesionesCerradas: number }>();
	}
	const ingreso = (cuil: string, codigo: string) =>
		call('/api/clave/provisoria/ingreso', { body: { cuil, codigo }, ip: randomIp() });
	const elegir = (provisoria: string, clave: string) =>
		call('/api/clave/provisoria/clave', {
			body: { provisoria, claveNueva: clave, confirmacion: clave, aceptaPoliticas: true },
			ip: randomIp()
		});

	it('prints a single-use code, closes sessions, retires the clave, and forces a new clave first', async () => {
		const op = await operatorSignedIn();
		const person = await createCitizen({ clave: CLAVE });
		const before = await sessionFor(person.id, 'clave');
		const t0 = Date.now();
		const sheet = await reset(op.cookie, person.cuil);
		expect(sheet.codigo).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$/);
		expect(sheet.sesionesCerradas).toBe(1);
		const ttl = Date.parse(sheet.venceEn) - t0;
		expect(ttl).toBeGreaterThan(71 * 3600_000);
		expect(ttl).toBeLessThanOrEqual(72 * 3600_000 + 5_000);

		// Sessions revoked, old clave gone, trail and notice written.
		expect((await call('/api/auth/session', { cookie: before })).status).toBe(401);
		expect((await login(person.cuil, CLAVE, { ip: randomIp() })).status).toBe(401);
		expect((await auditRows(op.id)).map((r) => r.action)).toEqual(['clave_provisoria']);
		expect((await lastMessage(person.id))?.kind).toBe('clave_provisoria');
		// Stored only as a hash: the code appears in no row of the tables that mention the reset.
		const plain = sheet.codigo.replace(/-/g, '');
		const stored = await env.DB.prepare(
			`SELECT (SELECT group_concat(code_hash) FROM claves_provisorias WHERE citizen_id = ?1) AS codes,
				(SELECT group_concat(detail) FROM audit_log WHERE citizen_id = ?1) AS audit,
				(SELECT group_concat(body) FROM outbox WHERE citizen_id = ?1) AS mail,
				(SELECT group_concat(detail) FROM security_events WHERE citizen_id = ?1) AS events`
		)
			.bind(person.id)
			.first<Record<string, string | null>>();
		for (const value of Object.values(stored!)) {
			expect(value ?? '').not.toContain(plain);
			expect(value ?? '').not.toContain(sheet.codigo);
		}

		// The code alone opens no session: only the step that chooses the new clave.
		const ok = await ingreso(person.cuil, sheet.codigo.toLowerCase());
		expect(ok.status).toBe(200);
		expect(ok.headers.getSetCookie().join()).not.toContain('mia_sesion');
		const { provisoria } = await ok.json<{ provisoria: string }>();
		// The policy of the clave issue applies: a weak clave and the clave that was retired are refused.
		expect(await errorCode(await elegir(provisoria, 'contraseña123'))).toBe('clave_no_cumple');
		expect(await errorCode(await elegir(provisoria, CLAVE))).toBe('clave_no_cumple');
		const chosen = await elegir(provisoria, NEW_CLAVE);
		expect(chosen.status).toBe(200);
		const session = await call('/api/auth/session', { cookie: sessionCookie(chosen) });
		expect(session.status).toBe(200);

		// Single use: neither the code nor the step works again; the new clave does.
		expect(await errorCode(await ingreso(person.cuil, sheet.codigo))).toBe('codigo_provisorio_invalido');
		expect(await errorCode(await elegir(provisoria, 'Otra-Clave-Larga-93!'))).toBe('tramite_vencido');
		expect((await login(person.cuil, NEW_CLAVE, { ip: randomIp() })).status).toBe(200);
	});

	it('stops working once expired, once replaced by a newer code, and after five wrong tries', async () => {
		const op = await operatorSignedIn();
		const person = await createCitizen({ clave: CLAVE });
		const first = await reset(op.cookie, person.cuil);
		const second = await reset(op.cookie, person.cuil);
		expect(await errorCode(await ingreso(person.cuil, first.codigo))).toBe('codigo_provisorio_invalido');
		await rewindThrottle(`cuil:${person.cuil}`, 120_000);

		await env.DB.prepare(
			'UPDATE claves_provisorias SET expires_at = ? WHERE citizen_id = ? AND revoked_at IS NULL'
		)
			.bind(Date.now() - 1, person.id)
			.run();
		expect(await errorCode(await ingreso(person.cuil, second.codigo))).toBe('codigo_provisorio_invalido');
		await rewindThrottle(`cuil:${person.cuil}`, 120_000);

		const third = await reset(op.cookie, person.cuil);
		for (let i = 0; i < 5; i++) {
			expect((await ingreso(person.cuil, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ')).status).toBe(401);
			await rewindThrottle(`cuil:${person.cuil}`, 120_000);
		}
		expect(await errorCode(await ingreso(person.cuil, third.codigo))).toBe('codigo_provisorio_invalido');
	});

	it('lets only one of two simultaneous "choose your clave" submissions through', async () => {
		const op = await operatorSignedIn();
		const person = await createCitizen({ clave: CLAVE });
		const sheet = await reset(op.cookie, person.cuil);
		const { provisoria } = await (await ingreso(person.cuil, sheet.codigo)).json<{ provisoria: string }>();
		const results = await Promise.all([
			elegir(provisoria, NEW_CLAVE),
			elegir(provisoria, 'Otra-Clave-Larga-93!')
		]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
		const used = await env.DB.prepare(
			'SELECT COUNT(*) AS n FROM claves_provisorias WHERE citizen_id = ? AND used_at IS NOT NULL'
		)
			.bind(person.id)
			.first<{ n: number }>();
		expect(used?.n).toBe(1);
	});

	it('answers an unknown CUIL exactly like a wrong code', async () => {
		const res = await ingreso(cuilForDni(99_999_991, 'M'), 'ABCD-EFGH-JKMN-PQRS');
		expect(res.status).toBe(401);
		expect(await errorCode(res)).toBe('codigo_provisorio_invalido');
	});
});

describe('the audit trail', () => {
	it('has a row for every operator action, with operator, citizen, time and office', async () => {
		const op = await operatorSignedIn(4);
		const person = await createCitizen({ clave: CLAVE });
		const t0 = Date.now();
		await call('/api/oficina/turnos?fecha=2026-12-04', { cookie: op.cookie });
		await call('/api/oficina/busqueda', { body: { cuil: person.cuil }, cookie: op.cookie });
		const missing = await call('/api/oficina/busqueda', {
			body: { cuil: cuilForDni(99_999_992, 'M') },
			cookie: op.cookie
		});
		expect(missing.status).toBe(404);
		await validate(op.cookie, { cuil: person.cuil, dniVisto: true, tramite: '00000000000' });
		await call('/api/oficina/claves-provisorias', {
			body: { cuil: person.cuil, dniVisto: true, tramite: '00000000000' },
			cookie: op.cookie
		});
		await validate(op.cookie, { cuil: person.cuil, dniVisto: true, tramite: TRAMITE });
		await call('/api/oficina/claves-provisorias', {
			body: { cuil: person.cuil, dniVisto: true, tramite: TRAMITE },
			cookie: op.cookie
		});
		const rows = await auditRows(op.id);
		const expected = [
			['turnos_del_dia', null],
			['busqueda_ciudadano', person.id],
			['busqueda_ciudadano', null],
			['validacion_rechazada', person.id],
			['clave_provisoria_rechazada', person.id],
			['validacion_identidad', person.id],
			['clave_provisoria', person.id]
		];
		expect(rows.map((r) => [r.action, r.citizen_id])).toEqual(expected);
		for (const r of rows) {
			expect(r.udai_id).toBe(4);
			expect(r.at).toBeGreaterThanOrEqual(t0);
		}
	});

	it('offers no API that changes or deletes it', async () => {
		const doc = await (
			await call('/api/openapi.json')
		).json<{ paths: Record<string, Record<string, unknown>> }>();
		for (const [path, ops] of Object.entries(doc.paths)) {
			expect(path).not.toMatch(/audit|auditoria/i);
			if (path.startsWith('/api/oficina'))
				expect(Object.keys(ops).filter((m) => ['put', 'patch', 'delete'].includes(m))).toEqual([]);
		}
		const op = await operatorSignedIn();
		for (const method of ['PUT', 'PATCH', 'DELETE'])
			for (const path of [
				'/api/oficina/auditoria',
				'/api/oficina/auditoria/1',
				'/api/oficina/validaciones/1'
			]) {
				const res = await call(path, { method, cookie: op.cookie, body: {} });
				expect(res.status, `${method} ${path}`).toBe(404);
			}
	});
});

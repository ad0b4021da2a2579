import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCbu } from '../../src/lib/domain/cbu';
import { newToken, tokenHash } from '../../worker/auth/tokens';
import { cookieHeader, cookiesFrom, createCitizen, ORIGIN } from '../worker/helpers';
import { makeOperator, sessionFor } from '../worker/operators';
import { changesSince, lastChange, watchDatabase } from './db-watch';
import { endpoints, type Endpoint, type OpenApiDoc } from './openapi';
import { send } from './send';

/**
 * Issue 9, point 2: the attack scenarios the worker tests did not already cover (those are listed in
 * docs/SECURITY.md with their test names): session fixation, cross-site requests on every unsafe
 * operation, and another person's ids in every URL of the OpenAPI document.
 */
const CLAVE = 'Fijacion-Sesion-2026!';
const SUPER = '30694102871';
const OTRA = '30715339060';

let doc: OpenApiDoc;
let unsafe: Endpoint[];

function request(
	path: string,
	o: { method?: string; cookie?: string; body?: unknown; origin?: string | null; ip?: string } = {}
) {
	const headers: Record<string, string> = { 'cf-connecting-ip': o.ip ?? randomIp() };
	if (o.origin !== null) headers.origin = o.origin ?? ORIGIN;
	if (o.cookie) headers.cookie = o.cookie;
	if (o.body !== undefined) headers['content-type'] = 'application/json';
	return send(
		new Request(`${ORIGIN}${path}`, {
			method: o.method ?? (o.body !== undefined ? 'POST' : 'GET'),
			headers,
			body: o.body !== undefined ? JSON.stringify(o.body) : undefined
		})
	);
}

let ipCounter = 0;
const randomIp = () => `192.0.2.${(ipCounter++ % 250) + 1}`;

const sessionToken = (res: Response) => cookiesFrom(res)['__Host-mia_sesion'];

beforeAll(async () => {
	doc = await (await send(new Request(`${ORIGIN}/api/openapi.json`))).json<OpenApiDoc>();
	unsafe = endpoints(doc).filter((e) => e.method !== 'GET');
	await env.DB.prepare(
		`INSERT OR IGNORE INTO empleadores (cuit, razon_social) VALUES ('${SUPER}', 'Supermercados del Litoral S.A.'), ('${OTRA}', 'Panadería La Espiga S.R.L.')`
	).run();
	await watchDatabase();
});

describe('session fixation (ASVS 5.0 7.2.4)', () => {
	it('a session cookie planted before sign-in is replaced, and the planted token stops working', async () => {
		const attacker = await createCitizen({ clave: CLAVE });
		const victim = await createCitizen({ clave: CLAVE });
		// The attacker's own valid session, planted in the victim's browser.
		const planted = sessionToken(
			await request('/api/auth/login', { body: { cuil: attacker.cuil, clave: CLAVE } })
		);
		expect(planted).toBeTruthy();
		const res = await request('/api/auth/login', {
			body: { cuil: victim.cuil, clave: CLAVE },
			cookie: cookieHeader({ '__Host-mia_sesion': planted })
		});
		expect(res.status).toBe(200);
		const issued = sessionToken(res);
		expect(issued).toBeTruthy();
		expect(issued).not.toBe(planted);
		// The planted token is closed: the attacker cannot ride the victim's sign-in with it.
		const withPlanted = await request('/api/auth/session', {
			cookie: cookieHeader({ '__Host-mia_sesion': planted })
		});
		expect(withPlanted.status).toBe(401);
		const mine = await request('/api/auth/session', {
			cookie: cookieHeader({ '__Host-mia_sesion': issued })
		});
		expect(((await mine.json()) as { user: { cuil: string } }).user.cuil).toBe(victim.cuil);
	});

	it('a well-formed token the server never issued is never adopted as a session', async () => {
		const victim = await createCitizen({ clave: CLAVE });
		const forged = newToken();
		const res = await request('/api/auth/login', {
			body: { cuil: victim.cuil, clave: CLAVE },
			cookie: cookieHeader({ '__Host-mia_sesion': forged })
		});
		expect(res.status).toBe(200);
		expect(sessionToken(res)).not.toBe(forged);
		const row = await env.DB.prepare('SELECT 1 FROM sessions WHERE token_hash = ?')
			.bind(await tokenHash(forged))
			.first();
		expect(row).toBeNull();
		expect((await request('/api/auth/session', { cookie: `__Host-mia_sesion=${forged}` })).status).toBe(401);
	});

	it('re-authenticating with the clave issues a new token and ends the old one', async () => {
		const me = await createCitizen({ clave: CLAVE });
		const first = sessionToken(await request('/api/auth/login', { body: { cuil: me.cuil, clave: CLAVE } }));
		const res = await request('/api/auth/reauth', {
			body: { clave: CLAVE },
			cookie: cookieHeader({ '__Host-mia_sesion': first })
		});
		expect(res.status).toBe(200);
		const renewed = sessionToken(res);
		expect(renewed).toBeTruthy();
		expect(renewed).not.toBe(first);
		expect(
			(await request('/api/auth/session', { cookie: cookieHeader({ '__Host-mia_sesion': first }) })).status
		).toBe(401);
		expect(
			(await request('/api/auth/session', { cookie: cookieHeader({ '__Host-mia_sesion': renewed }) })).status
		).toBe(200);
	});

	it('a cookie without the __Host- prefix (settable by a subdomain or plain HTTP) is ignored', async () => {
		const victim = await createCitizen({ clave: CLAVE });
		const token = sessionToken(
			await request('/api/auth/login', { body: { cuil: victim.cuil, clave: CLAVE } })
		);
		expect((await request('/api/auth/session', { cookie: `mia_sesion=${token}` })).status).toBe(401);
		expect((await request('/api/auth/session', { cookie: `__Secure-mia_sesion=${token}` })).status).toBe(401);
	});
});

describe('cross-site requests (ASVS 5.0 3.5.1, 7.5.1): every unsafe operation of /api/openapi.json', () => {
	const cases: [string, string | null][] = [
		['a foreign Origin', 'https://evil.example'],
		['no Origin', null],
		['Origin null (sandboxed frame, file:)', 'null'],
		['a look-alike Origin', 'http://localhost:8787.evil.example']
	];
	for (const [what, origin] of cases)
		it(`answers ${what} with 403 origen_no_permitido before anything runs, and writes nothing`, async () => {
			const me = await createCitizen({ clave: CLAVE, nivel: 3 });
			await makeOperator(me.id, 1);
			expect(unsafe.length).toBeGreaterThan(30);
			for (const e of unsafe) {
				const cookie = await sessionFor(me.id, 'passkey');
				const before = await lastChange();
				const res = await request(e.path.replace(/\{(\w+)\}/g, '1'), {
					method: e.method,
					cookie,
					origin,
					body: e.op.requestBody ? { cuil: me.cuil, clave: CLAVE } : undefined
				});
				expect(res.status, `${e.method} ${e.path}`).toBe(403);
				expect(((await res.json()) as { error: { code: string } }).error.code).toBe('origen_no_permitido');
				expect(await changesSince(before), `${e.method} ${e.path}`).toEqual([]);
			}
		});
});

/**
 * Another person's ids, for every operation whose path carries an id. A new route with a path
 * parameter fails the first test until it is added to OTHERS below: that is the point.
 */
describe("another person's ids in every URL (ASVS 5.0 8.2.2)", () => {
	type Victim = Awaited<ReturnType<typeof victimWithEverything>>;
	let victim: Victim;
	let me: { id: number; cookie: () => Promise<string> };

	async function victimWithEverything() {
		const v = await createCitizen({ clave: CLAVE, nivel: 3 });
		const now = Date.now();
		const { meta: boca } = await env.DB.prepare(
			"INSERT INTO bocas_pago (banco, sucursal, domicilio, localidad, provincia) VALUES ('Banco Nación', '0085', 'Av. Rivadavia 2860', 'CABA', 'CABA')"
		).run();
		const { meta: prest } = await env.DB.prepare(
			`INSERT INTO prestaciones (citizen_id, tipo, denominacion, estado, motivo, alta, haber, boca_pago_id, cbu, updated_at)
			VALUES (?, 'jubilacion', 'Jubilación ordinaria', 'activa', 'Cobrás todos los meses.', '2015-03-01', 34929932, ?, ?, ?)`
		)
			.bind(v.id, boca.last_row_id, buildCbu('011', '85', String(v.id)), now)
			.run();
		const { meta: pago } = await env.DB.prepare(
			`INSERT INTO pagos (prestacion_id, citizen_id, periodo, fecha_pago, bruto, descuentos, neto, boca_pago_id)
			VALUES (?, ?, '2026-01', '2026-01-12', 100, 3, 97, ?)`
		)
			.bind(prest.last_row_id, v.id, boca.last_row_id)
			.run();
		const { meta: tramite } = await env.DB.prepare(
			"INSERT INTO tramites (citizen_id, tipo, datos, estado, created_at, updated_at) VALUES (?, 'jubilacion', '{}', 'iniciado', ?, ?)"
		)
			.bind(v.id, now, now)
			.run();
		const { meta: turno } = await env.DB.prepare(
			"INSERT INTO turnos (citizen_id, udai_id, motivo, fecha, hora, estado, created_at, updated_at) VALUES (?, 1, 'validacion_identidad', '2099-01-05', '10:00', 'reservado', ?, ?)"
		)
			.bind(v.id, now, now)
			.run();
		const passkeyId = `victima${v.id}`.padEnd(24, 'x');
		await env.DB.prepare(
			"INSERT INTO passkeys (id, citizen_id, public_key, aaguid, backup_eligible, backed_up, name, created_at) VALUES (?, ?, X'00', '00000000-0000-0000-0000-000000000000', 0, 0, 'Teléfono de la víctima', ?)"
		)
			.bind(passkeyId, v.id, now)
			.run();
		const cookie = await sessionFor(v.id, 'passkey');
		const sessionPrefix = (await tokenHash(cookie.split('=')[1])).slice(0, 16);
		const cert = await request('/api/certificados', { body: { tipo: 'cuil' }, cookie });
		expect(cert.status).toBe(201);
		const certId = ((await cert.json()) as { certificado: { id: number } }).certificado.id;
		return {
			...v,
			cookie,
			prestacion: prest.last_row_id,
			pago: pago.last_row_id,
			tramite: tramite.last_row_id,
			turno: turno.last_row_id,
			passkeyId,
			sessionPrefix,
			certId
		};
	}

	/** For each path with an id: the victim's value, and the body a real request would carry. */
	const OTHERS: Record<string, { path: (v: Victim) => string; body?: unknown; publicByDesign?: string }> = {
		'PATCH /api/passkeys/{id}': { path: (v) => `/api/passkeys/${v.passkeyId}`, body: { name: 'Mía ahora' } },
		'DELETE /api/passkeys/{id}': { path: (v) => `/api/passkeys/${v.passkeyId}` },
		'DELETE /api/cuenta/sesiones/{id}': { path: (v) => `/api/cuenta/sesiones/${v.sessionPrefix}` },
		'GET /api/servicios/pagos/{id}': { path: (v) => `/api/servicios/pagos/${v.pago}` },
		'GET /api/servicios/tramites/{id}': { path: (v) => `/api/servicios/tramites/${v.tramite}` },
		'GET /api/certificados/{id}': { path: (v) => `/api/certificados/${v.certId}` },
		'GET /api/certificados/{id}/pdf': { path: (v) => `/api/certificados/${v.certId}/pdf` },
		'POST /api/certificados/{id}/anular': { path: (v) => `/api/certificados/${v.certId}/anular` },
		'DELETE /api/turnos/{id}': { path: (v) => `/api/turnos/${v.turno}` },
		// The signed-in person represents SUPER only; OTRA is someone else's employer.
		'GET /api/corporativas/empleadores/{cuit}/empleados/{cuil}': {
			path: (v) => `/api/corporativas/empleadores/${OTRA}/empleados/${v.cuil.replaceAll('-', '')}`
		},
		'GET /api/certificados/verificar/{codigo}': {
			path: () => '/api/certificados/verificar/K7M3-Q9XD-2F4H',
			publicByDesign:
				'the printed code is the capability (anyone holding the paper may verify it); throttled per address'
		}
	};

	beforeAll(async () => {
		victim = await victimWithEverything();
		const c = await createCitizen({ clave: CLAVE, nivel: 3 });
		await makeOperator(c.id, 1);
		await env.DB.prepare(
			`INSERT INTO representantes (citizen_id, cuit, cargo, otorgado_at) VALUES (?, '${SUPER}', 'Recursos Humanos', ?)`
		)
			.bind(c.id, Date.now())
			.run();
		me = { id: c.id, cookie: () => sessionFor(c.id, 'passkey') };
	});

	it('knows every operation with a path parameter', () => {
		const withIds = endpoints(doc)
			.filter((e) => e.path.includes('{'))
			.map((e) => `${e.method} ${e.path}`);
		expect(withIds.filter((k) => !(k in OTHERS))).toEqual([]);
	});

	it('answers 403 or 404 with the victim’s ids, shows nothing of theirs and changes nothing', async () => {
		for (const e of endpoints(doc).filter((x) => x.path.includes('{'))) {
			const key = `${e.method} ${e.path}`;
			const o = OTHERS[key];
			if (!o || o.publicByDesign) continue;
			const cookie = await me.cookie();
			const before = await lastChange();
			const res = await request(o.path(victim), { method: e.method, cookie, body: o.body });
			const text = await res.text();
			expect([403, 404], `${key} → ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
			expect(text, key).not.toContain(victim.cuil.replaceAll('-', ''));
			expect(text, key).not.toContain(victim.cuil);
			expect(await changesSince(before), key).toEqual([]);
		}
	});

	it('the same ids work for their owner (so the 404s above are not just wrong ids)', async () => {
		for (const key of [
			'GET /api/servicios/pagos/{id}',
			'GET /api/servicios/tramites/{id}',
			'GET /api/certificados/{id}'
		]) {
			const res = await request(OTHERS[key].path(victim), { cookie: victim.cookie });
			expect(res.status, key).toBe(200);
		}
	});

	it("answers 404 for another person's benefit in a query string", async () => {
		const res = await request(`/api/servicios/pagos?prestacion=${victim.prestacion}`, {
			cookie: await me.cookie()
		});
		expect(res.status).toBe(404);
	});
});

describe('found by the fuzzer, kept as cases', () => {
	it('closing a session that does not exist answers 404 and writes no "sesión cerrada" event', async () => {
		const me = await createCitizen({ clave: CLAVE });
		const cookie = await sessionFor(me.id, 'clave');
		const before = await lastChange();
		const res = await request('/api/cuenta/sesiones/e0dcc70ff190c3e0', { method: 'DELETE', cookie });
		expect(res.status).toBe(404);
		expect(await changesSince(before)).toEqual([]);
		const events = await env.DB.prepare(
			"SELECT count(*) AS n FROM security_events WHERE citizen_id = ? AND type = 'sesion_cerrada'"
		)
			.bind(me.id)
			.first<{ n: number }>();
		expect(events!.n).toBe(0);
	});
});

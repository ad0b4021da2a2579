import { env } from 'cloudflare:workers';
import type {
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON
} from '@simplewebauthn/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayInArgentina } from '../../src/lib/domain/cronograma';
import { aportePersonal, mesesEntre } from '../../src/lib/domain/corporativas';
import {
	CertificacionResumen,
	CertificacionesDeEmpleadores,
	FichaEmpleado,
	MisEmpleadores
} from '../../src/lib/domain/api/corporativas';
import { CertificadoEmitido, Jwks, VerificacionEnLinea } from '../../src/lib/domain/api/certificados';
import { verificarGuardado, verificarPdf, type JSONWebKeySet } from '../../src/lib/domain/certificados/sello';
import { tokenHash } from '../../worker/auth/tokens';
import { call, cookieHeader, cookiesFrom, createCitizen, login, randomIp } from './helpers';
import { SoftAuthenticator } from './soft-authenticator';

/**
 * Aplicaciones corporativas (issue 8, point 4): nivel 3 only; a representative acts only for the
 * employers ANSES recorded for their account and only on people who worked there; what they certify is
 * validated and stored append-only, and only the employee can turn it into a certificate.
 */
const CLAVE = 'Balanza-Norte-62!';
type ErrorBody = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

const SUPER = { cuit: '30694102871', razon: 'Supermercados del Litoral S.A.' };
const OTRA = { cuit: '30715339060', razon: 'Panadería La Espiga de Paraná S.R.L.' };
const actual = () => todayInArgentina().slice(0, 7);

beforeAll(async () => {
	await env.DB.batch([
		env.DB.prepare('INSERT OR IGNORE INTO empleadores (cuit, razon_social, domicilio) VALUES (?, ?, ?)').bind(
			SUPER.cuit,
			SUPER.razon,
			'Av. Almirante Brown 1550, Paraná, Entre Ríos'
		),
		env.DB.prepare('INSERT OR IGNORE INTO empleadores (cuit, razon_social) VALUES (?, ?)').bind(
			OTRA.cuit,
			OTRA.razon
		)
	]);
});

async function signedIn(nivel: 2 | 3) {
	const c = await createCitizen({ clave: CLAVE, nivel });
	const res = await login(c.cuil, CLAVE, { ip: randomIp() });
	expect(res.status).toBe(200);
	const token = cookiesFrom(res)['__Host-mia_sesion'];
	return { ...c, token, cookie: cookieHeader({ '__Host-mia_sesion': token }) };
}

/** A nivel-3 account that represents SUPER (the table no API writes). */
async function representante() {
	const r = await signedIn(3);
	await env.DB.prepare(
		"INSERT INTO representantes (citizen_id, cuit, cargo, otorgado_at) VALUES (?, ?, 'Recursos Humanos', ?)"
	)
		.bind(r.id, SUPER.cuit, Date.now())
		.run();
	return r;
}

/** A person who worked at `cuit` from desde to hasta, with aportes declared every month but `sin`. */
async function exEmpleado(cuit: string, desde: string, hasta: string | null, sin: string[] = []) {
	const p = await signedIn(2);
	const { meta } = await env.DB.prepare(
		'INSERT INTO empleos (citizen_id, cuit, desde, hasta) VALUES (?, ?, ?, ?)'
	)
		.bind(p.id, cuit, desde, hasta)
		.run();
	const empleoId = meta.last_row_id;
	const meses = mesesEntre(desde, hasta ?? actual()).filter((m) => !sin.includes(m));
	await env.DB.batch(
		meses.map((m, i) =>
			env.DB.prepare(
				'INSERT INTO aportes (empleo_id, periodo, remuneracion, aportes) VALUES (?, ?, ?, ?)'
			).bind(empleoId, m, 120_000_000 + i * 1_000_000, aportePersonal(120_000_000 + i * 1_000_000))
		)
	);
	return { ...p, empleoId };
}

const count = async () =>
	(await env.DB.prepare('SELECT count(*) AS n FROM certificaciones_servicios').first<{ n: number }>())!.n;

function certificacion(
	e: { cuil: string; empleoId: number },
	desde: string,
	hasta: string,
	over: Record<string, unknown> = {}
) {
	return {
		cuit: SUPER.cuit,
		cuil: e.cuil,
		empleoId: e.empleoId,
		desde,
		hasta,
		remuneraciones: mesesEntre(desde, hasta).map((periodo) => ({ periodo, remuneracion: 150_000_000 })),
		declaracionJurada: true,
		...over
	};
}

const certificar = (cookie: string, body: unknown) =>
	call('/api/corporativas/certificaciones', { cookie, body });

describe('nivel 3 only', () => {
	it('marks every corporate operation with x-mi-anses-nivel: 3 in /api/openapi.json', async () => {
		const doc = await (
			await call('/api/openapi.json')
		).json<{
			paths: Record<string, Record<string, Record<string, unknown>>>;
		}>();
		const ops = Object.entries(doc.paths)
			.filter(([path]) => path.startsWith('/api/corporativas'))
			.flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
		expect(ops.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
			'get /api/corporativas/certificaciones',
			'get /api/corporativas/empleadores',
			'get /api/corporativas/empleadores/{cuit}/empleados/{cuil}',
			'post /api/corporativas/certificaciones'
		]);
		for (const o of ops) expect(o.op['x-mi-anses-nivel'], `${o.method} ${o.path}`).toBe(3);
	});

	it('refuses a nivel-2 session on each route with a 403 in Spanish, and writes nothing', async () => {
		const n2 = await signedIn(2);
		// Even if the table says so: the level is read from the session, on every request.
		await env.DB.prepare(
			"INSERT INTO representantes (citizen_id, cuit, cargo, otorgado_at) VALUES (?, ?, 'Gerente', ?)"
		)
			.bind(n2.id, SUPER.cuit, Date.now())
			.run();
		const e = await exEmpleado(SUPER.cuit, '2024-01', '2024-06');
		const before = await count();
		const routes: [string, unknown?][] = [
			['/api/corporativas/empleadores'],
			[`/api/corporativas/empleadores/${SUPER.cuit}/empleados/${e.cuil}`],
			['/api/corporativas/certificaciones'],
			['/api/corporativas/certificaciones', certificacion(e, '2024-01', '2024-06')]
		];
		for (const [path, body] of routes) {
			const res = await call(path, { cookie: n2.cookie, body });
			expect(res.status, path).toBe(403);
			const { error } = await res.json<ErrorBody>();
			expect(error.code).toBe('nivel_3_requerido');
			expect(error.message).toContain('nivel 3');
			expect(error.message).toContain('turno');
		}
		expect(await count()).toBe(before);
	});

	it('refuses a nivel-2 session signed in with a passkey just now (a passkey is not nivel 3)', async () => {
		const p = await signedIn(2);
		const auth = new SoftAuthenticator();
		const options = await (
			await call('/api/passkeys/registration/options', { body: {}, cookie: p.cookie })
		).json<PublicKeyCredentialCreationOptionsJSON>();
		const reg = await call('/api/passkeys/registration/verify', {
			body: { response: await auth.register(options) },
			cookie: p.cookie
		});
		expect(reg.status).toBe(201);
		const ask = await (
			await call('/api/passkeys/authentication/options', { body: {} })
		).json<PublicKeyCredentialRequestOptionsJSON>();
		const signIn = await call('/api/passkeys/authentication/verify', {
			body: { response: await auth.authenticate(ask) }
		});
		expect(signIn.status).toBe(200);
		const cookie = cookieHeader({ '__Host-mia_sesion': cookiesFrom(signIn)['__Host-mia_sesion'] });
		const res = await call('/api/corporativas/empleadores', { cookie });
		expect(res.status).toBe(403);
		expect((await res.json<ErrorBody>()).error.code).toBe('nivel_3_requerido');
	});

	it('answers 401 without a session', async () => {
		expect((await call('/api/corporativas/empleadores')).status).toBe(401);
	});
});

describe('a representative', () => {
	it('sees only the employers recorded for the account', async () => {
		const r = await representante();
		const res = await call('/api/corporativas/empleadores', { cookie: r.cookie });
		expect(res.status).toBe(200);
		const { items } = MisEmpleadores.parse(await res.json());
		expect(items).toEqual([
			{
				cuit: SUPER.cuit,
				razonSocial: SUPER.razon,
				domicilio: 'Av. Almirante Brown 1550, Paraná, Entre Ríos',
				cargo: 'Recursos Humanos'
			}
		]);
	});

	it('gets a former employee prefilled from the declared aportes, a month without declaration empty', async () => {
		const r = await representante();
		const e = await exEmpleado(SUPER.cuit, '2025-04', '2026-03', ['2025-07']);
		const res = await call(`/api/corporativas/empleadores/${SUPER.cuit}/empleados/${e.cuil}`, {
			cookie: r.cookie
		});
		expect(res.status).toBe(200);
		const ficha = FichaEmpleado.parse(await res.json());
		expect(ficha.empleado.nombre).toBe('María Laura Gómez');
		expect(ficha.empleos).toHaveLength(1);
		const [em] = ficha.empleos;
		expect(em).toMatchObject({
			id: e.empleoId,
			desde: '2025-04',
			hasta: '2026-03',
			ultimoCertificable: '2026-03'
		});
		expect(em.meses.map((m) => m.periodo)).toEqual(mesesEntre('2025-04', '2026-03'));
		expect(em.meses[0]).toEqual({ periodo: '2025-04', remuneracion: 120_000_000, aportes: 13_200_000 });
		expect(em.meses.find((m) => m.periodo === '2025-07')).toEqual({
			periodo: '2025-07',
			remuneracion: null,
			aportes: null
		});
	});

	it('cannot act for an employer it does not represent (403) nor on someone who never worked there (404)', async () => {
		const r = await representante();
		const enOtra = await exEmpleado(OTRA.cuit, '2023-01', '2023-12');
		const before = await count();

		const ajena = await call(`/api/corporativas/empleadores/${OTRA.cuit}/empleados/${enOtra.cuil}`, {
			cookie: r.cookie
		});
		expect(ajena.status).toBe(403);
		expect((await ajena.json<ErrorBody>()).error.code).toBe('no_representa');
		const post = await certificar(r.cookie, {
			...certificacion(enOtra, '2023-01', '2023-12'),
			cuit: OTRA.cuit
		});
		expect(post.status).toBe(403);

		// The person exists but worked elsewhere: the same 404 as a CUIL nobody has.
		const noTrabajo = await call(`/api/corporativas/empleadores/${SUPER.cuit}/empleados/${enOtra.cuil}`, {
			cookie: r.cookie
		});
		expect(noTrabajo.status).toBe(404);
		const nadie = await call(`/api/corporativas/empleadores/${SUPER.cuit}/empleados/27999999996`, {
			cookie: r.cookie
		});
		expect(nadie.status).toBe(404);
		const a = await noTrabajo.json<ErrorBody>();
		const b = await nadie.json<ErrorBody>();
		expect(a).toEqual(b);
		expect(a.error.message).toContain(SUPER.razon);
		const post2 = await certificar(r.cookie, certificacion(enOtra, '2023-01', '2023-12'));
		expect(post2.status).toBe(404);

		// An employment id of another company, named with this company's CUIT, is not found either.
		const e = await exEmpleado(SUPER.cuit, '2023-01', '2023-12');
		const cruzado = await certificar(r.cookie, {
			...certificacion(e, '2023-01', '2023-12'),
			empleoId: enOtra.empleoId
		});
		expect(cruzado.status).toBe(404);
		expect(await count()).toBe(before);
	});

	it('cannot certify its own services', async () => {
		const r = await representante();
		const { meta } = await env.DB.prepare(
			"INSERT INTO empleos (citizen_id, cuit, desde, hasta) VALUES (?, ?, '2020-01', '2020-12')"
		)
			.bind(r.id, SUPER.cuit)
			.run();
		const res = await certificar(
			r.cookie,
			certificacion({ cuil: r.cuil, empleoId: meta.last_row_id }, '2020-01', '2020-12')
		);
		expect(res.status).toBe(403);
		expect((await res.json<ErrorBody>()).error.code).toBe('propios_servicios');
	});

	it('refuses periods and amounts out of range with a 4xx and writes nothing', async () => {
		const r = await representante();
		const e = await exEmpleado(SUPER.cuit, '2025-04', '2026-03');
		const base = certificacion(e, '2025-04', '2026-03');
		const meses = base.remuneraciones;
		const before = await count();
		const casos: [string, unknown, number, string?][] = [
			['before the employment', certificacion(e, '2025-03', '2026-03'), 422, 'desde'],
			['after the employment', certificacion(e, '2025-04', '2026-04'), 422, 'hasta'],
			[
				'inverted',
				{ ...certificacion(e, '2025-04', '2026-03'), desde: '2026-03', hasta: '2025-04' },
				422,
				'hasta'
			],
			['a month missing', { ...base, remuneraciones: meses.slice(1) }, 422, 'remuneraciones'],
			[
				'a month twice',
				{ ...base, remuneraciones: [...meses, meses[0]] },
				422,
				`remuneraciones.${meses.length}`
			],
			[
				'a month outside the period',
				{ ...base, remuneraciones: [...meses.slice(1), { periodo: '2024-01', remuneracion: 1 }] },
				422
			],
			[
				'a negative amount',
				{ ...base, remuneraciones: [{ ...meses[0], remuneracion: -1 }, ...meses.slice(1)] },
				400
			],
			[
				'a fraction of a centavo',
				{ ...base, remuneraciones: [{ ...meses[0], remuneracion: 1.5 }, ...meses.slice(1)] },
				400
			],
			[
				'an absurd amount',
				{ ...base, remuneraciones: [{ ...meses[0], remuneracion: 1e12 }, ...meses.slice(1)] },
				400
			],
			['not a month', { ...base, desde: '2025-13' }, 400],
			['without the sworn statement', { ...base, declaracionJurada: false }, 400],
			['an extra field', { ...base, aportes: 1 }, 400]
		];
		for (const [name, body, status, path] of casos) {
			const res = await certificar(r.cookie, body);
			expect(res.status, name).toBe(status);
			const { error } = await res.json<ErrorBody>();
			if (path)
				expect(
					error.fields?.map((f) => f.path),
					name
				).toContain(path);
		}
		// A job still going on can be certified up to the current month, never a future one.
		const vigente = await exEmpleado(SUPER.cuit, addMonths(actual(), -2), null);
		const futuro = await certificar(
			r.cookie,
			certificacion(vigente, addMonths(actual(), -2), addMonths(actual(), 1))
		);
		expect(futuro.status).toBe(422);
		expect(await count()).toBe(before);
	});

	it('must have signed in in the last 5 minutes to certify', async () => {
		const r = await representante();
		const e = await exEmpleado(SUPER.cuit, '2024-01', '2024-03');
		await env.DB.prepare('UPDATE sessions SET authenticated_at = ? WHERE token_hash = ?')
			.bind(Date.now() - 6 * 60_000, await tokenHash(r.token))
			.run();
		const before = await count();
		const res = await certificar(r.cookie, certificacion(e, '2024-01', '2024-03'));
		expect(res.status).toBe(403);
		expect((await res.json<ErrorBody>()).error.code).toBe('reautenticacion_requerida');
		expect(await count()).toBe(before);
	});
});

describe('after certifying', () => {
	it('stores who, for which employer and when (append-only); only the employee issues and verifies the certificate', async () => {
		const r = await representante();
		const e = await exEmpleado(SUPER.cuit, '2025-04', '2026-03');
		const body = certificacion(e, '2025-10', '2026-03');
		body.remuneraciones[0].remuneracion = 155_000_075;
		const res = await certificar(r.cookie, body);
		expect(res.status).toBe(201);
		const hecha = CertificacionResumen.parse(await res.json());
		expect(hecha).toMatchObject({ cuit: SUPER.cuit, desde: '2025-10', hasta: '2026-03', meses: 6 });
		expect(hecha.total).toBe(155_000_075 + 5 * 150_000_000);

		const row = await env.DB.prepare(
			'SELECT citizen_id, empleo_id, cuit, representante_id, certificado_at, remuneraciones FROM certificaciones_servicios WHERE id = ?'
		)
			.bind(hecha.id)
			.first<Record<string, unknown>>();
		expect(row).toMatchObject({
			citizen_id: e.id,
			empleo_id: e.empleoId,
			cuit: SUPER.cuit,
			representante_id: r.id
		});
		expect(Math.abs(Number(row!.certificado_at) - Date.now())).toBeLessThan(60_000);
		expect(JSON.parse(String(row!.remuneraciones))[0]).toEqual({
			periodo: '2025-10',
			remuneracion: 155_000_075,
			aportes: aportePersonal(155_000_075)
		});
		await expect(
			env.DB.prepare("UPDATE certificaciones_servicios SET cuit = '30000000000' WHERE id = ?")
				.bind(hecha.id)
				.run()
		).rejects.toThrow(/solo agregado/);
		await expect(
			env.DB.prepare('DELETE FROM certificaciones_servicios WHERE id = ?').bind(hecha.id).run()
		).rejects.toThrow(/solo agregado/);

		// The representative's history and the employee's file both show it.
		const historial = await (
			await call('/api/corporativas/certificaciones', { cookie: r.cookie })
		).json<{
			items: { id: number }[];
		}>();
		expect(historial.items.map((i) => i.id)).toEqual([hecha.id]);

		// The employee sees it among their employers' certifications; someone else does not.
		const lista = CertificacionesDeEmpleadores.parse(
			await (await call('/api/certificados/de-empleadores', { cookie: e.cookie })).json()
		);
		expect(lista.items).toMatchObject([{ id: hecha.id, cuit: SUPER.cuit, razonSocial: SUPER.razon }]);
		const otro = await signedIn(2);
		const ajena = CertificacionesDeEmpleadores.parse(
			await (await call('/api/certificados/de-empleadores', { cookie: otro.cookie })).json()
		);
		expect(ajena.items).toEqual([]);
		const pedido = { tipo: 'servicios_remuneraciones', certificacion: hecha.id };
		for (const cookie of [otro.cookie, r.cookie]) {
			const res = await call('/api/certificados', { cookie, body: pedido });
			expect(res.status).toBe(404);
			expect((await res.json<ErrorBody>()).error.code).toBe('certificacion_no_encontrada');
		}

		// The employee issues it with the usual machinery: PDF, QR, two signatures, public verification.
		const emitido = await call('/api/certificados', { cookie: e.cookie, body: pedido });
		expect(emitido.status).toBe(201);
		const cert = CertificadoEmitido.parse(await emitido.json());
		expect(cert.certificado).toMatchObject({
			tipo: 'servicios_remuneraciones',
			titulo: 'Certificación de Servicios y Remuneraciones',
			estado: 'vigente'
		});
		expect(cert.datos.texto).toMatch(
			/^Supermercados del Litoral S\.A\., CUIT 30-69410287-1, con domicilio en/
		);
		expect(cert.datos.texto).toContain('María Laura Gómez');
		expect(cert.datos.texto).toContain('entre octubre de 2025 y marzo de 2026');
		expect(cert.datos.tabla?.filas).toEqual([
			['Mes', 'Remuneración', 'Aportes personales (11 %)'],
			['10/2025', '$ 1.550.000,75', '$ 170.500,08'],
			...mesesEntre('2025-11', '2026-03').map((m) => [
				`${m.slice(5)}/${m.slice(0, 4)}`,
				'$ 1.500.000,00',
				'$ 165.000,00'
			])
		]);

		const pdf = await call(`/api/certificados/${cert.certificado.id}/pdf`, { cookie: e.cookie });
		expect(pdf.status).toBe(200);
		const bytes = new Uint8Array(await pdf.arrayBuffer());
		const keys = Jwks.parse(await (await call('/api/keys')).json()) as JSONWebKeySet;
		expect((await verificarPdf(bytes, keys)).ok).toBe(true);
		const g = await verificarGuardado(
			{ qr: cert.qr, sello: cert.sello, datos: cert.datos, pdf: bytes },
			keys
		);
		expect(g.ok).toBe(true);
		if (g.ok)
			expect(g.claims).toMatchObject({
				t: 'servicios_remuneraciones',
				s: e.cuil,
				d: {
					empleador: SUPER.cuit,
					desde: '2025-10',
					hasta: '2026-03',
					meses: 6,
					remuneraciones: hecha.total
				}
			});
		// Someone else cannot download the employee's PDF.
		expect((await call(`/api/certificados/${cert.certificado.id}/pdf`, { cookie: r.cookie })).status).toBe(
			404
		);

		const publica = await call(`/api/certificados/verificar/${cert.certificado.codigo}`, { ip: randomIp() });
		expect(publica.status).toBe(200);
		expect(VerificacionEnLinea.parse(await publica.json())).toMatchObject({
			tipo: 'servicios_remuneraciones',
			estado: 'vigente',
			titular: { cuil: expect.stringContaining(e.cuil.slice(2, 10)) }
		});
	});
});

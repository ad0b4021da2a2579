import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { argon2 } from '../../worker/auth/argon2';
import { hashClave, pepperBytes } from '../../worker/auth/clave-hash';
import { buildCbu } from '../../src/lib/domain/cbu';
import { addMonths, todayInArgentina } from '../../src/lib/domain/cronograma';
import { cuilForDni } from '../../src/lib/domain/cuil';
import {
	CertificadoEmitido,
	Jwks,
	ListaCertificados,
	ResultadoNegativa,
	VerificacionEnLinea,
	type CertificadoEmitido as Emitido
} from '../../src/lib/domain/api/certificados';
import {
	SELLO_VERSION,
	firmar,
	jwsDeTexto,
	selloDePdf,
	verificarGuardado,
	verificarJws,
	verificarPdf,
	type JSONWebKeySet
} from '../../src/lib/domain/certificados/sello';
import { mesesNegativa, venceEl } from '../../src/lib/domain/certificados/tipos';
import { call, cookieHeader, cookiesFrom, login, randomIp } from './helpers';
import { TEST_KEYS } from './test-keys';

const CLAVE = 'Girasol-Rio-91!';
type ErrorBody = { error: { code: string; message: string; retryAfterSeconds?: number } };

let claveHash: string;
const usedDnis = new Set<number>();
const EMPLEADORES = [
	['30708123446', 'Ferretería El Tornillo S.R.L.'],
	['30546651234', 'Metalúrgica Córdoba Norte S.A.'],
	['33710457789', 'Logística Mediterránea S.A.'],
	['30682309150', 'Laboratorios San Jerónimo S.A.']
] as const;

beforeAll(async () => {
	claveHash = hashClave(await argon2(), pepperBytes(env.CLAVE_PEPPER), CLAVE);
	await env.DB.batch(
		EMPLEADORES.map(([cuit, razon]) =>
			env.DB.prepare('INSERT OR IGNORE INTO empleadores (cuit, razon_social) VALUES (?, ?)').bind(cuit, razon)
		)
	);
});

/** A signed-in person (with a name that has ñ and tildes: the PDF must carry it). */
async function person(nombres = 'Sofía Inés', apellidos = 'Muñoz Núñez') {
	let dni: number;
	do dni = 20_000_000 + Math.floor(Math.random() * 9_000_000);
	while (usedDnis.has(dni));
	usedDnis.add(dni);
	const cuil = cuilForDni(dni, 'F');
	const now = Date.now();
	const { meta } = await env.DB.prepare(
		`INSERT INTO citizens (cuil, dni, nombres, apellidos, sexo, fecha_nacimiento, email, telefono, nivel, created_at)
		VALUES (?, ?, ?, ?, 'F', '1990-08-14', ?, '+54 9 11 4000-0000', 2, ?)`
	)
		.bind(cuil, String(dni), nombres, apellidos, `p.${dni}@example.com`, now)
		.run();
	const id = meta.last_row_id;
	await env.DB.prepare('INSERT INTO claves (citizen_id, hash, created_at, updated_at) VALUES (?, ?, ?, ?)')
		.bind(id, claveHash, now, now)
		.run();
	const res = await login(cuil, CLAVE, { ip: randomIp() });
	expect(res.status).toBe(200);
	const cookie = cookieHeader({ '__Host-mia_sesion': cookiesFrom(res)['__Host-mia_sesion'] });
	return { id, cuil, dni: String(dni), cookie };
}

/** An employment with one aporte row per month from desde to hasta (or to this month). */
async function empleo(citizenId: number, k: number, desde: string, hasta: string | null) {
	const { meta } = await env.DB.prepare(
		'INSERT INTO empleos (citizen_id, cuit, desde, hasta) VALUES (?, ?, ?, ?)'
	)
		.bind(citizenId, EMPLEADORES[k][0], desde, hasta)
		.run();
	const id = meta.last_row_id;
	const fin = hasta ?? todayInArgentina().slice(0, 7);
	const rows: D1PreparedStatement[] = [];
	for (let m = desde; m <= fin; m = addMonths(m, 1))
		rows.push(
			env.DB.prepare(
				'INSERT INTO aportes (empleo_id, periodo, remuneracion, aportes) VALUES (?, ?, 150000000, 16500000)'
			).bind(id, m)
		);
	await env.DB.batch(rows);
	return id;
}

async function prestacion(
	citizenId: number,
	p: { tipo?: string; estado?: string; hijo?: string; denominacion?: string; baja?: string } = {}
) {
	const { meta } = await env.DB.prepare(
		`INSERT INTO prestaciones (citizen_id, tipo, denominacion, estado, motivo, alta, baja, haber, hijo_nombre, cbu, updated_at)
		VALUES (?, ?, ?, ?, 'Cobrás todos los meses.', '2016-05-02', ?, 34929932, ?, ?, ?)`
	)
		.bind(
			citizenId,
			p.tipo ?? 'jubilacion',
			p.denominacion ?? 'Jubilación ordinaria',
			p.estado ?? 'activa',
			p.baja ?? null,
			p.hijo ?? null,
			buildCbu('011', '85', String(citizenId)),
			Date.now()
		)
		.run();
	const id = meta.last_row_id;
	const periodo = addMonths(todayInArgentina().slice(0, 7), -1);
	if ((p.estado ?? 'activa') === 'activa')
		await env.DB.prepare(
			`INSERT INTO pagos (prestacion_id, citizen_id, periodo, fecha_pago, bruto, descuentos, neto)
			VALUES (?, ?, ?, ?, 41929932, 1047898, 40882034)`
		)
			.bind(id, citizenId, periodo, `${periodo}-12`)
			.run();
	return id;
}

async function emitir(cookie: string, body: unknown) {
	return call('/api/certificados', { cookie, body });
}

async function emitido(cookie: string, body: unknown): Promise<Emitido> {
	const res = await emitir(cookie, body);
	const json = await res.json();
	expect(res.status, JSON.stringify(json)).toBe(201);
	return CertificadoEmitido.parse(json);
}

async function jwks(): Promise<JSONWebKeySet> {
	return Jwks.parse(await (await call('/api/keys')).json()) as JSONWebKeySet;
}

async function pdfDe(cookie: string, id: number) {
	const res = await call(`/api/certificados/${id}/pdf`, { cookie });
	expect(res.status).toBe(200);
	return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const meses = () => mesesNegativa(todayInArgentina());

describe('the public key set', () => {
	it('publishes the current and the previous key, public parts only, cacheable for an hour', async () => {
		const res = await call('/api/keys');
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
		const body = Jwks.parse(await res.json());
		expect(body.keys.map((k) => k.kid)).toEqual([TEST_KEYS.actual.kid, TEST_KEYS.anterior.kid]);
		expect(JSON.stringify(body)).not.toContain(TEST_KEYS.actual.d);
		expect(body.keys.every((k) => !('d' in k))).toBe(true);
	});

	it('leaves every other API answer no-store', async () => {
		const res = await call('/api/certificados');
		expect(res.headers.get('cache-control')).toBe('no-store');
	});
});

describe('issuing, downloading and verifying', () => {
	it('issues a Constancia de CUIL whose PDF, QR and data verify against /api/keys', async () => {
		const p = await person();
		const cert = await emitido(p.cookie, { tipo: 'cuil' });
		expect(cert.certificado).toMatchObject({ tipo: 'cuil', estado: 'vigente', titulo: 'Constancia de CUIL' });
		expect(cert.certificado.vence).toBe(venceEl('cuil', todayInArgentina()));
		expect(cert.datos.texto).toContain('Sofía Inés Muñoz Núñez');
		expect(cert.datos.texto).toMatch(/^ANSES certifica que/);

		const { res, bytes } = await pdfDe(p.cookie, cert.certificado.id);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-length')).toBe(String(bytes.length));
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="cuil-${cert.certificado.codigo}.pdf"`
		);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(bytes.length).toBe(cert.certificado.pdfBytes);
		expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
		expect(selloDePdf(bytes)).toBe(cert.sello);

		const keys = await jwks();
		const pdf = await verificarPdf(bytes, keys);
		expect(pdf.ok).toBe(true);
		const guardado = await verificarGuardado(
			{ qr: cert.qr, sello: cert.sello, datos: cert.datos, pdf: bytes },
			keys
		);
		expect(guardado.ok).toBe(true);
		if (!guardado.ok) return;
		expect(guardado.kid).toBe(TEST_KEYS.actual.kid);
		expect(guardado.claims).toMatchObject({
			v: SELLO_VERSION,
			c: cert.certificado.codigo,
			t: 'cuil',
			s: p.cuil,
			n: 'Sofía Inés Muñoz Núñez',
			d: { dni: p.dni },
			i: cert.certificado.emitido,
			e: cert.certificado.vence
		});

		// GET /{id} gives back exactly what the issue answered.
		const again = CertificadoEmitido.parse(
			await (await call(`/api/certificados/${cert.certificado.id}`, { cookie: p.cookie })).json()
		);
		expect(again).toEqual(cert);
	});

	it('fails verification when any byte of the PDF changes: start, middle, seal, last byte', async () => {
		const p = await person();
		const cert = await emitido(p.cookie, { tipo: 'cuil' });
		const { bytes } = await pdfDe(p.cookie, cert.certificado.id);
		const keys = await jwks();
		const tail = new TextDecoder('latin1').decode(bytes.subarray(bytes.length - 1500));
		const sealAt = bytes.length - 1500 + tail.indexOf('%MIANSES-SELLO ') + 40;
		for (const at of [
			0,
			7,
			Math.floor(bytes.length / 2),
			bytes.length - 1500 - 20,
			sealAt,
			bytes.length - 30,
			bytes.length - 1
		]) {
			const copia = bytes.slice();
			copia[at] ^= 0x01;
			const r = await verificarPdf(copia, keys);
			expect(r.ok, `byte ${at} of ${bytes.length}`).toBe(false);
			const g = await verificarGuardado(
				{ qr: cert.qr, sello: cert.sello, datos: cert.datos, pdf: copia },
				keys
			);
			expect(g.ok).toBe(false);
		}
		// Bytes added after the seal are refused too.
		const extra = new Uint8Array(bytes.length + 3);
		extra.set(bytes);
		extra.set([0x25, 0x25, 0x0a], bytes.length);
		expect((await verificarPdf(extra, keys)).ok).toBe(false);
	});

	it('fails verification when any byte of the QR payload changes, or the data changes', async () => {
		const p = await person();
		const cert = await emitido(p.cookie, { tipo: 'cuil' });
		const keys = await jwks();
		const [h, payload, sig] = cert.qr.split('.');
		const alfabeto = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		for (let i = 0; i < payload.length; i++) {
			const otro = alfabeto[(alfabeto.indexOf(payload[i]) + 1) % 64];
			const cambiado = `${h}.${payload.slice(0, i)}${otro}${payload.slice(i + 1)}.${sig}`;
			const r = await verificarJws(cambiado, keys);
			expect(r.ok, `payload character ${i}`).toBe(false);
		}
		expect((await verificarJws(cert.qr, keys)).ok).toBe(true);
		// The QR as scanned (a Verificar URL) carries the same JWS.
		expect(jwsDeTexto(`http://localhost:8787/verificar#${cert.qr}`)).toBe(cert.qr);
		const { bytes } = await pdfDe(p.cookie, cert.certificado.id);
		const datos = { ...cert.datos, texto: cert.datos.texto.replace('certifica', 'certifico') };
		const g = await verificarGuardado({ qr: cert.qr, sello: cert.sello, datos, pdf: bytes }, keys);
		expect(g).toMatchObject({ ok: false, motivo: 'datos_modificados' });
	});

	it('refuses a certificate signed with a key the set does not hold, and accepts a rotated-out key', async () => {
		const p = await person();
		const cert = await emitido(p.cookie, { tipo: 'cuil' });
		const keys = await jwks();
		const sinActual = { keys: keys.keys.filter((k) => k.kid !== TEST_KEYS.actual.kid) };
		expect(await verificarJws(cert.qr, sinActual)).toMatchObject({ ok: false, motivo: 'clave_desconocida' });

		// A certificate signed before a rotation (with the key now in CERT_PREVIOUS_KEYS) still verifies.
		const viejo = await firmar(
			{
				v: 1,
				c: 'K7M3-Q9XD-2F4H',
				t: 'cuil',
				s: p.cuil,
				n: 'X',
				d: { dni: p.dni },
				i: '2025-06-01',
				e: '2026-05-31'
			},
			TEST_KEYS.anterior
		);
		expect(await verificarJws(viejo, keys)).toMatchObject({ ok: true, kid: TEST_KEYS.anterior.kid });
		// And one signed with a key nobody published does not.
		const ajena = await firmar(
			{ v: 1, c: 'K7M3-Q9XD-2F4H', t: 'cuil', s: p.cuil, n: 'X', d: {}, i: '2025-06-01', e: '2026-05-31' },
			{ ...TEST_KEYS.anterior, kid: 'desconocida-1' }
		);
		expect(await verificarJws(ajena, keys)).toMatchObject({ ok: false, motivo: 'clave_desconocida' });
	});
});

describe('each type, for people like the demo accounts', () => {
	it('Martín (19 years, four employers, working now): servicios and aportes, summarised, multi-page PDF verifies', async () => {
		const p = await person('Martín Ezequiel', 'Sosa');
		await empleo(p.id, 0, '2006-03', '2009-12');
		await empleo(p.id, 1, '2010-02', '2014-08');
		await empleo(p.id, 2, '2016-04', '2021-06');
		await empleo(p.id, 3, '2021-07', null);
		const keys = await jwks();

		const servicios = await emitido(p.cookie, { tipo: 'servicios' });
		expect(servicios.datos.texto).toContain(
			'registra en el Sistema Integrado Previsional Argentino (SIPA) 4 empleos'
		);
		expect(servicios.datos.texto).toContain('trabaja en Laboratorios San Jerónimo S.A. (CUIT 30-68230915-0)');
		expect(servicios.datos.tabla?.filas).toHaveLength(5);
		const desde = '2006-03';
		const hasta = todayInArgentina().slice(0, 7);
		const { claims } = (await verificarJws(servicios.qr, keys)) as { claims: { d: Record<string, unknown> } };
		expect(claims.d).toMatchObject({ desde, hasta, empleadores: 4 });

		const aportes = await emitido(p.cookie, { tipo: 'aportes' });
		const filas = aportes.datos.tabla!.filas;
		// By employer and year, not one row per month.
		expect(filas.length).toBeGreaterThan(15);
		expect(filas.length).toBeLessThan(30);
		expect(filas[0]).toEqual(['Empleador', 'Año', 'Meses', 'Remuneraciones', 'Aportes']);
		expect(aportes.datos.texto).toMatch(/por un total de \$ [\d.]+,\d{2} en aportes personales\.$/);
		const { bytes } = await pdfDe(p.cookie, aportes.certificado.id);
		expect((await verificarGuardado({ ...aportes, pdf: bytes }, keys)).ok).toBe(true);
	});

	it('Rosa (jubilada): prestación and último pago; a Certificación Negativa is refused naming the jubilación', async () => {
		const p = await person('Rosa Beatriz', 'Fernández');
		await prestacion(p.id);
		const cert = await emitido(p.cookie, { tipo: 'prestacion' });
		expect(cert.datos.texto).toContain('es titular de la prestación Jubilación ordinaria');
		expect(cert.datos.texto).toContain('$ 408.820,34 netos');
		const periodo = addMonths(todayInArgentina().slice(0, 7), -1);
		const { claims } = (await verificarJws(cert.qr, await jwks())) as {
			claims: { d: Record<string, unknown> };
		};
		expect(claims.d).toEqual({
			prestacion: 'Jubilación ordinaria',
			periodo,
			fecha: `${periodo}-12`,
			neto: 40882034
		});

		const m = meses();
		const res = await emitir(p.cookie, { tipo: 'negativa', desde: m[1], hasta: m[6] });
		expect(res.status).toBe(422);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe('negativa_con_registros');
		expect(body.error.message).toContain('Jubilación o pensión nacional');
		expect(body.error.message).toContain('Jubilación ordinaria');
	});

	it('Daiana (AUH for two children): prestación lists both; the Negativa names each child', async () => {
		const p = await person('Daiana Soledad', 'Acosta');
		await prestacion(p.id, {
			tipo: 'auh',
			denominacion: 'Asignación Universal por Hijo',
			hijo: 'Thiago Benjamín Acosta'
		});
		await prestacion(p.id, {
			tipo: 'auh',
			denominacion: 'Asignación Universal por Hijo',
			hijo: 'Mía Valentina Acosta'
		});
		const cert = await emitido(p.cookie, { tipo: 'prestacion' });
		expect(cert.datos.texto).toContain(
			'Asignación Universal por Hijo por Thiago Benjamín Acosta y Asignación Universal por Hijo por Mía Valentina Acosta'
		);
		expect(cert.datos.detalles[0]).toEqual({
			etiqueta: 'Prestaciones',
			valor: 'Asignación Universal por Hijo (2)'
		});

		const m = meses();
		const res = await call(`/api/certificados/negativa?desde=${m[0]}&hasta=${m[6]}`, { cookie: p.cookie });
		expect(res.status).toBe(200);
		const r = ResultadoNegativa.parse(await res.json());
		expect(r.registros.map((x) => [x.tipo, x.detalle])).toEqual([
			['auh', 'Asignación Universal por Hijo — Thiago Benjamín Acosta'],
			['auh', 'Asignación Universal por Hijo — Mía Valentina Acosta']
		]);
		expect(r.registros[0].descripcion).toBe('Asignación Universal por Hijo o por Embarazo');
		const refused = await emitir(p.cookie, { tipo: 'negativa', desde: m[0], hasta: m[6] });
		expect(refused.status).toBe(422);
		expect(((await refused.json()) as ErrorBody).error.message).toContain('Mía Valentina Acosta');
	});

	it('Sofía (last job ended 8 months ago, nothing since): Negativa, servicios and aportes are issued', async () => {
		const p = await person('Sofía', 'Benítez');
		const hoy = todayInArgentina().slice(0, 7);
		await empleo(p.id, 1, '2019-03', addMonths(hoy, -8));
		const m = meses();
		const libre = ResultadoNegativa.parse(
			await (
				await call(`/api/certificados/negativa?desde=${m[0]}&hasta=${m[6]}`, { cookie: p.cookie })
			).json()
		);
		expect(libre.registros).toEqual([]);
		const cert = await emitido(p.cookie, { tipo: 'negativa', desde: m[0], hasta: m[6] });
		expect(cert.certificado.vence).toBe(venceEl('negativa', todayInArgentina()));
		expect(cert.datos.texto).toMatch(
			/^ANSES certifica que Sofía Benítez, CUIL \d{2}-\d{8}-\d, no registra, entre .+ y .+, trabajo en relación de dependencia declarado por un empleador,/
		);
		const { claims } = (await verificarJws(cert.qr, await jwks())) as {
			claims: { d: Record<string, unknown> };
		};
		expect(claims.d).toEqual({ desde: m[0], hasta: m[6] });
		await emitido(p.cookie, { tipo: 'servicios' });
		await emitido(p.cookie, { tipo: 'aportes' });
		// But not a prestación: she has none.
		const res = await emitir(p.cookie, { tipo: 'prestacion' });
		expect(res.status).toBe(422);
		expect(((await res.json()) as ErrorBody).error.code).toBe('sin_datos_para_certificar');
	});

	it('refuses the Negativa for active employment, naming the employer and CUIT', async () => {
		const p = await person();
		await empleo(p.id, 2, addMonths(todayInArgentina().slice(0, 7), -3), null);
		const m = meses();
		const r = ResultadoNegativa.parse(
			await (
				await call(`/api/certificados/negativa?desde=${m[5]}&hasta=${m[6]}`, { cookie: p.cookie })
			).json()
		);
		expect(r.registros).toMatchObject([
			{
				tipo: 'relacion_dependencia',
				descripcion: 'Trabajo en relación de dependencia declarado por un empleador',
				detalle: 'Logística Mediterránea S.A. (CUIT 33-71045778-9)',
				hasta: null
			}
		]);
		// Before the job started, the same person can get it.
		await emitido(p.cookie, { tipo: 'negativa', desde: m[0], hasta: m[1] });
		const res = await emitir(p.cookie, { tipo: 'negativa', desde: m[0], hasta: m[6] });
		expect(res.status).toBe(422);
		expect(((await res.json()) as ErrorBody).error.message).toContain('Logística Mediterránea S.A.');
	});

	it('refuses the Negativa for a record from another registry (monotributo), and for a jubilación en trámite', async () => {
		const p = await person();
		const m = meses();
		await env.DB.prepare(
			"INSERT INTO registros_externos (citizen_id, tipo, detalle, desde, hasta) VALUES (?, 'monotributo', 'Monotributo categoría B', ?, NULL)"
		)
			.bind(p.id, m[2])
			.run();
		const r = ResultadoNegativa.parse(
			await (
				await call(`/api/certificados/negativa?desde=${m[0]}&hasta=${m[6]}`, { cookie: p.cookie })
			).json()
		);
		expect(r.registros).toMatchObject([
			{ tipo: 'monotributo', descripcion: 'Pagos como monotributista', detalle: 'Monotributo categoría B' }
		]);
		expect((await emitir(p.cookie, { tipo: 'negativa', desde: m[0], hasta: m[6] })).status).toBe(422);
		// Months before the record are free.
		await emitido(p.cookie, { tipo: 'negativa', desde: m[0], hasta: m[1] });

		const q = await person();
		await prestacion(q.id, { estado: 'en_tramite' });
		const t = ResultadoNegativa.parse(
			await (
				await call(`/api/certificados/negativa?desde=${m[0]}&hasta=${m[0]}`, { cookie: q.cookie })
			).json()
		);
		expect(t.registros).toMatchObject([
			{ tipo: 'jubilacion_pension', detalle: 'Jubilación ordinaria (en trámite)' }
		]);
	});

	it('says there is nothing to certify (422) for servicios, aportes and prestación without data', async () => {
		const p = await person();
		for (const tipo of ['servicios', 'aportes', 'prestacion']) {
			const res = await emitir(p.cookie, { tipo });
			expect(res.status).toBe(422);
			const body = (await res.json()) as ErrorBody;
			expect(body.error.code).toBe('sin_datos_para_certificar');
			expect(body.error.message).toMatch(/^No /);
		}
	});
});

describe('bad requests are 4xx, never 5xx', () => {
	it('refuses periods outside the last six months, inverted or missing', async () => {
		const p = await person();
		const m = meses();
		const viejo = addMonths(m[0], -1);
		for (const [desde, hasta] of [
			[viejo, m[6]],
			[m[0], addMonths(m[6], 1)],
			[m[4], m[2]]
		]) {
			const res = await emitir(p.cookie, { tipo: 'negativa', desde, hasta });
			expect(res.status, `${desde}..${hasta}`).toBe(422);
			expect(((await res.json()) as ErrorBody).error.code).toBe('periodo_invalido');
			const q = await call(`/api/certificados/negativa?desde=${desde}&hasta=${hasta}`, { cookie: p.cookie });
			expect(q.status).toBe(422);
		}
		const sin = await emitir(p.cookie, { tipo: 'negativa', desde: m[0] });
		expect(sin.status).toBe(400);
		expect(((await sin.json()) as ErrorBody).error.code).toBe('datos_invalidos');
	});

	it('refuses unknown types, extra fields, bad months, wrong JSON and odd ids', async () => {
		const p = await person();
		const bodies: unknown[] = [
			{ tipo: 'partida' },
			{ tipo: 'cuil', extra: 1 },
			{ tipo: 'negativa', desde: '2026-13', hasta: '2026-05' },
			{ tipo: 'negativa', desde: 202605, hasta: '2026-05' },
			{},
			[],
			'cuil',
			null
		];
		for (const body of bodies) {
			const res = await emitir(p.cookie, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(((await res.json()) as ErrorBody).error.message).toBeTruthy();
		}
		const raw = await call('/api/certificados', { cookie: p.cookie, rawBody: '{"tipo": "cuil"' });
		expect(raw.status).toBe(400);
		for (const path of [
			'/api/certificados/abc',
			'/api/certificados/-1/pdf',
			'/api/certificados/1e99',
			'/api/certificados/negativa?desde=x&hasta=y'
		])
			expect((await call(path, { cookie: p.cookie })).status, path).toBe(400);
	});

	it('answers 401 without a session on every private route', async () => {
		const m = meses();
		for (const [path, method] of [
			['/api/certificados', 'GET'],
			['/api/certificados', 'POST'],
			['/api/certificados/1', 'GET'],
			['/api/certificados/1/pdf', 'GET'],
			['/api/certificados/1/anular', 'POST'],
			[`/api/certificados/negativa?desde=${m[0]}&hasta=${m[1]}`, 'GET']
		]) {
			const res = await call(path, { method, ...(method === 'POST' ? { body: { tipo: 'cuil' } } : {}) });
			expect(res.status, `${method} ${path}`).toBe(401);
			expect(((await res.json()) as ErrorBody).error.code).toBe('sin_sesion');
		}
	});
});

describe('the person’s list, states and revocation', () => {
	it('lists newest first, with vigente, vencido and revocado', async () => {
		const p = await person();
		const a = await emitido(p.cookie, { tipo: 'cuil' });
		const b = await emitido(p.cookie, { tipo: 'cuil' });
		// An old certificate, as if issued long ago.
		await env.DB.prepare(
			"UPDATE certificados SET vence = '2025-01-31', emitido = '2024-02-01', emitido_at = emitido_at - 1000 WHERE id = ?"
		)
			.bind(a.certificado.id)
			.run();
		const lista = ListaCertificados.parse(
			await (await call('/api/certificados', { cookie: p.cookie })).json()
		);
		expect(lista.certificados.map((c) => [c.id, c.estado])).toEqual([
			[b.certificado.id, 'vigente'],
			[a.certificado.id, 'vencido']
		]);
		const v = VerificacionEnLinea.parse(
			await (await call(`/api/certificados/verificar/${a.certificado.codigo}`, { ip: randomIp() })).json()
		);
		expect(v.estado).toBe('vencido');
	});

	it('revokes with a recent sign-in; then the list and the public verification say revocado', async () => {
		const p = await person();
		const cert = await emitido(p.cookie, { tipo: 'cuil' });
		const res = await call(`/api/certificados/${cert.certificado.id}/anular`, {
			method: 'POST',
			cookie: p.cookie
		});
		expect(res.status).toBe(200);
		expect(((await res.json()) as { estado: string }).estado).toBe('revocado');
		const lista = ListaCertificados.parse(
			await (await call('/api/certificados', { cookie: p.cookie })).json()
		);
		expect(lista.certificados[0].estado).toBe('revocado');
		const v = await call(`/api/certificados/verificar/${cert.certificado.codigo}`, { ip: randomIp() });
		expect(VerificacionEnLinea.parse(await v.json()).estado).toBe('revocado');
		// Revoking again changes nothing and still answers revocado.
		const again = await call(`/api/certificados/${cert.certificado.id}/anular`, {
			method: 'POST',
			cookie: p.cookie
		});
		expect(again.status).toBe(200);
	});

	it('asks for the clave again when the sign-in is older than 5 minutes', async () => {
		const p = await person();
		const cert = await emitido(p.cookie, { tipo: 'cuil' });
		await env.DB.prepare(
			'UPDATE sessions SET authenticated_at = authenticated_at - 600000 WHERE citizen_id = ?'
		)
			.bind(p.id)
			.run();
		const res = await call(`/api/certificados/${cert.certificado.id}/anular`, {
			method: 'POST',
			cookie: p.cookie
		});
		expect(res.status).toBe(403);
		expect(((await res.json()) as ErrorBody).error.code).toBe('reautenticacion_requerida');
		const row = await env.DB.prepare('SELECT revocado_at FROM certificados WHERE id = ?')
			.bind(cert.certificado.id)
			.first();
		expect(row?.revocado_at).toBeNull();
	});

	it('answers 404 for another person’s certificate on get, pdf and anular, as for a missing one', async () => {
		const owner = await person();
		const other = await person();
		const cert = await emitido(owner.cookie, { tipo: 'cuil' });
		for (const [path, method] of [
			[`/api/certificados/${cert.certificado.id}`, 'GET'],
			[`/api/certificados/${cert.certificado.id}/pdf`, 'GET'],
			[`/api/certificados/${cert.certificado.id}/anular`, 'POST'],
			['/api/certificados/999999999', 'GET']
		]) {
			const res = await call(path, { method, cookie: other.cookie });
			expect(res.status, `${method} ${path}`).toBe(404);
			expect(((await res.json()) as ErrorBody).error.code).toBe('no_encontrado');
		}
		const lista = ListaCertificados.parse(
			await (await call('/api/certificados', { cookie: other.cookie })).json()
		);
		expect(lista.certificados).toEqual([]);
		const row = await env.DB.prepare('SELECT revocado_at FROM certificados WHERE id = ?')
			.bind(cert.certificado.id)
			.first();
		expect(row?.revocado_at).toBeNull();
	});

	it('limits issuance to 30 a day per person (429), counting only the last 24 hours', async () => {
		const p = await person();
		const cert = await emitido(p.cookie, { tipo: 'cuil' });
		const copias = Array.from({ length: 29 }, (_, i) =>
			env.DB.prepare(
				`INSERT INTO certificados (codigo, citizen_id, tipo, datos, hechos, qr, sello, pdf_key, pdf_sha256, pdf_bytes, kid, emitido, emitido_at, vence)
				SELECT ?2, citizen_id, tipo, datos, hechos, qr, sello, pdf_key, pdf_sha256, pdf_bytes, kid, emitido, emitido_at, vence FROM certificados WHERE id = ?1`
			).bind(cert.certificado.id, `ZZZZ-ZZZZ-${String(i).padStart(4, '0')}`.replace(/0/g, 'A').slice(0, 14))
		);
		await env.DB.batch(copias);
		const res = await emitir(p.cookie, { tipo: 'cuil' });
		expect(res.status).toBe(429);
		expect(((await res.json()) as ErrorBody).error.code).toBe('demasiados_certificados');
		await env.DB.prepare('UPDATE certificados SET emitido_at = emitido_at - 86400000 WHERE citizen_id = ?')
			.bind(p.id)
			.run();
		await emitido(p.cookie, { tipo: 'cuil' });
	});
});

describe('public verification by code', () => {
	it('shows what a code certifies, accepting the code as people type it', async () => {
		const p = await person();
		const cert = await emitido(p.cookie, { tipo: 'cuil' });
		const tipeado = cert.certificado.codigo
			.toLowerCase()
			.replace(/-/g, ' ')
			.replace(/0/g, 'o')
			.replace(/1/g, 'l');
		const res = await call(`/api/certificados/verificar/${encodeURIComponent(tipeado)}`, { ip: randomIp() });
		expect(res.status).toBe(200);
		const v = VerificacionEnLinea.parse(await res.json());
		expect(v).toMatchObject({
			codigo: cert.certificado.codigo,
			tipo: 'cuil',
			titulo: 'Constancia de CUIL',
			titular: { nombre: 'Sofía Inés Muñoz Núñez', cuil: cert.datos.titular.cuil },
			hechos: { dni: p.dni },
			texto: cert.datos.texto,
			estado: 'vigente'
		});
		expect(res.headers.get('cache-control')).toBe('no-store');
	});

	it('answers 400 for a malformed code and 404 for an unknown one', async () => {
		const ip = randomIp();
		const bad = await call('/api/certificados/verificar/hola', { ip });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as ErrorBody).error.code).toBe('codigo_invalido');
		const unknown = await call('/api/certificados/verificar/ZZZZ-ZZZZ-ZZZZ', { ip });
		expect(unknown.status).toBe(404);
		expect(((await unknown.json()) as ErrorBody).error.message).toMatch(
			/^No encontramos un certificado con ese código/
		);
	});

	it('throttles one address at 60 lookups per 10 minutes (429 with retryAfterSeconds), others unaffected', async () => {
		const ip = '192.0.2.77';
		for (let i = 0; i < 60; i++)
			expect((await call('/api/certificados/verificar/ZZZZ-ZZZZ-ZZZZ', { ip })).status).toBe(404);
		const res = await call('/api/certificados/verificar/ZZZZ-ZZZZ-ZZZZ', { ip });
		expect(res.status).toBe(429);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe('demasiadas_consultas');
		expect(body.error.retryAfterSeconds).toBeGreaterThan(0);
		expect(body.error.retryAfterSeconds).toBeLessThanOrEqual(600);
		expect(res.headers.get('retry-after')).toBe(String(body.error.retryAfterSeconds));
		expect((await call('/api/certificados/verificar/ZZZZ-ZZZZ-ZZZZ', { ip: '192.0.2.78' })).status).toBe(404);
	});
});

describe('storage order: R2 first, then one D1 insert', () => {
	async function archivos() {
		const list = await env.ARCHIVOS.list({ prefix: 'certificados/' });
		return list.objects.map((o) => o.key);
	}

	it('leaves no file and no row when the D1 insert fails', async () => {
		const p = await person();
		const antes = await archivos();
		await env.DB.prepare(
			"CREATE TRIGGER falla_certificado BEFORE INSERT ON certificados BEGIN SELECT RAISE(ABORT, 'falla simulada'); END"
		).run();
		try {
			const res = await emitir(p.cookie, { tipo: 'cuil' });
			expect(res.status).toBe(500);
			expect(((await res.json()) as ErrorBody).error.code).toBe('error_interno');
		} finally {
			await env.DB.prepare('DROP TRIGGER falla_certificado').run();
		}
		expect(await archivos()).toEqual(antes);
		const n = await env.DB.prepare('SELECT count(*) AS n FROM certificados WHERE citizen_id = ?')
			.bind(p.id)
			.first<{ n: number }>();
		expect(n?.n).toBe(0);
	});

	it('issues again with a new code when the code is taken (in D1, or in R2), never overwriting a file', async () => {
		const p = await person();
		const first = await emitido(p.cookie, { tipo: 'cuil' });
		const { bytes: original } = await pdfDe(p.cookie, first.certificado.id);
		// 12 zero bytes make the code 0000-0000-0000; make both that code and the first one come up again.
		const codigoDe = (c: string) =>
			c
				.replace(/-/g, '')
				.split('')
				.map((ch) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(ch));
		await env.DB.prepare(
			`INSERT INTO certificados (codigo, citizen_id, tipo, datos, hechos, qr, sello, pdf_key, pdf_sha256, pdf_bytes, kid, emitido, emitido_at, vence)
			SELECT '0000-0000-0000', citizen_id, tipo, datos, hechos, qr, sello, 'certificados/0000-0000-0000.pdf', pdf_sha256, pdf_bytes, kid, emitido, emitido_at - 86400000, vence FROM certificados WHERE id = ?`
		)
			.bind(first.certificado.id)
			.run();
		const queue = [new Array(12).fill(0), codigoDe(first.certificado.codigo)];
		const real = crypto.getRandomValues.bind(crypto);
		const spy = vi
			.spyOn(crypto, 'getRandomValues')
			.mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
				const next = array instanceof Uint8Array && array.length === 12 ? queue.shift() : undefined;
				if (next && array instanceof Uint8Array) {
					array.set(next);
					return array;
				}
				return real(array as never) as T;
			});
		try {
			const cert = await emitido(p.cookie, { tipo: 'cuil' });
			expect(queue).toEqual([]);
			expect(cert.certificado.codigo).not.toBe('0000-0000-0000');
			expect(cert.certificado.codigo).not.toBe(first.certificado.codigo);
		} finally {
			spy.mockRestore();
		}
		// The D1 collision's file was removed again, and the first certificate's file is untouched.
		expect(await env.ARCHIVOS.head('certificados/0000-0000-0000.pdf')).toBeNull();
		const { bytes } = await pdfDe(p.cookie, first.certificado.id);
		expect(bytes).toEqual(original);
	});
});

describe('the OpenAPI document', () => {
	it('documents every certificates route and the key set', async () => {
		const doc = (await (await call('/api/openapi.json')).json()) as {
			paths: Record<string, Record<string, unknown>>;
		};
		for (const [path, method] of [
			['/api/certificados', 'get'],
			['/api/certificados', 'post'],
			['/api/certificados/negativa', 'get'],
			['/api/certificados/{id}', 'get'],
			['/api/certificados/{id}/pdf', 'get'],
			['/api/certificados/{id}/anular', 'post'],
			['/api/certificados/verificar/{codigo}', 'get'],
			['/api/keys', 'get']
		])
			expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
	});
});

import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2 } from '../../worker/auth/argon2';
import { hashClave, pepperBytes } from '../../worker/auth/clave-hash';
import { buildCbu } from '../../src/lib/domain/cbu';
import { addMonths, nextPaymentDate, paymentWindow, todayInArgentina } from '../../src/lib/domain/cronograma';
import { cuilForDni } from '../../src/lib/domain/cuil';
import type {
	Cobro,
	Datos,
	HistoriaLaboral,
	PagoList,
	PrestacionList,
	Recibo,
	Tramite,
	TramiteList
} from '../../src/lib/domain/api/servicios';
import { call, cookieHeader, cookiesFrom, lastMessage, login, randomIp } from './helpers';

const CLAVE = 'Girasol-Rio-91!';
type ErrorBody = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

let claveHash: string;
let boca: number;
const usedDnis = new Set<number>();

beforeAll(async () => {
	// One Argon2 hash for every person of this file: each sign-in still verifies it for real.
	claveHash = hashClave(await argon2(), pepperBytes(env.CLAVE_PEPPER), CLAVE);
	const { meta } = await env.DB.prepare(
		`INSERT INTO bocas_pago (banco, sucursal, domicilio, localidad, provincia)
		VALUES ('Banco de la Nación Argentina', '0085 Once', 'Av. Rivadavia 2860', 'CABA', 'Ciudad Autónoma de Buenos Aires')`
	).run();
	boca = meta.last_row_id;
	await env.DB.prepare(
		"INSERT OR IGNORE INTO empleadores (cuit, razon_social) VALUES ('30500010912', 'Banco de la Nación Argentina'), ('33693450239', 'Molinos del Plata S.A.')"
	).run();
});

/**
 * A signed-in person whose DNI ends in `ending` (the calendar orders by it). Nivel 3 for the tests of
 * the sensitive changes (CBU, email, phone), which a nivel-2 clave session may not make (step-up.test.ts).
 */
async function person(ending = Math.floor(Math.random() * 10), nivel: 2 | 3 = 2) {
	let dni: number;
	do dni = (2_000_000 + Math.floor(Math.random() * 4_000_000)) * 10 + ending;
	while (usedDnis.has(dni));
	usedDnis.add(dni);
	const cuil = cuilForDni(dni, 'F');
	const now = Date.now();
	const { meta } = await env.DB.prepare(
		`INSERT INTO citizens (cuil, dni, nombres, apellidos, sexo, fecha_nacimiento, email, telefono, nivel, created_at)
		VALUES (?, ?, 'Nélida', 'Paz', 'F', '1955-02-11', ?, '+54 9 11 4000-0000', ?, ?)`
	)
		.bind(cuil, String(dni), `nelida.${dni}@example.com`, nivel, now)
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

async function prestacion(
	citizenId: number,
	p: {
		tipo?: string;
		estado?: string;
		haber?: number;
		hijo?: [string, string];
		alta?: string;
	} = {}
) {
	const { meta } = await env.DB.prepare(
		`INSERT INTO prestaciones (citizen_id, tipo, denominacion, estado, motivo, alta, haber, hijo_nombre, hijo_dni, boca_pago_id, cbu, updated_at)
		VALUES (?, ?, 'Jubilación ordinaria', ?, 'Cobrás todos los meses.', ?, ?, ?, ?, ?, ?, ?)`
	)
		.bind(
			citizenId,
			p.tipo ?? 'jubilacion',
			p.estado ?? 'activa',
			p.alta ?? '2015-03-01',
			p.haber ?? 34929932,
			p.hijo?.[0] ?? null,
			p.hijo?.[1] ?? null,
			boca,
			buildCbu('011', '85', String(citizenId)),
			Date.now()
		)
		.run();
	return meta.last_row_id;
}

async function pago(prestacionId: number, citizenId: number, periodo: string, haber = 34929932) {
	const pami = Math.round(haber * 0.03);
	const bruto = haber + 7000000;
	const { meta } = await env.DB.prepare(
		`INSERT INTO pagos (prestacion_id, citizen_id, periodo, fecha_pago, bruto, descuentos, neto, boca_pago_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	)
		.bind(prestacionId, citizenId, periodo, `${periodo}-12`, bruto, pami, bruto - pami, boca)
		.run();
	const id = meta.last_row_id;
	await env.DB.batch([
		env.DB.prepare("INSERT INTO pago_conceptos (pago_id, orden, codigo, monto) VALUES (?, 1, '001', ?)").bind(
			id,
			haber
		),
		env.DB.prepare(
			"INSERT INTO pago_conceptos (pago_id, orden, codigo, monto) VALUES (?, 2, '050', 7000000)"
		).bind(id),
		env.DB.prepare("INSERT INTO pago_conceptos (pago_id, orden, codigo, monto) VALUES (?, 3, '301', ?)").bind(
			id,
			pami
		)
	]);
	return id;
}

async function tramite(
	citizenId: number,
	at: number,
	estados: [string, string][] = [['iniciado', 'Recibimos tu solicitud.']]
) {
	const last = estados.at(-1)![0];
	const { meta } = await env.DB.prepare(
		"INSERT INTO tramites (citizen_id, tipo, datos, estado, created_at, updated_at) VALUES (?, 'jubilacion', '{}', ?, ?, ?)"
	)
		.bind(citizenId, last, at, at + estados.length * 86_400_000)
		.run();
	const id = meta.last_row_id;
	for (const [i, [estado, nota]] of estados.entries())
		await env.DB.prepare(
			'INSERT INTO tramite_estados (tramite_id, orden, estado, fecha, nota) VALUES (?, ?, ?, ?, ?)'
		)
			.bind(id, i, estado, at + i * 86_400_000, nota)
			.run();
	return id;
}

const get = <T>(path: string, cookie: string) =>
	call(path, { cookie }).then(async (res) => ({ status: res.status, body: (await res.json()) as T }));

const post = (path: string, cookie: string, body: unknown, method = 'POST') =>
	call(path, { cookie, body, method, ip: randomIp() });

describe('every endpoint needs a session', () => {
	for (const [method, path] of [
		['GET', '/api/servicios/prestaciones'],
		['GET', '/api/servicios/pagos'],
		['GET', '/api/servicios/pagos/1'],
		['GET', '/api/servicios/cobro'],
		['GET', '/api/servicios/historia-laboral'],
		['GET', '/api/servicios/tramites'],
		['GET', '/api/servicios/tramites/1'],
		['GET', '/api/servicios/tramites/catalogo'],
		['POST', '/api/servicios/tramites'],
		['GET', '/api/servicios/datos'],
		['PATCH', '/api/servicios/datos'],
		['POST', '/api/servicios/datos/confirmar']
	])
		it(`${method} ${path} answers 401 without one`, async () => {
			const res = await call(path, { method, body: method === 'GET' ? undefined : {} });
			expect(res.status).toBe(401);
			expect((await res.json<ErrorBody>()).error.code).toBe('sin_sesion');
		});
});

describe('Mis prestaciones', () => {
	it('lists only the person’s own benefits, with the state in words and the last and next payment', async () => {
		const rosa = await person(3);
		const other = await person(3);
		const own = await prestacion(rosa.id);
		await pago(own, rosa.id, '2025-12');
		const last = await pago(own, rosa.id, '2026-01');
		const suspended = await prestacion(rosa.id, { tipo: 'pension', estado: 'suspendida' });
		await prestacion(other.id);

		const { status, body } = await get<PrestacionList>('/api/servicios/prestaciones', rosa.cookie);
		expect(status).toBe(200);
		expect(body.items.map((p) => p.id)).toEqual([own, suspended]);
		const [jub, pen] = body.items;
		expect(jub).toMatchObject({
			tipo: 'jubilacion',
			estado: 'activa',
			estadoTexto: 'Activa',
			motivo: 'Cobrás todos los meses.',
			bocaPago: { banco: 'Banco de la Nación Argentina' },
			ultimoPago: { id: last, periodo: '2026-01', bruto: 41929932, descuentos: 1047898, neto: 40882034 }
		});
		expect(jub.proximoPago).toEqual(nextPaymentDate('jubilacion', 3, todayInArgentina()));
		expect(pen).toMatchObject({
			estado: 'suspendida',
			estadoTexto: 'Suspendida',
			ultimoPago: null,
			proximoPago: null
		});
	});
});

describe('Pagos', () => {
	it('pages through the person’s payments newest first with cursors, and never shows another person’s', async () => {
		const p = await person();
		const other = await person();
		const a = await prestacion(p.id);
		const b = await prestacion(p.id, { tipo: 'auh', haber: 12354717, hijo: ['Tiziano', '55123456'] });
		const otherPrestacion = await prestacion(other.id);
		for (let k = 0; k < 20; k++) await pago(a, p.id, addMonths('2024-12', k));
		for (let k = 0; k < 5; k++) await pago(b, p.id, addMonths('2026-03', k));
		const foreign = await pago(otherPrestacion, other.id, '2026-01');

		const pageThrough = async (limit: number) => {
			const seen: PagoList['items'] = [];
			let cursor: string | null = null;
			let pages = 0;
			do {
				const q: string = cursor ? `&cursor=${cursor}` : '';
				const { status, body } = await get<PagoList>(`/api/servicios/pagos?limit=${limit}${q}`, p.cookie);
				expect(status).toBe(200);
				expect(body.items.length).toBeLessThanOrEqual(limit);
				seen.push(...body.items);
				cursor = body.nextCursor;
				pages++;
			} while (cursor);
			expect(pages).toBe(Math.ceil(25 / limit));
			return seen;
		};
		// Two benefits share five months: limits of 7 and 3 end pages in the middle of a month.
		for (const limit of [3, 7]) expect(await pageThrough(limit)).toEqual(await pageThrough(10));
		const seen = await pageThrough(10);
		expect(seen).toHaveLength(25);
		expect(new Set(seen.map((s) => s.id)).size).toBe(25);
		expect(seen.map((s) => s.id)).not.toContain(foreign);
		const order = seen.map((s) => `${s.periodo}_${String(s.id).padStart(10, '0')}`);
		expect(order).toEqual([...order].sort().reverse());
		expect(seen[0].periodo).toBe('2026-07');

		const onlyA = await get<PagoList>(`/api/servicios/pagos?prestacion=${a}&limit=50`, p.cookie);
		expect(onlyA.body.items).toHaveLength(20);
		expect(onlyA.body.nextCursor).toBeNull();
		expect(onlyA.body.items.every((i) => i.prestacionId === a)).toBe(true);
	});

	it('answers 404 for another person’s benefit and 400 for a forged cursor', async () => {
		const p = await person();
		const other = await person();
		const theirs = await prestacion(other.id);
		await pago(theirs, other.id, '2026-01');
		const res = await call(`/api/servicios/pagos?prestacion=${theirs}`, { cookie: p.cookie });
		expect(res.status).toBe(404);
		expect(JSON.stringify(await res.json())).not.toContain('2026-01');
		for (const bad of ['nada', '2026-01', "2026-01_1'--", '2026-01_' + '9'.repeat(20)]) {
			const r = await call(`/api/servicios/pagos?cursor=${encodeURIComponent(bad)}`, { cookie: p.cookie });
			expect(r.status, bad).toBe(400);
		}
		expect((await call('/api/servicios/pagos?limit=500', { cookie: p.cookie })).status).toBe(400);
	});

	it('shows a recibo with each line, and another person’s recibo is a 404', async () => {
		const p = await person();
		const other = await person();
		const mine = await pago(await prestacion(p.id), p.id, '2026-01');
		const theirs = await pago(await prestacion(other.id), other.id, '2026-01');

		const { status, body } = await get<Recibo>(`/api/servicios/pagos/${mine}`, p.cookie);
		expect(status).toBe(200);
		expect(body).toMatchObject({
			id: mine,
			periodo: '2026-01',
			fecha: '2026-01-12',
			bruto: 41929932,
			descuentos: 1047898,
			neto: 40882034,
			beneficiario: { nombres: 'Nélida', cuil: p.cuil },
			bocaPago: { banco: 'Banco de la Nación Argentina', sucursal: '0085 Once' }
		});
		expect(body.conceptos).toEqual([
			{ codigo: '001', descripcion: 'Haber jubilatorio', tipo: 'haber', monto: 34929932 },
			{ codigo: '050', descripcion: 'Bono previsional', tipo: 'haber', monto: 7000000 },
			{ codigo: '301', descripcion: 'INSSJP (PAMI), Ley 19.032', tipo: 'descuento', monto: 1047898 }
		]);

		const res = await call(`/api/servicios/pagos/${theirs}`, { cookie: p.cookie });
		expect(res.status).toBe(404);
		const text = await res.text();
		expect(text).not.toContain('41929932');
		expect((await call('/api/servicios/pagos/999999999', { cookie: p.cookie })).status).toBe(404);
		expect((await call('/api/servicios/pagos/abc', { cookie: p.cookie })).status).toBe(400);
	});
});

describe('Cuándo cobro', () => {
	const january = ['09', '12', '13', '14', '15', '16', '19', '20', '21', '22'];
	for (let ending = 0; ending <= 9; ending++)
		it(`gives DNI ending ${ending} its January 2026 dates: mínimo on the ${january[ending]}th, in pairs above it`, async () => {
			const p = await person(ending);
			const minimo = await prestacion(p.id);
			await pago(minimo, p.id, '2026-01');
			const above = await prestacion(p.id, { tipo: 'pension', haber: 90000000 });
			await pago(above, p.id, '2026-01', 90000000);
			await prestacion(p.id, { estado: 'finalizada' });

			const { status, body } = await get<Cobro>('/api/servicios/cobro?periodo=2026-01', p.cookie);
			expect(status).toBe(200);
			expect(body.terminacionDni).toBe(ending);
			expect(body.cobros).toHaveLength(2);
			expect(body.cobros[0]).toMatchObject({
				prestacionId: minimo,
				ventana: { periodo: '2026-01', esquema: 'minimo', desde: `2026-01-${january[ending]}` }
			});
			expect(body.cobros[1].ventana).toEqual(
				paymentWindow('2026-01', 'pension', ending, { sobreMinimo: true })
			);
			expect(body.cobros[1].ventana.desde).toBe(
				['2026-01-23', '2026-01-26', '2026-01-27', '2026-01-28', '2026-01-29'][Math.floor(ending / 2)]
			);

			const next = await get<Cobro>('/api/servicios/cobro', p.cookie);
			expect(next.body.hoy).toBe(todayInArgentina());
			expect(next.body.cobros[0].ventana).toEqual(nextPaymentDate('jubilacion', ending, next.body.hoy));
		});

	it('gives AUH by ending and desempleo a window for everyone', async () => {
		const p = await person(4);
		await prestacion(p.id, { tipo: 'auh', haber: 12354717, hijo: ['Tiziano', '55123456'] });
		await prestacion(p.id, { tipo: 'desempleo', haber: 20000000 });
		const { body } = await get<Cobro>('/api/servicios/cobro?periodo=2026-01', p.cookie);
		expect(body.cobros.map((c) => c.ventana)).toEqual([
			{ periodo: '2026-01', esquema: 'por_terminacion', desde: '2026-01-15', hasta: '2026-01-15' },
			{ periodo: '2026-01', esquema: 'ventana', desde: '2026-01-09', hasta: '2026-01-29' }
		]);
		expect(body.cobros[0].hijo).toEqual({ nombre: 'Tiziano', dni: '55123456' });
		expect((await call('/api/servicios/cobro?periodo=2026-13', { cookie: p.cookie })).status).toBe(400);
	});
});

describe('Historia laboral', () => {
	it('lists the person’s employments with months, totals and gaps, and nobody else’s', async () => {
		const p = await person();
		const other = await person();
		const job = async (
			citizenId: number,
			cuit: string,
			desde: string,
			hasta: string | null,
			months: string[]
		) => {
			const { meta } = await env.DB.prepare(
				'INSERT INTO empleos (citizen_id, cuit, desde, hasta) VALUES (?, ?, ?, ?)'
			)
				.bind(citizenId, cuit, desde, hasta)
				.run();
			for (const m of months)
				await env.DB.prepare(
					'INSERT INTO aportes (empleo_id, periodo, remuneracion, aportes) VALUES (?, ?, 100000000, 11000000)'
				)
					.bind(meta.last_row_id, m)
					.run();
			return meta.last_row_id;
		};
		const months = (from: string, n: number) => Array.from({ length: n }, (_, k) => addMonths(from, k));
		const first = await job(p.id, '30500010912', '2010-01', '2011-06', months('2010-01', 18));
		// Two jobs in the same months count once.
		await job(p.id, '33693450239', '2011-03', '2011-06', months('2011-03', 4));
		await job(p.id, '33693450239', '2012-01', null, months('2012-01', 10));
		await job(other.id, '30500010912', '2000-01', null, months('2000-01', 5));

		const { status, body } = await get<HistoriaLaboral>('/api/servicios/historia-laboral', p.cookie);
		expect(status).toBe(200);
		expect(body.empleos).toHaveLength(3);
		expect(body.empleos[0]).toMatchObject({
			id: first,
			cuit: '30500010912',
			razonSocial: 'Banco de la Nación Argentina',
			desde: '2010-01',
			hasta: '2011-06'
		});
		expect(body.empleos[0].meses[0]).toEqual({
			periodo: '2010-01',
			remuneracion: 100000000,
			aportes: 11000000
		});
		expect(body.totales).toEqual({ mesesConAportes: 28, anios: 2, meses: 4 });
		expect(body.lagunas).toEqual([{ desde: '2011-07', hasta: '2011-12', meses: 6 }]);
	});
});

describe('Trámites', () => {
	it('pages through the person’s requests newest first and shows one with its timeline', async () => {
		const p = await person();
		const other = await person();
		const base = Date.UTC(2026, 0, 1);
		const ids: number[] = [];
		for (let k = 0; k < 7; k++) ids.push(await tramite(p.id, base + k * 3_600_000));
		// Two at the same instant: the id breaks the tie, so neither is skipped nor repeated.
		ids.push(await tramite(p.id, base + 6 * 3_600_000));
		const theirs = await tramite(other.id, base, [
			['iniciado', 'Recibimos tu solicitud.'],
			['en_analisis', 'Secreto de otra persona.']
		]);

		// Every page size, so that some page ends between the two requests of the same instant.
		for (let limit = 1; limit <= 8; limit++) {
			const seen: number[] = [];
			let cursor: string | null = null;
			do {
				const q: string = cursor ? `&cursor=${cursor}` : '';
				const { body } = await get<TramiteList>(`/api/servicios/tramites?limit=${limit}${q}`, p.cookie);
				seen.push(...body.items.map((t) => t.id));
				cursor = body.nextCursor;
			} while (cursor);
			expect(seen, `limit ${limit}`).toEqual([ids[7], ...ids.slice(0, 7).reverse()]);
		}
		const first = await get<TramiteList>('/api/servicios/tramites?limit=5', p.cookie);
		expect(first.body.items.map((t) => t.id)).toEqual([ids[7], ids[6], ids[5], ids[4], ids[3]]);
		const second = await get<TramiteList>(
			`/api/servicios/tramites?limit=5&cursor=${first.body.nextCursor}`,
			p.cookie
		);
		expect(second.body.items.map((t) => t.id)).toEqual([ids[2], ids[1], ids[0]]);
		expect(second.body.nextCursor).toBeNull();
		expect(first.body.items[0]).toMatchObject({
			tipo: 'jubilacion',
			titulo: 'Solicitud de jubilación',
			estadoTexto: 'Iniciado'
		});

		const withHistory = await tramite(p.id, base + 10 * 3_600_000, [
			['iniciado', 'Recibimos tu solicitud.'],
			['en_analisis', 'Estamos revisando tus aportes.'],
			['requiere_documentacion', 'Falta la certificación de servicios (PS 6.2). Llevala a una UDAI.']
		]);
		const one = await get<Tramite>(`/api/servicios/tramites/${withHistory}`, p.cookie);
		expect(one.status).toBe(200);
		expect(one.body.estado).toBe('requiere_documentacion');
		expect(one.body.historial.map((h) => [h.estado, h.estadoTexto])).toEqual([
			['iniciado', 'Iniciado'],
			['en_analisis', 'En análisis'],
			['requiere_documentacion', 'Requiere documentación']
		]);

		const res = await call(`/api/servicios/tramites/${theirs}`, { cookie: p.cookie });
		expect(res.status).toBe(404);
		expect(await res.text()).not.toContain('Secreto');
	});

	it('offers the catalogue with a form for each type', async () => {
		const p = await person();
		const { body } = await get<{ items: { tipo: string; campos: { nombre: string }[] }[] }>(
			'/api/servicios/tramites/catalogo',
			p.cookie
		);
		expect(body.items.map((i) => i.tipo)).toEqual([
			'certificacion_negativa',
			'asignacion_nacimiento',
			'actualizacion_cbu',
			'reclamo'
		]);
		expect(body.items.every((i) => i.campos.length > 0)).toBe(true);
	});

	const month = (k: number) => addMonths(todayInArgentina().slice(0, 7), k);

	it('starts each type of request and shows it first in the list', async () => {
		const p = await person(undefined, 3);
		const own = await prestacion(p.id);
		const cbu = buildCbu('285', '590', '4009041813520');
		const bodies = [
			{ tipo: 'certificacion_negativa', desde: month(-3), hasta: month(-1) },
			{
				tipo: 'asignacion_nacimiento',
				hijoNombres: 'Bautista',
				hijoApellidos: 'Paz',
				hijoDni: '58123456',
				fechaNacimiento: '2026-01-15'
			},
			{ tipo: 'actualizacion_cbu', prestacionId: own, cbu: cbu.replace(/(\d{8})/, '$1 ') },
			{
				tipo: 'reclamo',
				motivo: 'pago_no_acreditado',
				prestacionId: own,
				periodo: '2026-01',
				detalle: 'No me llegó el pago de enero.'
			}
		];
		for (const body of bodies) {
			const res = await post('/api/servicios/tramites', p.cookie, body);
			expect(res.status, body.tipo).toBe(201);
			const t = await res.json<Tramite>();
			expect(t).toMatchObject({ tipo: body.tipo, estado: 'iniciado', estadoTexto: 'Iniciado' });
			expect(t.historial).toHaveLength(1);
			const list = await get<TramiteList>('/api/servicios/tramites?limit=1', p.cookie);
			expect(list.body.items[0].id).toBe(t.id);
		}
		const cbuRequest = await env.DB.prepare(
			"SELECT datos FROM tramites WHERE citizen_id = ? AND tipo = 'actualizacion_cbu'"
		)
			.bind(p.id)
			.first<{ datos: string }>();
		// Stored as its 22 digits, whatever spacing was typed.
		expect(JSON.parse(cbuRequest!.datos)).toEqual({ prestacionId: own, cbu });
		const events = await env.DB.prepare(
			"SELECT count(*) AS n FROM security_events WHERE citizen_id = ? AND type = 'cbu_cambio_solicitado'"
		)
			.bind(p.id)
			.first<{ n: number }>();
		expect(events!.n).toBe(1);
	});

	const invalid: [string, Record<string, unknown>, string, RegExp][] = [
		[
			'a CBU whose second check digit is wrong',
			{ tipo: 'actualizacion_cbu', prestacionId: 1, cbu: '2850590940090418135202' },
			'cbu',
			/últimos 14 números/
		],
		[
			'a CBU whose first check digit is wrong',
			{ tipo: 'actualizacion_cbu', prestacionId: 1, cbu: '2850590840090418135201' },
			'cbu',
			/primeros 8 números/
		],
		[
			'a CBU of 21 digits',
			{ tipo: 'actualizacion_cbu', prestacionId: 1, cbu: '285059094009041813520' },
			'cbu',
			/22 números/
		],
		[
			'no benefit for a CBU',
			{ tipo: 'actualizacion_cbu', cbu: '2850590940090418135201' },
			'prestacionId',
			/./
		],
		[
			'a certificación older than six months',
			{ tipo: 'certificacion_negativa', desde: month(-8), hasta: month(-1) },
			'desde',
			/seis meses/
		],
		[
			'a certificación ending in the future',
			{ tipo: 'certificacion_negativa', desde: month(-1), hasta: month(2) },
			'hasta',
			/futuro/
		],
		[
			'a certificación ending before it starts',
			{ tipo: 'certificacion_negativa', desde: month(-1), hasta: month(-3) },
			'hasta',
			/posterior/
		],
		[
			'a birth in the future',
			{
				tipo: 'asignacion_nacimiento',
				hijoNombres: 'A',
				hijoApellidos: 'B',
				hijoDni: '58123456',
				fechaNacimiento: '2099-01-01'
			},
			'fechaNacimiento',
			/futura/
		],
		[
			'a child DNI with dots',
			{
				tipo: 'asignacion_nacimiento',
				hijoNombres: 'A',
				hijoApellidos: 'B',
				hijoDni: '58.123.456',
				fechaNacimiento: '2026-01-01'
			},
			'hijoDni',
			/7 u 8 números/
		],
		[
			'a reclamo without detail',
			{ tipo: 'reclamo', motivo: 'otro', detalle: 'corto' },
			'detalle',
			/al menos 10/
		],
		[
			'a reclamo with an unknown motive',
			{ tipo: 'reclamo', motivo: 'enojo', detalle: 'Algo pasó con mi pago.' },
			'motivo',
			/motivo/
		],
		[
			'an unknown field',
			{ tipo: 'reclamo', motivo: 'otro', detalle: 'Algo pasó con mi pago.', admin: true },
			'',
			/./
		],
		['an unknown type', { tipo: 'jubilacion' }, 'tipo', /./]
	];
	for (const [what, body, field, message] of invalid)
		it(`refuses ${what} with a Spanish message on the field`, async () => {
			const p = await person();
			const res = await post('/api/servicios/tramites', p.cookie, body);
			expect(res.status).toBe(400);
			const err = await res.json<ErrorBody>();
			expect(err.error.code).toBe('datos_invalidos');
			const f = err.error.fields!.find((x) => x.path === field) ?? err.error.fields![0];
			expect(f, JSON.stringify(err)).toBeDefined();
			if (field) expect(f.path).toBe(field);
			expect(f.message).toMatch(message);
		});

	it('answers 404 for a CBU change or reclamo on another person’s benefit, and asks a stale session for the clave', async () => {
		const p = await person(undefined, 3);
		const other = await person();
		const theirs = await prestacion(other.id);
		const cbu = '2850590940090418135201';
		expect(
			(
				await post('/api/servicios/tramites', p.cookie, {
					tipo: 'actualizacion_cbu',
					prestacionId: theirs,
					cbu
				})
			).status
		).toBe(404);
		expect(
			(
				await post('/api/servicios/tramites', p.cookie, {
					tipo: 'reclamo',
					motivo: 'otro',
					prestacionId: theirs,
					detalle: 'Algo pasó con mi pago.'
				})
			).status
		).toBe(404);
		const own = await prestacion(p.id);
		await env.DB.prepare('UPDATE sessions SET authenticated_at = ? WHERE citizen_id = ?')
			.bind(Date.now() - 6 * 60_000, p.id)
			.run();
		const stale = await post('/api/servicios/tramites', p.cookie, {
			tipo: 'actualizacion_cbu',
			prestacionId: own,
			cbu
		});
		expect(stale.status).toBe(403);
		expect((await stale.json<ErrorBody>()).error.code).toBe('reautenticacion_requerida');
		const count = await env.DB.prepare('SELECT count(*) AS n FROM tramites WHERE citizen_id = ?')
			.bind(p.id)
			.first<{ n: number }>();
		expect(count!.n).toBe(0);
	});
});

describe('Mis datos', () => {
	const domicilio = {
		calle: 'Av. Corrientes',
		numero: '1234',
		piso: '5',
		depto: 'B',
		localidad: 'Ciudad Autónoma de Buenos Aires',
		provincia: 'Ciudad Autónoma de Buenos Aires',
		codigoPostal: 'C1043AAZ'
	};
	const eventCount = async (citizenId: number, type: string) =>
		(await env.DB.prepare('SELECT count(*) AS n FROM security_events WHERE citizen_id = ? AND type = ?')
			.bind(citizenId, type)
			.first<{ n: number }>())!.n;
	const age = (citizenId: number, ms: number) =>
		env.DB.prepare('UPDATE sessions SET authenticated_at = ? WHERE citizen_id = ?')
			.bind(Date.now() - ms, citizenId)
			.run();

	it('changes the address at once after a recent authentication, and records it', async () => {
		const p = await person();
		await age(p.id, 60 * 60_000);
		const stale = await post('/api/servicios/datos', p.cookie, { domicilio }, 'PATCH');
		expect(stale.status).toBe(403);
		expect(await eventCount(p.id, 'domicilio_cambiado')).toBe(0);
		const reauth = await post('/api/auth/reauth', p.cookie, { clave: CLAVE });
		expect(reauth.status).toBe(200);
		// Re-authentication renews the session token (ASVS 5.0 7.2.4).
		p.cookie = cookieHeader({ '__Host-mia_sesion': cookiesFrom(reauth)['__Host-mia_sesion'] });
		const res = await post('/api/servicios/datos', p.cookie, { domicilio }, 'PATCH');
		expect(res.status).toBe(200);
		expect((await res.json<Datos>()).domicilio).toEqual(domicilio);
		expect((await get<Datos>('/api/servicios/datos', p.cookie)).body.domicilio).toEqual(domicilio);
		expect(await eventCount(p.id, 'domicilio_cambiado')).toBe(1);
	});

	it('changes the phone only after a recent sign-in and the code sent to the new number', async () => {
		const p = await person(undefined, 3);
		const nuevo = '+54 9 351 555-0192';
		await age(p.id, 6 * 60_000);

		const stale = await post('/api/servicios/datos', p.cookie, { telefono: nuevo }, 'PATCH');
		expect(stale.status).toBe(403);
		expect((await stale.json<ErrorBody>()).error.code).toBe('reautenticacion_requerida');
		expect(await lastMessage(p.id, 'codigo_contacto')).toBeNull();

		const reauth = await post('/api/auth/reauth', p.cookie, { clave: CLAVE });
		expect(reauth.status).toBe(200);
		// Re-authentication renews the session token (ASVS 5.0 7.2.4).
		p.cookie = cookieHeader({ '__Host-mia_sesion': cookiesFrom(reauth)['__Host-mia_sesion'] });
		const asked = await post('/api/servicios/datos', p.cookie, { telefono: nuevo }, 'PATCH');
		expect(asked.status).toBe(200);
		const pending = await asked.json<Datos>();
		expect(pending.telefono).toBe('+54 9 11 4000-0000');
		expect(pending.cambioPendiente).toMatchObject({ campo: 'telefono', destino: '•••• 0192' });

		const message = await lastMessage(p.id, 'codigo_contacto');
		expect(message?.recipient).toBe(nuevo);
		const code = /\b(\d{6})\b/.exec(message!.body)![1];
		const wrong = code === '000000' ? '111111' : '000000';

		const bad = await post('/api/servicios/datos/confirmar', p.cookie, { codigo: wrong });
		expect(bad.status).toBe(401);
		expect((await bad.json<ErrorBody>()).error.code).toBe('codigo_incorrecto');

		const ok = await post('/api/servicios/datos/confirmar', p.cookie, { codigo: code });
		expect(ok.status).toBe(200);
		const after = await ok.json<Datos>();
		expect(after.telefono).toBe(nuevo);
		expect(after.cambioPendiente).toBeNull();

		// Single use.
		expect((await post('/api/servicios/datos/confirmar', p.cookie, { codigo: code })).status).toBe(400);
		expect(await eventCount(p.id, 'contacto_cambio_solicitado')).toBe(1);
		expect(await eventCount(p.id, 'contacto_codigo_incorrecto')).toBe(1);
		expect(await eventCount(p.id, 'telefono_cambiado')).toBe(1);
		// The old contact (the email on file) is told, with a "No fui yo" link.
		const told = await lastMessage(p.id, 'contacto_cambiado');
		expect(told?.recipient).toBe(`nelida.${p.dni}@example.com`);
		expect(told?.body).toMatch(/no-fui-yo#/);
	});

	it('sends an email change code to the new email and stops after five wrong codes', async () => {
		const p = await person(undefined, 3);
		const res = await post('/api/servicios/datos', p.cookie, { email: 'Nelida.Nueva@Example.com' }, 'PATCH');
		expect(res.status).toBe(200);
		const message = await lastMessage(p.id, 'codigo_contacto');
		expect(message?.recipient).toBe('nelida.nueva@example.com');
		const code = /\b(\d{6})\b/.exec(message!.body)![1];
		const wrong = code === '000000' ? '111111' : '000000';
		for (let k = 0; k < 5; k++)
			expect((await post('/api/servicios/datos/confirmar', p.cookie, { codigo: wrong })).status).toBe(401);
		const exhausted = await post('/api/servicios/datos/confirmar', p.cookie, { codigo: code });
		expect(exhausted.status).toBe(400);
		expect((await exhausted.json<ErrorBody>()).error.code).toBe('codigo_agotado');
		expect((await get<Datos>('/api/servicios/datos', p.cookie)).body.email).toBe(
			`nelida.${p.dni}@example.com`
		);
	});

	it('never confirms one person’s change with another person’s session', async () => {
		const p = await person(undefined, 3);
		const other = await person();
		await post('/api/servicios/datos', p.cookie, { email: 'robado@example.com' }, 'PATCH');
		const code = /\b(\d{6})\b/.exec((await lastMessage(p.id, 'codigo_contacto'))!.body)![1];
		const res = await post('/api/servicios/datos/confirmar', other.cookie, { codigo: code });
		expect(res.status).toBe(400);
		expect((await res.json<ErrorBody>()).error.code).toBe('sin_cambio_pendiente');
		expect((await get<Datos>('/api/servicios/datos', other.cookie)).body.email).not.toBe(
			'robado@example.com'
		);
	});

	it('validates the fields in Spanish', async () => {
		const p = await person();
		for (const [body, field] of [
			[{ telefono: '123' }, 'telefono'],
			[{ email: 'no-es-un-correo' }, 'email'],
			[{ domicilio: { ...domicilio, codigoPostal: '12' } }, 'domicilio.codigoPostal'],
			[{ domicilio: { ...domicilio, provincia: 'Narnia' } }, 'domicilio.provincia'],
			[{ email: 'a@example.com', telefono: '+54 9 11 4567-1234' }, 'telefono'],
			[{}, '']
		] as const) {
			const res = await post('/api/servicios/datos', p.cookie, body, 'PATCH');
			expect(res.status, JSON.stringify(body)).toBe(400);
			const err = await res.json<ErrorBody>();
			expect(
				err.error.fields!.map((f) => f.path),
				JSON.stringify(body)
			).toContain(field);
		}
	});
});

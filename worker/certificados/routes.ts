/**
 * Certificates (issue 6): issue, list, fetch, download, revoke, and the public verification by code.
 * The signing and the seal are in src/lib/domain/certificados/sello.ts (shared with the page, which
 * verifies offline); the PDF in ./pdf.ts; the wording in ./contenido.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
	CertificadoEmitido,
	CertificadoResumen,
	ConsultaNegativa,
	DatosCertificado,
	Jwks,
	ListaCertificados,
	PedidoCertificado,
	ResultadoNegativa,
	VerificacionEnLinea
} from '../../src/lib/domain/api/certificados';
import { IdParam } from '../../src/lib/domain/api/servicios';
import {
	SELLO_VERSION,
	firmar,
	hashDatos,
	pdfParaHash,
	sellarPdf,
	sha256,
	textoQr,
	type Claims
} from '../../src/lib/domain/certificados/sello';
import {
	CERTIFICADOS,
	CODIGO_ALFABETO,
	estadoCertificado,
	normalizarCodigo,
	problemaPeriodoNegativa,
	venceEl,
	type TipoCertificado
} from '../../src/lib/domain/certificados/tipos';
import { todayInArgentina } from '../../src/lib/domain/cronograma';
import { assertRecentAuth, requireSession } from '../auth/sessions';
import type { AppEnv } from '../env';
import { createApp } from '../http/app';
import { ApiError } from '../http/errors';
import { errors, json, jsonBody } from '../http/openapi';
import { clientIp, ipThrottleKey } from '../http/request-info';
import { historiaOf, prestacionesOf } from '../servicios/queries';
import {
	contenidoAportes,
	contenidoCuil,
	contenidoNegativa,
	contenidoPrestacion,
	contenidoServicios,
	contenidoServiciosRemuneraciones,
	mensajeConRegistros,
	registrosNegativa,
	type Contenido,
	type Persona
} from './contenido';
import { clavesDe } from './firma';
import { certificacionParaEmpleado, certificacionesParaEmpleado } from '../corporativas/queries';
import { CertificacionesDeEmpleadores } from '../../src/lib/domain/api/corporativas';
import { construirPdf } from './pdf';
import {
	anular,
	certificadoDe,
	emitidosDesde,
	insertarCertificado,
	listaDe,
	personaDe,
	porCodigo,
	registrosExternosDe,
	type ResumenRow
} from './queries';

const TAG = ['Certificados'];
const SIN_SESION: [number, string] = [401, 'Sin sesión'];

/**
 * Issuance limit per person and day. A certificate costs a PDF, two signatures and an R2 object, and a
 * person needs a handful a day at most; 30 keeps a stolen session or a runaway script from filling the
 * bucket or the person's list, and still leaves room for every honest retry. Counted in D1 (the index
 * on citizen and time): parallel requests may pass it by a few, which is fine for a cost cap; it is
 * not a security boundary like the sign-in throttle.
 */
const LIMITE_DIARIO = 30;
const DIA_MS = 24 * 60 * 60_000;

/**
 * The public verification is throttled per client address (IPv6 by /64): 60 lookups per 10 minutes.
 * The 60-bit codes cannot be guessed (2^60 codes; even a billion tries find nothing), so this is not
 * about guessing: whoever holds a code sees the holder's name and full CUIL, exactly as printed on
 * the paper they were handed, and a cap keeps anyone who collects codes from bulk-scraping them.
 * A bank clerk checking certificates one by one never reaches it.
 */
const VERIFICAR_LIMITE = 60;
const VERIFICAR_VENTANA_MS = 10 * 60_000;

/** The person's list is short by nature (the daily limit); 200 is the newest ones and a bound. */
const LISTA_MAXIMO = 200;

const noEncontrado = () => new ApiError(404, 'no_encontrado', 'No encontramos ese certificado.');

/**
 * The origin printed in the QR and under it. The request's own origin when it is one of ours, else the
 * first allowed origin: a forged Host header must never put another site's address on a certificate.
 */
function origenPublico(c: Context<AppEnv>): string {
	const permitidos = c.env.ALLOWED_ORIGINS.split(',')
		.map((o) => o.trim())
		.filter(Boolean);
	const propio = new URL(c.req.url).origin;
	return permitidos.includes(propio) ? propio : permitidos[0];
}

/**
 * 12 characters of Crockford base32 from 12 random bytes, 5 bits of each: 60 bits, uniform (32 divides
 * 256, so masking has no bias).
 */
export function nuevoCodigo(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	const chars = [...bytes].map((b) => CODIGO_ALFABETO[b & 31]).join('');
	return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

const resumen = (r: ResumenRow, hoy: string): CertificadoResumen => ({
	id: r.id,
	tipo: r.tipo,
	titulo: CERTIFICADOS[r.tipo].titulo,
	codigo: r.codigo,
	emitido: r.emitido,
	vence: r.vence,
	estado: estadoCertificado(r.vence, r.revocado_at !== null, hoy),
	pdfBytes: r.pdf_bytes
});

function sinDatos(tipo: TipoCertificado): ApiError {
	const mensajes: Partial<Record<TipoCertificado, string>> = {
		servicios:
			'No registrás empleos en relación de dependencia con aportes: no hay servicios para certificar. Si trabajaste y no figura, iniciá un reclamo.',
		aportes:
			'No registrás meses con aportes al SIPA: no hay aportes para certificar. Si trabajaste y no figura, iniciá un reclamo.',
		prestacion:
			'No cobrás una prestación activa con pagos: no hay prestación para certificar. Podés ver el estado de tus prestaciones en Mis prestaciones.'
	};
	return new ApiError(422, 'sin_datos_para_certificar', mensajes[tipo] ?? 'No hay datos para certificar.');
}

function periodoInvalido(mensaje: string): ApiError {
	return new ApiError(422, 'periodo_invalido', mensaje);
}

/** The records of a Certificación Negativa's period, from every table that holds one. */
async function registrosDelPeriodo(db: D1Database, citizenId: number, desde: string, hasta: string) {
	const [{ empleos, aportes }, prestaciones, externos] = await Promise.all([
		historiaOf(db, citizenId),
		prestacionesOf(db, citizenId),
		registrosExternosDe(db, citizenId)
	]);
	return registrosNegativa(desde, hasta, empleos, aportes, prestaciones.results, externos);
}

async function contenidoDe(
	c: Context<AppEnv>,
	persona: Persona,
	pedido: z.infer<typeof PedidoCertificado>,
	hoy: string
): Promise<Contenido> {
	const db = c.env.DB;
	const id = c.var.session.citizenId;
	switch (pedido.tipo) {
		case 'cuil':
			return contenidoCuil(persona);
		case 'negativa': {
			const { desde, hasta } = pedido;
			if (!desde || !hasta)
				throw new ApiError(400, 'datos_invalidos', 'Revisá los datos marcados.', {
					fields: [
						...(!desde ? [{ path: 'desde', message: 'Elegí el mes de inicio.' }] : []),
						...(!hasta ? [{ path: 'hasta', message: 'Elegí el mes de fin.' }] : [])
					]
				});
			const problema = problemaPeriodoNegativa(desde, hasta, hoy);
			if (problema) throw periodoInvalido(problema);
			const registros = await registrosDelPeriodo(db, id, desde, hasta);
			// The certificate would be false: refuse, and say which records stand in the way.
			if (registros.length > 0)
				throw new ApiError(422, 'negativa_con_registros', mensajeConRegistros(registros));
			return contenidoNegativa(persona, desde, hasta);
		}
		case 'servicios':
		case 'aportes': {
			const { empleos, aportes } = await historiaOf(db, id);
			const hecho =
				pedido.tipo === 'servicios'
					? contenidoServicios(persona, empleos, aportes)
					: contenidoAportes(persona, empleos, aportes);
			if (!hecho) throw sinDatos(pedido.tipo);
			return hecho;
		}
		case 'prestacion': {
			const { results } = await prestacionesOf(db, id);
			const hecho = contenidoPrestacion(persona, results);
			if (!hecho) throw sinDatos('prestacion');
			return hecho;
		}
		case 'servicios_remuneraciones': {
			if (!pedido.certificacion)
				throw new ApiError(400, 'datos_invalidos', 'Revisá los datos marcados.', {
					fields: [{ path: 'certificacion', message: 'Elegí la certificación de tu empleador.' }]
				});
			// Only the person whose services were certified: the id is looked up with the session's citizen
			// id, so another person's certification answers 404 like one that does not exist.
			const k = await certificacionParaEmpleado(db, pedido.certificacion, id);
			if (!k)
				throw new ApiError(
					404,
					'certificacion_no_encontrada',
					'No encontramos esa certificación de tu empleador.'
				);
			return contenidoServiciosRemuneraciones(persona, {
				cuit: k.cuit,
				razonSocial: k.razon_social,
				domicilio: k.domicilio,
				desde: k.desde,
				hasta: k.hasta,
				remuneraciones: JSON.parse(k.remuneraciones),
				certificadoAt: k.certificado_at,
				representante: { nombre: `${k.rep_nombres} ${k.rep_apellidos}`, cuil: k.rep_cuil }
			});
		}
	}
}

const esCodigoRepetido = (e: unknown) =>
	e instanceof Error && /UNIQUE/i.test(e.message) && /codigo/i.test(e.message);

// --- Routes. ----------------------------------------------------------------------------------------

const listaRoute = createRoute({
	method: 'get',
	path: '/',
	tags: TAG,
	summary: 'Mis certificados, del más nuevo al más viejo, con su estado (vigente, vencido, revocado)',
	responses: { 200: json(ListaCertificados, 'Certificados de la persona'), ...errors(SIN_SESION) }
});

const negativaRoute = createRoute({
	method: 'get',
	path: '/negativa',
	tags: TAG,
	summary: 'Qué registra la persona en un período (para la Certificación Negativa): vacío = se puede emitir',
	request: { query: ConsultaNegativa },
	responses: {
		200: json(ResultadoNegativa, 'Registros del período'),
		...errors([400, 'Período con formato inválido'], SIN_SESION, [
			422,
			'Período fuera de los últimos seis meses o invertido'
		])
	}
});

const deEmpleadoresRoute = createRoute({
	method: 'get',
	path: '/de-empleadores',
	tags: TAG,
	summary:
		'Certificaciones de servicios y remuneraciones que tus empleadores hicieron para vos (para emitir el certificado)',
	responses: { 200: json(CertificacionesDeEmpleadores, 'Certificaciones'), ...errors(SIN_SESION) }
});

const emitirRoute = createRoute({
	method: 'post',
	path: '/',
	tags: TAG,
	summary: 'Emitir un certificado: PDF sellado en R2, registro en D1, QR y sello firmados (ES256)',
	request: jsonBody(PedidoCertificado),
	responses: {
		201: json(CertificadoEmitido, 'Certificado emitido'),
		...errors(
			[400, 'Datos inválidos'],
			SIN_SESION,
			[404, 'La certificación del empleador no existe o no es tuya'],
			[422, 'Nada para certificar, período inválido o la persona registra algo en el período'],
			[429, 'Demasiados certificados en el día'],
			[503, 'La firma no está configurada']
		)
	}
});

const unoRoute = createRoute({
	method: 'get',
	path: '/{id}',
	tags: TAG,
	summary: 'Un certificado de la persona, con el QR, el sello y los datos firmados',
	request: { params: IdParam },
	responses: {
		200: json(CertificadoEmitido, 'Certificado'),
		...errors(SIN_SESION, [404, 'No existe o no es tuyo'])
	}
});

const pdfRoute = createRoute({
	method: 'get',
	path: '/{id}/pdf',
	tags: TAG,
	summary: 'El PDF sellado del certificado (application/pdf, con Content-Length)',
	request: { params: IdParam },
	responses: {
		200: {
			description: 'PDF sellado',
			content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } }
		},
		...errors(SIN_SESION, [404, 'No existe o no es tuyo'])
	}
});

const anularRoute = createRoute({
	method: 'post',
	path: '/{id}/anular',
	tags: TAG,
	summary: 'Anular (revocar) un certificado propio; pide haber ingresado hace menos de 5 minutos',
	request: { params: IdParam },
	responses: {
		200: json(CertificadoResumen, 'Certificado anulado'),
		...errors(SIN_SESION, [403, 'Hace falta volver a escribir la clave'], [404, 'No existe o no es tuyo'])
	}
});

const verificarRoute = createRoute({
	method: 'get',
	path: '/verificar/{codigo}',
	tags: TAG,
	summary: 'Público: qué certifica un código y su estado (limitado por dirección IP)',
	request: {
		params: z.object({
			codigo: z.string().max(40).meta({ example: 'K7M3-Q9XD-2F4H' })
		})
	},
	responses: {
		200: json(VerificacionEnLinea, 'Certificado encontrado'),
		...errors(
			[400, 'El código no tiene el formato de un código de certificado'],
			[404, 'No hay un certificado con ese código'],
			[429, 'Demasiadas consultas desde esta dirección']
		)
	}
});

export const certificados = createApp()
	.openapi({ ...listaRoute, middleware: [requireSession] as const }, async (c) => {
		const hoy = todayInArgentina();
		const filas = await listaDe(c.env.DB, c.var.session.citizenId, LISTA_MAXIMO);
		return c.json({ certificados: filas.map((r) => resumen(r, hoy)) }, 200);
	})
	.openapi({ ...negativaRoute, middleware: [requireSession] as const }, async (c) => {
		const { desde, hasta } = c.req.valid('query');
		const problema = problemaPeriodoNegativa(desde, hasta, todayInArgentina());
		if (problema) throw periodoInvalido(problema);
		const registros = await registrosDelPeriodo(c.env.DB, c.var.session.citizenId, desde, hasta);
		return c.json({ desde, hasta, registros }, 200);
	})
	.openapi({ ...deEmpleadoresRoute, middleware: [requireSession] as const }, async (c) => {
		const items = await certificacionesParaEmpleado(c.env.DB, c.var.session.citizenId);
		return c.json({ items }, 200);
	})
	.openapi(verificarRoute, async (c) => {
		// Counted before anything else, malformed codes included: every lookup costs the same.
		const limite = await c.env.RATE_LIMIT.getByName(`verificar:${ipThrottleKey(clientIp(c))}`).contar(
			VERIFICAR_LIMITE,
			VERIFICAR_VENTANA_MS
		);
		if (!limite.ok)
			throw new ApiError(
				429,
				'demasiadas_consultas',
				'Hiciste muchas consultas seguidas. Esperá unos minutos y probá de nuevo.',
				{ retryAfterSeconds: limite.retryAfterSeconds }
			);
		const codigo = normalizarCodigo(c.req.valid('param').codigo);
		if (!codigo)
			throw new ApiError(
				400,
				'codigo_invalido',
				'El código tiene 12 letras y números, como K7M3-Q9XD-2F4H. Revisalo y probá de nuevo.'
			);
		const row = await porCodigo(c.env.DB, codigo);
		if (!row)
			throw new ApiError(
				404,
				'certificado_inexistente',
				'No encontramos un certificado con ese código. Revisá que esté bien escrito.'
			);
		const datos = JSON.parse(row.datos) as DatosCertificado;
		// Decision: the full CUIL is shown to whoever holds the code, as the paper itself shows it. The
		// code is what the holder hands over with the certificate; verifying must confirm what is printed.
		return c.json(
			{
				codigo: row.codigo,
				tipo: row.tipo,
				titulo: CERTIFICADOS[row.tipo].titulo,
				titular: { nombre: datos.titular.nombre, cuil: datos.titular.cuil },
				hechos: JSON.parse(row.hechos) as Record<string, string | number>,
				texto: datos.texto,
				emitido: row.emitido,
				vence: row.vence,
				estado: estadoCertificado(row.vence, row.revocado_at !== null, todayInArgentina())
			},
			200
		);
	})
	.openapi({ ...emitirRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const pedido = c.req.valid('json');
		// Keys first: without them nothing below can finish, and nothing should be written.
		const { privada } = clavesDe(c.env);
		const now = Date.now();
		if ((await emitidosDesde(c.env.DB, s.citizenId, now - DIA_MS)) >= LIMITE_DIARIO)
			throw new ApiError(
				429,
				'demasiados_certificados',
				`Emitiste ${LIMITE_DIARIO} certificados en las últimas 24 horas, el máximo por día. Los que ya tenés siguen en Mis certificados; podés pedir más mañana.`
			);
		const persona = await personaDe(c.env.DB, s.citizenId);
		if (!persona) throw new ApiError(404, 'no_encontrado', 'No encontramos tus datos.');
		const hoy = todayInArgentina(now);
		const { datos, hechos } = await contenidoDe(c, persona, pedido, hoy);
		const vence = venceEl(pedido.tipo, hoy);
		const origin = origenPublico(c);
		const x = await hashDatos(datos);

		// A repeated code (2^-60 per pair) is caught twice: the R2 write refuses to replace an existing
		// object, and the UNIQUE index refuses the row. Either way the whole certificate is made again,
		// because the code is inside the signed claims and printed on the PDF.
		for (let intento = 0; intento < 3; intento++) {
			const codigo = nuevoCodigo();
			const claims: Claims = {
				v: SELLO_VERSION,
				c: codigo,
				t: pedido.tipo,
				s: persona.cuil,
				n: `${persona.nombres} ${persona.apellidos}`,
				d: hechos,
				i: hoy,
				e: vence
			};
			const qr = await firmar(claims, privada);
			const pdf = await construirPdf({
				datos,
				codigo,
				emitido: hoy,
				vence,
				emitidoAt: now,
				qr: textoQr(origin, qr),
				origin
			});
			const h = await sha256(pdfParaHash(pdf));
			const sello = await firmar({ ...claims, h, x }, privada);
			const sellado = sellarPdf(pdf, sello);
			const pdfKey = `certificados/${codigo}.pdf`;

			// R2 first, then D1: a row is only ever written for a file that exists, so no certificate is
			// listed or verifiable without its PDF. If the row fails, the file is deleted again; at worst
			// (the delete fails too) an unreferenced file remains, which nobody can reach by any route.
			const puesto = await c.env.ARCHIVOS.put(pdfKey, sellado, {
				httpMetadata: { contentType: 'application/pdf' },
				onlyIf: { etagDoesNotMatch: '*' }
			});
			if (puesto === null) continue;
			let id: number;
			try {
				const res = await insertarCertificado(c.env.DB, {
					codigo,
					citizenId: s.citizenId,
					tipo: pedido.tipo,
					datos,
					hechos,
					qr,
					sello,
					pdfKey,
					pdfSha256: await sha256(sellado),
					pdfBytes: sellado.length,
					kid: privada.kid,
					emitido: hoy,
					emitidoAt: now,
					vence
				}).run();
				id = res.meta.last_row_id;
			} catch (e) {
				await c.env.ARCHIVOS.delete(pdfKey).catch(() => undefined);
				if (esCodigoRepetido(e)) continue;
				throw e;
			}
			return c.json(
				{
					certificado: {
						id,
						tipo: pedido.tipo,
						titulo: CERTIFICADOS[pedido.tipo].titulo,
						codigo,
						emitido: hoy,
						vence,
						estado: 'vigente' as const,
						pdfBytes: sellado.length
					},
					qr,
					sello,
					datos
				},
				201
			);
		}
		throw new Error('three certificate codes in a row were taken');
	})
	.openapi({ ...unoRoute, middleware: [requireSession] as const }, async (c) => {
		const row = await certificadoDe(c.env.DB, c.req.valid('param').id, c.var.session.citizenId);
		// Another person's certificate answers exactly like one that does not exist.
		if (!row) throw noEncontrado();
		return c.json(
			{
				certificado: resumen(row, todayInArgentina()),
				qr: row.qr,
				sello: row.sello,
				datos: JSON.parse(row.datos) as DatosCertificado
			},
			200
		);
	})
	.openapi({ ...pdfRoute, middleware: [requireSession] as const }, async (c) => {
		const row = await certificadoDe(c.env.DB, c.req.valid('param').id, c.var.session.citizenId);
		if (!row) throw noEncontrado();
		const objeto = await c.env.ARCHIVOS.get(row.pdf_key);
		if (!objeto) {
			// Should never happen (R2 is written before D1). Logged by id only: no personal data.
			console.error('certificate PDF missing in R2', row.id);
			throw new ApiError(
				503,
				'pdf_no_disponible',
				'Por ahora no podemos entregar el PDF. Probá de nuevo en unos minutos.'
			);
		}
		return c.body(objeto.body, 200, {
			'Content-Type': 'application/pdf',
			'Content-Length': String(objeto.size),
			'Content-Disposition': `attachment; filename="${row.tipo}-${row.codigo}.pdf"`
		});
	})
	.openapi({ ...anularRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const { id } = c.req.valid('param');
		const now = Date.now();
		const row = await certificadoDe(c.env.DB, id, s.citizenId);
		if (!row) throw noEncontrado();
		// Revoking cannot be undone and makes the paper in someone's hands fail verification: like other
		// irreversible actions, it needs a sign-in in the last 5 minutes, so a phone left unlocked is not
		// enough for someone else to void the person's certificates (ASVS 5.0 7.5.x).
		assertRecentAuth(s, now);
		if (row.revocado_at === null) {
			await anular(c.env.DB, id, s.citizenId, now, 'Anulado por el titular').run();
			row.revocado_at = now;
		}
		return c.json(resumen(row, todayInArgentina(now)), 200);
	});

/** Public: the JWKS the page and any verifier use to check a certificate's signatures offline. */
const keysRoute = createRoute({
	method: 'get',
	path: '/',
	tags: TAG,
	summary: 'Público: claves públicas de firma de certificados (JWKS), la actual y las anteriores',
	responses: { 200: json(Jwks, 'Conjunto de claves'), ...errors([503, 'La firma no está configurada']) }
});

export const keys = createApp().openapi(keysRoute, (c) => {
	const { jwks } = clavesDe(c.env);
	// Public keys are not personal data and change only at a rotation: an hour of caching spares the
	// Worker a request per verification. Right after a rotation a cached copy may lack the new kid; the
	// verifier then answers "clave desconocida" and fetches the set again (docs/ARCHITECTURE.md).
	// Set only after the keys loaded: an error answer must stay no-store.
	c.set('publicCache', 'public, max-age=3600');
	return c.json(jwks, 200);
});

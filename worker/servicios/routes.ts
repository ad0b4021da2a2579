import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { parseCbu } from '../../src/lib/domain/cbu';
import { dniEnding, nextPaymentDate, paymentWindow, todayInArgentina } from '../../src/lib/domain/cronograma';
import { dniFromCuil } from '../../src/lib/domain/cuil';
import {
	CatalogoTramites,
	Cobro,
	CobroQuery,
	ConfirmarContacto,
	Datos,
	DatosUpdate,
	HistoriaLaboral,
	IdParam,
	NuevoTramite,
	PagoList,
	PagosQuery,
	PrestacionList,
	Recibo,
	Tramite,
	TramiteList,
	TramitesQuery,
	type BocaPago,
	type PagoResumen,
	type Prestacion,
	type TipoTramite
} from '../../src/lib/domain/api/servicios';
import { insertSecurityEvent } from '../auth/queries';
import { assertRecentAuth, requireSession } from '../auth/sessions';
import { assertNivel3OrRecentPasskey } from '../auth/step-up';
import type { AppEnv } from '../env';
import { createApp } from '../http/app';
import { ApiError } from '../http/errors';
import { errors, json, jsonBody } from '../http/openapi';
import { clientIp, userAgent } from '../http/request-info';
import { contactCodeMessage, maskContact, notice } from '../notifications/outbox';
import { CATALOGO, ESTADO_PRESTACION, ESTADO_TRAMITE, NOTA_INICIO, TITULO_TRAMITE } from './catalogo';
import { constantTimeEqualHex, contactCodeMac, sixDigitCode } from './contact-code';
import { summarizeHistoria } from './historia';
import {
	cambioPendiente,
	cambioStatements,
	contarIntento,
	datosOf,
	destinatario,
	historiaOf,
	insertTramiteStatements,
	pagosPage,
	prestacionesOf,
	prestacionPropia,
	reciboOf,
	setContacto,
	tramiteOf,
	tramitesPage,
	upsertDomicilio,
	usarCambio,
	type DatosRow,
	type PagoRow,
	type PrestacionRow
} from './queries';

/** The issue: codes are single use and expire in 10 minutes; five tries keep a guess at 1 in 200,000. */
const CODE_TTL_MS = 10 * 60_000;
const MAX_CODE_ATTEMPTS = 5;

const TAG = ['Servicios'];
const SIN_SESION: [number, string] = [401, 'Sin sesión'];

const notFound = (what: string) => new ApiError(404, 'no_encontrado', `No encontramos ${what}.`);

// --- Cursors: opaque to the page, "<periodo|time>_<id>" here. ---------------------------------------

function readPagoCursor(cursor: string | undefined): { periodo: string; id: number } {
	// The first page starts after everything: every period sorts before '9999-12'.
	if (cursor === undefined) return { periodo: '9999-12', id: Number.MAX_SAFE_INTEGER };
	const m = /^(\d{4}-\d{2})_(\d{1,16})$/.exec(cursor);
	if (!m) throw badCursor();
	return { periodo: m[1], id: Number(m[2]) };
}

function readTramiteCursor(cursor: string | undefined): { at: number; id: number } {
	if (cursor === undefined) return { at: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
	const m = /^(\d{1,16})_(\d{1,16})$/.exec(cursor);
	if (!m) throw badCursor();
	return { at: Number(m[1]), id: Number(m[2]) };
}

const badCursor = () =>
	new ApiError(400, 'datos_invalidos', 'Revisá los datos marcados.', {
		fields: [{ path: 'cursor', message: 'El cursor no es válido. Volvé a la primera página.' }]
	});

// --- Rows to API shapes. ----------------------------------------------------------------------------

function boca(r: {
	banco: string | null;
	sucursal: string | null;
	boca_domicilio: string | null;
	localidad: string | null;
	provincia: string | null;
}): BocaPago | null {
	if (r.banco === null) return null;
	return {
		banco: r.banco,
		sucursal: r.sucursal ?? '',
		domicilio: r.boca_domicilio ?? '',
		localidad: r.localidad ?? '',
		provincia: r.provincia ?? ''
	};
}

const pagoResumen = (g: PagoRow): PagoResumen => ({
	id: g.id,
	prestacionId: g.prestacion_id,
	periodo: g.periodo,
	fecha: g.fecha_pago,
	bruto: g.bruto,
	descuentos: g.descuentos,
	neto: g.neto
});

const hijo = (r: { hijo_nombre: string | null; hijo_dni: string | null }) =>
	r.hijo_nombre ? { nombre: r.hijo_nombre, dni: r.hijo_dni ?? '' } : null;

/**
 * Above or at the haber mínimo decides the lane of the calendar for jubilaciones and pensiones; the
 * haber of the last payment is compared with the mínimo of that same month.
 */
const sobreMinimo = (r: PrestacionRow) => r.haber_minimo !== null && r.haber > r.haber_minimo;

function prestacion(r: PrestacionRow, ending: number, today: string): Prestacion {
	return {
		id: r.id,
		tipo: r.tipo,
		denominacion: r.denominacion,
		estado: r.estado,
		estadoTexto: ESTADO_PRESTACION[r.estado],
		motivo: r.motivo,
		alta: r.alta,
		baja: r.baja,
		hijo: hijo(r),
		bocaPago: boca(r),
		cbu: r.cbu,
		ultimoPago:
			r.pago_id === null
				? null
				: pagoResumen({
						id: r.pago_id,
						prestacion_id: r.id,
						periodo: r.periodo!,
						fecha_pago: r.fecha_pago!,
						bruto: r.bruto!,
						descuentos: r.descuentos!,
						neto: r.neto!
					}),
		proximoPago:
			r.estado === 'activa' ? nextPaymentDate(r.tipo, ending, today, { sobreMinimo: sobreMinimo(r) }) : null
	};
}

function datos(r: DatosRow, now: number): Datos {
	return {
		cuil: r.cuil,
		nombres: r.nombres,
		apellidos: r.apellidos,
		email: r.email,
		telefono: r.telefono,
		domicilio:
			r.calle === null
				? null
				: {
						calle: r.calle,
						numero: r.numero ?? '',
						piso: r.piso,
						depto: r.depto,
						localidad: r.localidad ?? '',
						provincia: r.provincia as NonNullable<Datos['domicilio']>['provincia'],
						codigoPostal: r.codigo_postal ?? ''
					},
		cambioPendiente:
			r.pendiente_campo && r.pendiente_vence !== null && r.pendiente_vence > now
				? {
						campo: r.pendiente_campo,
						destino: maskContact({
							channel: r.pendiente_campo === 'email' ? 'email' : 'sms',
							address: r.pendiente_valor ?? ''
						}),
						vence: new Date(r.pendiente_vence).toISOString()
					}
				: null
	};
}

function event(c: Context<AppEnv>, type: string, now: number, detail?: Record<string, unknown>) {
	return insertSecurityEvent(c.env.DB, {
		citizenId: c.var.session.citizenId,
		type,
		at: now,
		ip: clientIp(c),
		userAgent: userAgent(c),
		detail
	});
}

async function loadDatos(c: Context<AppEnv>, now: number) {
	const row = await datosOf(c.env.DB, c.var.session.citizenId, now);
	if (!row) throw notFound('tus datos');
	return datos(row, now);
}

// --- Routes. ----------------------------------------------------------------------------------------

const prestacionesRoute = createRoute({
	method: 'get',
	path: '/prestaciones',
	tags: TAG,
	summary: 'Mis prestaciones: estado en palabras, último pago y próximo cobro',
	responses: { 200: json(PrestacionList, 'Prestaciones de la persona'), ...errors(SIN_SESION) }
});

const pagosRoute = createRoute({
	method: 'get',
	path: '/pagos',
	tags: TAG,
	summary: 'Pagos, del más nuevo al más viejo, de a páginas',
	request: { query: PagosQuery },
	responses: {
		200: json(PagoList, 'Una página de pagos'),
		...errors([400, 'Cursor o parámetros inválidos'], SIN_SESION, [
			404,
			'La prestación no existe o no es tuya'
		])
	}
});

const reciboRoute = createRoute({
	method: 'get',
	path: '/pagos/{id}',
	tags: TAG,
	summary: 'Recibo de un pago: bruto, cada descuento, neto, fecha y boca de pago',
	request: { params: IdParam },
	responses: { 200: json(Recibo, 'Recibo'), ...errors(SIN_SESION, [404, 'No existe o no es tuyo']) }
});

const cobroRoute = createRoute({
	method: 'get',
	path: '/cobro',
	tags: TAG,
	summary: 'Cuándo cobro: la próxima fecha de cada prestación activa según el cronograma y el DNI',
	request: { query: CobroQuery },
	responses: { 200: json(Cobro, 'Fechas de cobro'), ...errors([400, 'Período inválido'], SIN_SESION) }
});

const historiaRoute = createRoute({
	method: 'get',
	path: '/historia-laboral',
	tags: TAG,
	summary: 'Historia laboral: empleos con sus meses, total de aportes y lagunas',
	responses: { 200: json(HistoriaLaboral, 'Historia laboral'), ...errors(SIN_SESION) }
});

const catalogoRoute = createRoute({
	method: 'get',
	path: '/tramites/catalogo',
	tags: TAG,
	summary: 'Trámites que se pueden iniciar en línea, con los campos de cada formulario',
	responses: { 200: json(CatalogoTramites, 'Catálogo'), ...errors(SIN_SESION) }
});

const tramitesRoute = createRoute({
	method: 'get',
	path: '/tramites',
	tags: TAG,
	summary: 'Mis trámites, del más nuevo al más viejo, de a páginas',
	request: { query: TramitesQuery },
	responses: {
		200: json(TramiteList, 'Una página de trámites'),
		...errors([400, 'Cursor o parámetros inválidos'], SIN_SESION)
	}
});

const tramiteRoute = createRoute({
	method: 'get',
	path: '/tramites/{id}',
	tags: TAG,
	summary: 'Un trámite con la historia de sus estados',
	request: { params: IdParam },
	responses: { 200: json(Tramite, 'Trámite'), ...errors(SIN_SESION, [404, 'No existe o no es tuyo']) }
});

const nuevoTramiteRoute = createRoute({
	method: 'post',
	path: '/tramites',
	tags: TAG,
	summary:
		'Iniciar un trámite del catálogo (la actualización de CBU pide haber ingresado hace menos de 5 minutos)',
	request: jsonBody(NuevoTramite),
	responses: {
		201: json(Tramite, 'Trámite iniciado'),
		...errors(
			[400, 'Datos inválidos'],
			SIN_SESION,
			[403, 'Hace falta volver a escribir la clave'],
			[404, 'La prestación no existe o no es tuya']
		)
	}
});

const datosRoute = createRoute({
	method: 'get',
	path: '/datos',
	tags: TAG,
	summary: 'Mis datos: domicilio, celular y correo',
	responses: { 200: json(Datos, 'Datos de contacto'), ...errors(SIN_SESION) }
});

const cambiarDatosRoute = createRoute({
	method: 'patch',
	path: '/datos',
	tags: TAG,
	summary:
		'Cambiar domicilio (al instante), correo o celular (todo requiere haber ingresado hace menos de 5 minutos; correo y celular, además, un código enviado al dato nuevo)',
	request: jsonBody(DatosUpdate),
	responses: {
		200: json(Datos, 'Datos actualizados; cambioPendiente dice adónde fue el código'),
		...errors([400, 'Datos inválidos'], SIN_SESION, [403, 'Hace falta volver a escribir la clave'])
	}
});

const confirmarRoute = createRoute({
	method: 'post',
	path: '/datos/confirmar',
	tags: TAG,
	summary: 'Confirmar el correo o el celular nuevo con el código recibido',
	request: jsonBody(ConfirmarContacto),
	responses: {
		200: json(Datos, 'Dato confirmado y guardado'),
		...errors(
			[400, 'Código vencido, agotado o sin cambio pendiente'],
			[401, 'Sin sesión o código incorrecto']
		)
	}
});

export const servicios = createApp()
	.openapi({ ...prestacionesRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const today = todayInArgentina();
		const ending = dniEnding(dniFromCuil(s.cuil));
		const { results } = await prestacionesOf(c.env.DB, s.citizenId);
		return c.json({ items: results.map((r) => prestacion(r, ending, today)) }, 200);
	})
	.openapi({ ...pagosRoute, middleware: [requireSession] as const }, async (c) => {
		const { prestacion: prestacionId, cursor, limit } = c.req.valid('query');
		const after = readPagoCursor(cursor);
		// Naming someone else's benefit is a 404, like a benefit that does not exist, not an empty page.
		if (
			prestacionId !== undefined &&
			!(await prestacionPropia(c.env.DB, prestacionId, c.var.session.citizenId))
		)
			throw notFound('esa prestación');
		const { results } = await pagosPage(c.env.DB, c.var.session.citizenId, after, limit, prestacionId);
		const page = results.slice(0, limit);
		const last = page.at(-1);
		return c.json(
			{
				items: page.map(pagoResumen),
				nextCursor: results.length > limit && last ? `${last.periodo}_${last.id}` : null
			},
			200
		);
	})
	.openapi({ ...reciboRoute, middleware: [requireSession] as const }, async (c) => {
		const { id } = c.req.valid('param');
		const found = await reciboOf(c.env.DB, id, c.var.session.citizenId);
		// Someone else's payment answers exactly like one that does not exist.
		if (!found) throw notFound('ese pago');
		const { row, conceptos } = found;
		return c.json(
			{
				...pagoResumen(row),
				prestacion: {
					id: row.prestacion_id,
					tipo: row.tipo,
					denominacion: row.denominacion,
					hijo: hijo(row)
				},
				beneficiario: { nombres: row.nombres, apellidos: row.apellidos, cuil: row.cuil },
				conceptos,
				bocaPago: boca(row)
			},
			200
		);
	})
	.openapi({ ...cobroRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const { periodo } = c.req.valid('query');
		const today = todayInArgentina();
		const ending = dniEnding(dniFromCuil(s.cuil));
		const { results } = await prestacionesOf(c.env.DB, s.citizenId);
		const cobros = results
			.filter((r) => r.estado === 'activa')
			.map((r) => ({
				prestacionId: r.id,
				tipo: r.tipo,
				denominacion: r.denominacion,
				hijo: hijo(r),
				ventana: periodo
					? paymentWindow(periodo, r.tipo, ending, { sobreMinimo: sobreMinimo(r) })
					: nextPaymentDate(r.tipo, ending, today, { sobreMinimo: sobreMinimo(r) })
			}));
		return c.json({ hoy: today, terminacionDni: ending, cobros }, 200);
	})
	.openapi({ ...historiaRoute, middleware: [requireSession] as const }, async (c) => {
		const { empleos, aportes } = await historiaOf(c.env.DB, c.var.session.citizenId);
		return c.json(summarizeHistoria(empleos, aportes), 200);
	})
	.openapi({ ...catalogoRoute, middleware: [requireSession] as const }, (c) => c.json(CATALOGO, 200))
	.openapi({ ...tramitesRoute, middleware: [requireSession] as const }, async (c) => {
		const { cursor, limit } = c.req.valid('query');
		const after = readTramiteCursor(cursor);
		const { results } = await tramitesPage(c.env.DB, c.var.session.citizenId, after, limit);
		const page = results.slice(0, limit);
		const last = page.at(-1);
		return c.json(
			{
				items: page.map((t) => ({
					id: t.id,
					tipo: t.tipo as TipoTramite,
					titulo: TITULO_TRAMITE[t.tipo as TipoTramite] ?? t.tipo,
					estado: t.estado as keyof typeof ESTADO_TRAMITE,
					estadoTexto: ESTADO_TRAMITE[t.estado as keyof typeof ESTADO_TRAMITE],
					creado: new Date(t.created_at).toISOString(),
					actualizado: new Date(t.updated_at).toISOString()
				})),
				nextCursor: results.length > limit && last ? `${last.created_at}_${last.id}` : null
			},
			200
		);
	})
	.openapi({ ...tramiteRoute, middleware: [requireSession] as const }, async (c) => {
		const { id } = c.req.valid('param');
		const found = await tramiteOf(c.env.DB, id, c.var.session.citizenId);
		if (!found) throw notFound('ese trámite');
		return c.json(tramite(found.row, found.estados), 200);
	})
	.openapi({ ...nuevoTramiteRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const body = c.req.valid('json');
		const now = Date.now();
		let datos: Record<string, unknown> = { ...body };
		delete datos.tipo;
		const extra: D1PreparedStatement[] = [];

		if (body.tipo === 'actualizacion_cbu' || (body.tipo === 'reclamo' && body.prestacionId !== undefined)) {
			const own = await prestacionPropia(c.env.DB, body.prestacionId!, s.citizenId);
			if (!own) throw notFound('esa prestación');
		}
		if (body.tipo === 'actualizacion_cbu') {
			// Where the money goes is as sensitive as the clave: a phone left unlocked, or a phished clave,
			// must not be enough to send someone's haber to another account. Nivel 3 (with a recent
			// sign-in) or a passkey sign-in in the last 5 minutes (issue 8; ASVS 5.0 7.5.x step-up).
			assertNivel3OrRecentPasskey(s, now);
			const cbu = parseCbu(body.cbu);
			if (!cbu.ok) throw new ApiError(400, 'datos_invalidos', 'Revisá los datos marcados.');
			datos = { prestacionId: body.prestacionId, cbu: cbu.cbu };
			extra.push(
				event(c, 'cbu_cambio_solicitado', now, {
					prestacion: body.prestacionId,
					banco: cbu.banco,
					terminacion: cbu.cbu.slice(-4)
				})
			);
		}

		const [inserted] = await c.env.DB.batch([
			...insertTramiteStatements(c.env.DB, {
				citizenId: s.citizenId,
				tipo: body.tipo,
				datos,
				now,
				nota: NOTA_INICIO[body.tipo] ?? 'Recibimos tu solicitud.'
			}),
			...extra
		]);
		const id = inserted.meta.last_row_id;
		const found = await tramiteOf(c.env.DB, id, s.citizenId);
		if (!found) throw new Error('request vanished after insert');
		return c.json(tramite(found.row, found.estados), 201);
	})
	.openapi({ ...datosRoute, middleware: [requireSession] as const }, async (c) =>
		c.json(await loadDatos(c, Date.now()), 200)
	)
	.openapi({ ...cambiarDatosRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const body = c.req.valid('json');
		const now = Date.now();
		const campo = body.email !== undefined ? 'email' : body.telefono !== undefined ? 'telefono' : null;
		// Every change of personal data needs an authentication in the last 5 minutes (issue 5, point 6):
		// the address decides where letters and cards go. Checked before anything is written, so a
		// refused request changes nothing at all.
		// The email and the phone are where recovery codes go: whoever changes them can take the account
		// over with "¿Olvidaste tu clave?". So they need nivel 3 or a fresh passkey sign-in (issue 8),
		// checked first so a nivel-2 person is told what helps (re-typing the clave would not).
		if (campo) assertNivel3OrRecentPasskey(s, now);
		assertRecentAuth(s, now);

		const statements: D1PreparedStatement[] = [];
		if (body.domicilio) {
			// An address is not a way into the account: it applies at once, and is recorded.
			statements.push(
				upsertDomicilio(c.env.DB, s.citizenId, body.domicilio, now),
				event(c, 'domicilio_cambiado', now)
			);
		}
		if (campo) {
			const valor = campo === 'email' ? body.email!.trim().toLowerCase() : body.telefono!.trim();
			const code = sixDigitCode();
			const person = await destinatario(c.env.DB, s.citizenId);
			if (!person) throw notFound('tus datos');
			statements.push(
				...cambioStatements(c.env.DB, {
					citizenId: s.citizenId,
					campo,
					valor,
					codeHash: await contactCodeMac(c.env.CLAVE_PEPPER, s.citizenId, valor, code),
					now,
					ttlMs: CODE_TTL_MS
				}),
				// The code goes to the NEW address: confirming it proves the person reads it.
				contactCodeMessage(
					c.env.DB,
					person,
					{ channel: campo === 'email' ? 'email' : 'sms', address: valor },
					code,
					now
				),
				event(c, 'contacto_cambio_solicitado', now, { campo })
			);
		}
		await c.env.DB.batch(statements);
		return c.json(await loadDatos(c, now), 200);
	})
	.openapi({ ...confirmarRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const { codigo } = c.req.valid('json');
		const now = Date.now();
		const pending = await cambioPendiente(c.env.DB, s.citizenId);
		if (!pending)
			throw new ApiError(
				400,
				'sin_cambio_pendiente',
				'No hay ningún cambio esperando un código. Empezá de nuevo.'
			);
		if (now > pending.expires_at)
			throw new ApiError(
				400,
				'codigo_vencido',
				'El código venció. Pedí uno nuevo cambiando el dato otra vez.'
			);
		const counted = await contarIntento(c.env.DB, pending.id, s.citizenId, MAX_CODE_ATTEMPTS).run();
		if (counted.meta.changes === 0)
			throw new ApiError(
				400,
				'codigo_agotado',
				'Usaste todos los intentos para este código. Pedí uno nuevo.'
			);
		const mac = await contactCodeMac(c.env.CLAVE_PEPPER, s.citizenId, pending.valor, codigo);
		if (!constantTimeEqualHex(mac, pending.code_hash)) {
			await event(c, 'contacto_codigo_incorrecto', now, { campo: pending.campo }).run();
			throw new ApiError(401, 'codigo_incorrecto', 'El código no es correcto. Revisalo y probá de nuevo.');
		}
		// The old contact is read before the change: that is where the "it was changed" notice goes.
		const before = await destinatario(c.env.DB, s.citizenId);
		if (!before) throw notFound('tus datos');
		const [used] = await c.env.DB.batch([
			usarCambio(c.env.DB, pending.id, s.citizenId, now),
			setContacto(c.env.DB, s.citizenId, pending.campo, pending.valor),
			event(c, pending.campo === 'email' ? 'email_cambiado' : 'telefono_cambiado', now),
			...(await notice(c.env.DB, before, 'contacto_cambiado', new URL(c.req.url).origin, now))
		]);
		if (used.meta.changes === 0)
			throw new ApiError(400, 'codigo_vencido', 'Este código ya se usó. Pedí uno nuevo si hace falta.');
		return c.json(await loadDatos(c, now), 200);
	});

function tramite(
	row: { id: number; tipo: string; estado: string; datos: string; created_at: number; updated_at: number },
	estados: { estado: string; fecha: number; nota: string }[]
) {
	const estado = row.estado as keyof typeof ESTADO_TRAMITE;
	return {
		id: row.id,
		tipo: row.tipo as TipoTramite,
		titulo: TITULO_TRAMITE[row.tipo as TipoTramite] ?? row.tipo,
		estado,
		estadoTexto: ESTADO_TRAMITE[estado],
		creado: new Date(row.created_at).toISOString(),
		actualizado: new Date(row.updated_at).toISOString(),
		datos: JSON.parse(row.datos) as Record<string, unknown>,
		historial: estados.map((e) => ({
			estado: e.estado as keyof typeof ESTADO_TRAMITE,
			estadoTexto: ESTADO_TRAMITE[e.estado as keyof typeof ESTADO_TRAMITE],
			fecha: new Date(e.fecha).toISOString(),
			nota: e.nota
		}))
	};
}

import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
	BusquedaRequest,
	CiudadanoOficina,
	ClaveProvisoriaRequest,
	ClaveProvisoriaResponse,
	Operador,
	TurnosDelDia,
	TurnosDelDiaQuery,
	ValidacionRequest,
	ValidacionResponse
} from '../../src/lib/domain/api/oficina';
import { formatearCodigo } from '../../src/lib/domain/clave-provisoria';
import { todayInArgentina } from '../../src/lib/domain/cronograma';
import { parseCuil } from '../../src/lib/domain/cuil';
import { MOTIVOS_TURNO } from '../../src/lib/domain/turnos';
import { pepperBytes } from '../auth/clave-hash';
import { insertSecurityEvent } from '../auth/queries';
import { requireSession } from '../auth/sessions';
import type { AppEnv, OperatorContext } from '../env';
import { createApp } from '../http/app';
import { ApiError } from '../http/errors';
import { errors, json, jsonBody } from '../http/openapi';
import { clientIp, userAgent } from '../http/request-info';
import { contactOf, notice } from '../notifications/outbox';
import { audit, requireOperator } from './access';
import { PROVISIONAL_TTL_MS, codeContext, newProvisionalCode } from './codes';
import { SQL, type CitizenRow, type DayRow } from './queries';

const TAG = ['Oficina'];
/**
 * Marks an operation as nivel 3 only in /api/openapi.json. tests/worker/nivel3.test.ts reads the
 * document, finds every operation with this mark and proves a nivel-2 session is refused on each.
 */
const NIVEL_3 = { 'x-mi-anses-nivel': 3 } as const;
const REFUSED: [number, string][] = [
	[401, 'Sin sesión'],
	[403, 'No es personal de una oficina, no tiene nivel 3 o no ingresó con llave de acceso']
];

const routes = {
	yo: createRoute({
		method: 'get',
		path: '/yo',
		tags: TAG,
		summary: 'El operador que ingresó y su oficina',
		...NIVEL_3,
		responses: { 200: json(Operador, 'Operador'), ...errors(...REFUSED) }
	}),
	turnos: createRoute({
		method: 'get',
		path: '/turnos',
		tags: TAG,
		summary: 'Los turnos de un día en la oficina del operador (por defecto, hoy)',
		...NIVEL_3,
		request: { query: TurnosDelDiaQuery },
		responses: { 200: json(TurnosDelDia, 'Turnos'), ...errors([400, 'Fecha inválida'], ...REFUSED) }
	}),
	busqueda: createRoute({
		method: 'post',
		path: '/busqueda',
		tags: TAG,
		summary: 'Buscar a una persona por CUIL (POST: el CUIL no queda en direcciones ni registros)',
		...NIVEL_3,
		request: jsonBody(BusquedaRequest),
		responses: {
			200: json(CiudadanoOficina, 'Persona'),
			...errors([400, 'CUIL inválido'], ...REFUSED, [404, 'No hay nadie con ese CUIL'])
		}
	}),
	validacion: createRoute({
		method: 'post',
		path: '/validaciones',
		tags: TAG,
		summary: 'Registrar la validación de identidad en persona: la cuenta pasa a nivel 3',
		...NIVEL_3,
		request: jsonBody(ValidacionRequest),
		responses: {
			201: json(ValidacionResponse, 'Nivel 3 otorgado'),
			...errors(
				[400, 'Datos inválidos'],
				...REFUSED,
				[404, 'No existe la persona o el turno'],
				[422, 'El número de trámite no coincide']
			)
		}
	}),
	claveProvisoria: createRoute({
		method: 'post',
		path: '/claves-provisorias',
		tags: TAG,
		summary:
			'Reinicio de clave en persona: un código provisorio de un solo uso (72 h) y se cierran las sesiones',
		...NIVEL_3,
		request: jsonBody(ClaveProvisoriaRequest),
		responses: {
			201: json(ClaveProvisoriaResponse, 'Código provisorio (se muestra una sola vez)'),
			...errors(
				[400, 'Datos inválidos'],
				...REFUSED,
				[404, 'No existe la persona'],
				[422, 'El número de trámite no coincide']
			)
		}
	})
};

const notFound = () =>
	new ApiError(
		404,
		'ciudadano_no_encontrado',
		'No encontramos a nadie con ese CUIL. Revisalo con la persona.'
	);

function cuilOf(input: string) {
	const parsed = parseCuil(input);
	if (!parsed.ok) throw new ApiError(400, 'datos_invalidos', 'Revisá el CUIL.');
	return parsed.cuil;
}

function findCitizen(db: D1Database, cuil: string) {
	return db.prepare(SQL.citizen).bind(cuil).first<CitizenRow>();
}

/** An operator never acts on their own account: raising one's own level is exactly what to prevent. */
function notSelf(op: OperatorContext, citizen: CitizenRow) {
	if (citizen.id === op.citizenId)
		throw new ApiError(
			403,
			'oficina_propia_cuenta',
			'No podés hacer este trámite sobre tu propia cuenta. Pedíselo a otra persona de la oficina.'
		);
}

/**
 * The in-person identity check shared by the validation and the clave reset: the DNI card seen (the
 * schema requires the box ticked) and its número de trámite equal to the one ANSES has on record. A
 * mismatch is written to the trail before the refusal, so repeated tries show up there.
 */
async function checkTramite(
	c: Context<AppEnv>,
	op: OperatorContext,
	citizen: CitizenRow,
	tramite: string,
	action: 'validacion_rechazada' | 'clave_provisoria_rechazada',
	now: number
) {
	if (citizen.dni_tramite !== null && citizen.dni_tramite === tramite) return;
	await audit(c.env.DB, op, citizen.id, action, now, { motivo: 'tramite_no_coincide' }).run();
	throw new ApiError(
		422,
		'tramite_no_coincide',
		'El número de trámite no coincide con el del DNI que tiene registrado ANSES. Revisalo en la tarjeta; si la persona tiene un DNI más nuevo, primero tiene que actualizarlo.',
		{
			fields: [
				{
					path: 'tramite',
					message:
						'El número de trámite no coincide con el del DNI registrado en ANSES. Revisalo en la tarjeta.'
				}
			]
		}
	);
}

function securityEvent(
	c: Context<AppEnv>,
	citizenId: number,
	type: string,
	now: number,
	op: OperatorContext
) {
	return insertSecurityEvent(c.env.DB, {
		citizenId,
		type,
		at: now,
		ip: clientIp(c),
		userAgent: userAgent(c),
		detail: { udai: op.udaiId, legajo: op.legajo }
	});
}

const origin = (c: Context) => new URL(c.req.url).origin;

export const oficina = createApp()
	.openapi({ ...routes.yo, middleware: [requireSession, requireOperator] as const }, async (c) => {
		const op = c.var.operator!;
		const s = c.var.session;
		return c.json({ nombres: s.nombres, apellidos: s.apellidos, legajo: op.legajo, udai: op.udai }, 200);
	})
	.openapi({ ...routes.turnos, middleware: [requireSession, requireOperator] as const }, async (c) => {
		const op = c.var.operator!;
		const fecha = c.req.valid('query').fecha ?? todayInArgentina();
		const now = Date.now();
		// The trail row and the read in one batch: if the row cannot be written, nothing is shown.
		const [, list] = await c.env.DB.batch<DayRow>([
			audit(c.env.DB, op, null, 'turnos_del_dia', now, { fecha }),
			c.env.DB.prepare(SQL.dayList).bind(op.udaiId, fecha)
		]);
		return c.json(
			{
				fecha,
				udai: op.udai,
				items: list.results.map((r) => ({
					id: r.id,
					hora: r.hora,
					estado: r.estado,
					motivoTexto: MOTIVOS_TURNO[r.motivo],
					ciudadano: { cuil: r.cuil, nombres: r.nombres, apellidos: r.apellidos, nivel: r.nivel }
				}))
			},
			200
		);
	})
	.openapi({ ...routes.busqueda, middleware: [requireSession, requireOperator] as const }, async (c) => {
		const op = c.var.operator!;
		const cuil = cuilOf(c.req.valid('json').cuil);
		const now = Date.now();
		const citizen = await findCitizen(c.env.DB, cuil);
		if (!citizen) {
			// A search that finds nobody is still an action on someone's CUIL.
			await audit(c.env.DB, op, null, 'busqueda_ciudadano', now, { cuil, encontrado: false }).run();
			throw notFound();
		}
		const [, grants, turnos] = await c.env.DB.batch([
			audit(c.env.DB, op, citizen.id, 'busqueda_ciudadano', now, { cuil }),
			c.env.DB.prepare(SQL.grants).bind(citizen.id),
			c.env.DB.prepare(SQL.liveTurnos).bind(citizen.id, op.udaiId)
		]);
		return c.json(
			{
				cuil: citizen.cuil,
				dni: citizen.dni,
				nombres: citizen.nombres,
				apellidos: citizen.apellidos,
				fechaNacimiento: citizen.fecha_nacimiento,
				nivel: citizen.nivel,
				tieneClave: Boolean(citizen.tiene_clave),
				otorgamientos: (grants.results as { granted_at: number; udai: string; legajo: string }[]).map(
					(g) => ({
						otorgadoEn: new Date(g.granted_at).toISOString(),
						udai: g.udai,
						legajo: g.legajo
					})
				),
				turnos: turnos.results as { id: number; fecha: string; hora: string }[]
			},
			200
		);
	})
	.openapi({ ...routes.validacion, middleware: [requireSession, requireOperator] as const }, async (c) => {
		const op = c.var.operator!;
		const input = c.req.valid('json');
		const now = Date.now();
		const citizen = await findCitizen(c.env.DB, cuilOf(input.cuil));
		if (!citizen) throw notFound();
		notSelf(op, citizen);
		await checkTramite(c, op, citizen, input.tramite, 'validacion_rechazada', now);
		const turnoId = input.turnoId ?? null;
		if (turnoId !== null) {
			// Only this person's live appointment at this office: an operator cannot close another
			// office's queue or another person's appointment.
			const turno = await c.env.DB.prepare(SQL.turnoForValidation)
				.bind(turnoId, citizen.id, op.udaiId)
				.first();
			if (!turno)
				throw new ApiError(
					404,
					'turno_no_encontrado',
					'Ese turno no es de esta persona en esta oficina, o ya no está reservado.'
				);
		}
		const sessions = await c.env.DB.prepare(SQL.countSessions).bind(citizen.id).first<{ n: number }>();
		const notas = input.notas ? input.notas : null;
		// One batch, one transaction (issue 8): level, grant, appointment, trail, event and notice all
		// exist, or none does.
		await c.env.DB.batch([
			c.env.DB.prepare(SQL.raiseNivel).bind(citizen.id),
			c.env.DB.prepare(SQL.grant).bind(citizen.id, op.udaiId, op.citizenId, turnoId, now, notas),
			...(turnoId !== null ? [c.env.DB.prepare(SQL.attend).bind(turnoId, citizen.id, now)] : []),
			audit(c.env.DB, op, citizen.id, 'validacion_identidad', now, {
				turno: turnoId,
				dniVisto: true,
				tramiteCoincide: true,
				notas
			}),
			securityEvent(c, citizen.id, 'nivel_3_otorgado', now, op),
			// The level is read from `citizens` on every request, so a session opened before the person
			// stood at the counter (possibly by someone else) would inherit nivel 3. Close them all:
			// nivel 3 is for sign-ins made after the in-person check.
			c.env.DB.prepare(SQL.deleteSessions).bind(citizen.id),
			...(await notice(c.env.DB, citizen, 'nivel_3_otorgado', origin(c), now))
		]);
		return c.json(
			{
				nivel: 3 as const,
				otorgadoEn: new Date(now).toISOString(),
				sesionesCerradas: sessions?.n ?? 0,
				avisoPor: contactOf(citizen)?.channel ?? null
			},
			201
		);
	})
	.openapi(
		{ ...routes.claveProvisoria, middleware: [requireSession, requireOperator] as const },
		async (c) => {
			const op = c.var.operator!;
			const input = c.req.valid('json');
			const now = Date.now();
			const citizen = await findCitizen(c.env.DB, cuilOf(input.cuil));
			if (!citizen) throw notFound();
			notSelf(op, citizen);
			await checkTramite(c, op, citizen, input.tramite, 'clave_provisoria_rechazada', now);
			const code = newProvisionalCode();
			const hash = await codeContext(pepperBytes(c.env.CLAVE_PEPPER), citizen.id, code);
			const sessions = await c.env.DB.prepare(SQL.countSessions).bind(citizen.id).first<{ n: number }>();
			const expiresAt = now + PROVISIONAL_TTL_MS;
			await c.env.DB.batch([
				// A newer code replaces any earlier one still unused: only the last sheet printed works.
				c.env.DB.prepare(SQL.revokeCodes).bind(citizen.id, now),
				c.env.DB.prepare(SQL.insertCode).bind(citizen.id, hash, op.citizenId, op.udaiId, now, expiresAt),
				// The person forgot the clave, or someone else knows it: it stops working now (kept in the
				// history so the new clave cannot be the same). ASVS 5.0 7.4.3: every session ends too.
				c.env.DB.prepare(SQL.retireClave).bind(citizen.id, now),
				c.env.DB.prepare(SQL.deleteClave).bind(citizen.id),
				c.env.DB.prepare(SQL.deleteSessions).bind(citizen.id),
				audit(c.env.DB, op, citizen.id, 'clave_provisoria', now, {
					dniVisto: true,
					tramiteCoincide: true,
					venceEn: expiresAt
				}),
				securityEvent(c, citizen.id, 'clave_provisoria', now, op),
				...(await notice(c.env.DB, citizen, 'clave_provisoria', origin(c), now))
			]);
			return c.json(
				{
					codigo: formatearCodigo(code),
					venceEn: new Date(expiresAt).toISOString(),
					sesionesCerradas: sessions?.n ?? 0,
					avisoPor: contactOf(citizen)?.channel ?? null,
					ciudadano: { cuil: citizen.cuil, nombres: citizen.nombres, apellidos: citizen.apellidos }
				},
				201
			);
		}
	);

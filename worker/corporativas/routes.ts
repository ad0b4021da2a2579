/**
 * Aplicaciones corporativas (issue 8, point 4): what nivel 3 opens. One application so far, the
 * Certificación de Servicios y Remuneraciones (PS 6.2): an employer's representative certifies the
 * months and the pay of a person who worked there, and that person then issues it as a certificate.
 *
 * Every route: a session (requireSession), nivel 3 (requireNivel3), marked `'x-mi-anses-nivel': 3` in
 * its OpenAPI definition. Every employer action is checked against `representantes` for the session's
 * own citizen id and the CUIT asked for; every person is looked up only among those with an employment
 * at that CUIT in the historia laboral.
 */
import { createRoute } from '@hono/zod-openapi';
import {
	CertificacionResumen,
	EmpleadoParams,
	FichaEmpleado,
	ListaCertificaciones,
	MisEmpleadores,
	NuevaCertificacion
} from '../../src/lib/domain/api/corporativas';
import { todayInArgentina, addMonths } from '../../src/lib/domain/cronograma';
import {
	MAX_MESES_CERTIFICACION,
	aportePersonal,
	mesesEntre,
	problemasCertificacion,
	ultimoMesCertificable
} from '../../src/lib/domain/corporativas';
import { assertRecentAuth, requireSession } from '../auth/sessions';
import { createApp } from '../http/app';
import { ApiError } from '../http/errors';
import { errors, json, jsonBody } from '../http/openapi';
import { clientIp, userAgent } from '../http/request-info';
import { NIVEL_3, requireNivel3 } from './acceso';
import { stmt, type CertificacionRow, type EmpleadorRow, type EmpleoRow, type PersonaRow } from './queries';

const TAG = ['Aplicaciones corporativas'];
const SIN_SESION: [number, string] = [401, 'Sin sesión'];
const SIN_NIVEL: [number, string] = [403, 'La cuenta no es nivel 3, o no representa a ese empleador'];

const empleador = (r: EmpleadorRow) => ({
	cuit: r.cuit,
	razonSocial: r.razon_social,
	domicilio: r.domicilio,
	cargo: r.cargo
});

const resumen = (r: CertificacionRow): CertificacionResumen => ({
	id: r.id,
	empleoId: r.empleo_id,
	cuit: r.cuit,
	razonSocial: r.razon_social,
	empleado: { cuil: r.empleado_cuil, nombre: `${r.empleado_nombres} ${r.empleado_apellidos}` },
	desde: r.desde,
	hasta: r.hasta,
	meses: r.meses,
	total: r.total,
	certificadoAt: r.certificado_at,
	representante: { nombre: `${r.rep_nombres} ${r.rep_apellidos}`, cuil: r.rep_cuil }
});

/**
 * The representation is checked for the session's own account and this CUIT on every request: a CUIT
 * in the URL or body is only a question, never a credential (ASVS 5.0 8.2.2, object-level access).
 */
async function representado(db: D1Database, citizenId: number, cuit: string) {
	const row = await stmt(db, 'representa', citizenId, cuit).first<EmpleadorRow>();
	if (!row)
		throw new ApiError(
			403,
			'no_representa',
			'Tu cuenta no figura como representante de ese empleador. Si tenés que actuar en su nombre, la empresa tiene que pedirlo en ANSES.'
		);
	return row;
}

/**
 * The person, only if they worked at this employer. An unknown CUIL and a person who never worked
 * there answer the same 404: an employer's representative must not learn whether a CUIL exists, or
 * anything about people outside the company's own payroll.
 */
async function empleadoDe(db: D1Database, e: EmpleadorRow, cuil: string, representanteId: number) {
	const noEsEmpleado = () =>
		new ApiError(
			404,
			'empleado_no_encontrado',
			`No encontramos a esa persona entre quienes trabajaron en ${e.razon_social}. Revisá el CUIL.`
		);
	const persona = await stmt(db, 'persona', cuil).first<PersonaRow>();
	if (!persona) throw noEsEmpleado();
	// Separation of duties: nobody certifies their own services and pay, even for a company they represent.
	if (persona.id === representanteId)
		throw new ApiError(
			403,
			'propios_servicios',
			'No podés certificar tus propios servicios. Tiene que hacerlo otra persona que represente a la empresa.'
		);
	const { results: empleos } = await stmt(db, 'empleos', persona.id, e.cuit).all<EmpleoRow>();
	if (empleos.length === 0) throw noEsEmpleado();
	return { persona, empleos };
}

// --- Routes. ----------------------------------------------------------------------------------------

const empleadoresRoute = createRoute({
	method: 'get',
	path: '/empleadores',
	tags: TAG,
	summary: 'Nivel 3: los empleadores que representa esta cuenta',
	...NIVEL_3,
	responses: { 200: json(MisEmpleadores, 'Empleadores'), ...errors(SIN_SESION, SIN_NIVEL) }
});

const empleadoRoute = createRoute({
	method: 'get',
	path: '/empleadores/{cuit}/empleados/{cuil}',
	tags: TAG,
	summary:
		'Nivel 3: los empleos de una persona en ese empleador, con los meses y remuneraciones declarados para precargar',
	...NIVEL_3,
	request: { params: EmpleadoParams },
	responses: {
		200: json(FichaEmpleado, 'Empleos de la persona en ese empleador'),
		...errors([400, 'Datos inválidos'], SIN_SESION, SIN_NIVEL, [
			404,
			'La persona no trabajó en ese empleador (o el CUIL no existe)'
		])
	}
});

const certificarRoute = createRoute({
	method: 'post',
	path: '/certificaciones',
	tags: TAG,
	summary:
		'Nivel 3: certificar servicios y remuneraciones de una persona que trabajó en el empleador (queda registrado quién, cuándo y para qué empleador)',
	...NIVEL_3,
	request: jsonBody(NuevaCertificacion),
	responses: {
		201: json(CertificacionResumen, 'Certificación registrada'),
		...errors(
			[400, 'Datos inválidos'],
			SIN_SESION,
			[
				403,
				'No es nivel 3, no representa al empleador, son sus propios servicios o hay que volver a ingresar'
			],
			[404, 'La persona o el empleo no son de ese empleador'],
			[422, 'Período fuera de las fechas del empleo o remuneraciones que no corresponden']
		)
	}
});

const historialRoute = createRoute({
	method: 'get',
	path: '/certificaciones',
	tags: TAG,
	summary: 'Nivel 3: las certificaciones que hizo esta cuenta, de la más nueva a la más vieja',
	...NIVEL_3,
	responses: { 200: json(ListaCertificaciones, 'Certificaciones'), ...errors(SIN_SESION, SIN_NIVEL) }
});

export const corporativas = createApp()
	.openapi({ ...empleadoresRoute, middleware: [requireSession, requireNivel3] as const }, async (c) => {
		const { results } = await stmt(c.env.DB, 'empleadores', c.var.session.citizenId).all<EmpleadorRow>();
		return c.json({ items: results.map(empleador) }, 200);
	})
	.openapi({ ...empleadoRoute, middleware: [requireSession, requireNivel3] as const }, async (c) => {
		const s = c.var.session;
		const { cuit, cuil } = c.req.valid('param');
		const db = c.env.DB;
		const e = await representado(db, s.citizenId, cuit);
		const { persona, empleos } = await empleadoDe(db, e, cuil, s.citizenId);
		const hoy = todayInArgentina();
		const fichas = await Promise.all(
			empleos.map(async (em) => {
				const ultimo = ultimoMesCertificable(em, hoy);
				// The last 120 months at most: what one certification can hold.
				const primero =
					em.desde > addMonths(ultimo, -(MAX_MESES_CERTIFICACION - 1))
						? em.desde
						: addMonths(ultimo, -(MAX_MESES_CERTIFICACION - 1));
				const { results } = await stmt(db, 'aportes', em.id, primero, ultimo).all<{
					periodo: string;
					remuneracion: number;
					aportes: number;
				}>();
				const declarados = new Map(results.map((r) => [r.periodo, r]));
				return {
					id: em.id,
					desde: em.desde,
					hasta: em.hasta,
					ultimoCertificable: ultimo,
					meses:
						primero > ultimo
							? []
							: mesesEntre(primero, ultimo).map((periodo) => ({
									periodo,
									remuneracion: declarados.get(periodo)?.remuneracion ?? null,
									aportes: declarados.get(periodo)?.aportes ?? null
								}))
				};
			})
		);
		const { results: hechas } = await stmt(
			db,
			'deEmpleadoEnEmpleador',
			persona.id,
			cuit
		).all<CertificacionRow>();
		return c.json(
			{
				empleado: { cuil: persona.cuil, nombre: `${persona.nombres} ${persona.apellidos}` },
				empleador: empleador(e),
				empleos: fichas,
				certificaciones: hechas.map(resumen)
			},
			200
		);
	})
	.openapi({ ...certificarRoute, middleware: [requireSession, requireNivel3] as const }, async (c) => {
		const s = c.var.session;
		const body = c.req.valid('json');
		const db = c.env.DB;
		const now = Date.now();
		// Certifying is a signed statement in the company's name that a jubilación may rest on: like other
		// irreversible actions it needs an authentication in the last 5 minutes (ASVS 5.0 7.5.x), so a
		// session left open on an office computer is not enough.
		assertRecentAuth(s, now);
		const e = await representado(db, s.citizenId, body.cuit);
		const { persona } = await empleadoDe(db, e, body.cuil, s.citizenId);
		const em = await stmt(db, 'empleo', body.empleoId, persona.id, body.cuit).first<EmpleoRow>();
		if (!em)
			throw new ApiError(
				404,
				'empleo_no_encontrado',
				`No encontramos ese empleo de la persona en ${e.razon_social}.`
			);
		const problemas = problemasCertificacion(body, em, todayInArgentina(now));
		if (problemas.length > 0)
			throw new ApiError(422, 'certificacion_invalida', problemas[0].message, { fields: problemas });
		// Stored in month order, with the aportes computed here from the rule in src/lib/domain: the
		// request says only what the employer certifies (the remuneración); nothing else is taken from it.
		const meses = [...body.remuneraciones]
			.sort((a, b) => a.periodo.localeCompare(b.periodo))
			.map((r) => ({
				periodo: r.periodo,
				remuneracion: r.remuneracion,
				aportes: aportePersonal(r.remuneracion)
			}));
		const total = meses.reduce((sum, r) => sum + r.remuneracion, 0);
		const { meta } = await stmt(
			db,
			'insertar',
			persona.id,
			em.id,
			body.cuit,
			s.citizenId,
			body.desde,
			body.hasta,
			JSON.stringify(meses),
			total,
			now,
			clientIp(c),
			userAgent(c)
		).run();
		return c.json(
			{
				id: meta.last_row_id,
				empleoId: em.id,
				cuit: body.cuit,
				razonSocial: e.razon_social,
				empleado: { cuil: persona.cuil, nombre: `${persona.nombres} ${persona.apellidos}` },
				desde: body.desde,
				hasta: body.hasta,
				meses: meses.length,
				total,
				certificadoAt: now,
				representante: { nombre: `${s.nombres} ${s.apellidos}`, cuil: s.cuil }
			},
			201
		);
	})
	.openapi({ ...historialRoute, middleware: [requireSession, requireNivel3] as const }, async (c) => {
		const { results } = await stmt(
			c.env.DB,
			'deRepresentante',
			c.var.session.citizenId
		).all<CertificacionRow>();
		return c.json({ items: results.map(resumen) }, 200);
	});

/**
 * SQL of the corporate applications. Every statement is in `SQL` so tests/worker/query-plans.test.ts can
 * check each plan. Statements a representative runs name the representative's own citizen id AND the
 * employer's CUIT; statements an employee runs name the employee's citizen id: another person's rows
 * match nothing and the route answers 404.
 */

export const SQL = {
	/** The employers this account represents today. */
	empleadores: `SELECT r.cuit, e.razon_social, e.domicilio, r.cargo
		FROM representantes r JOIN empleadores e ON e.cuit = r.cuit
		WHERE r.citizen_id = ?1 AND r.revocado_at IS NULL
		ORDER BY e.razon_social`,

	/** Whether the account represents this employer today (the gate of every employer action). */
	representa: `SELECT r.cuit, e.razon_social, e.domicilio, r.cargo
		FROM representantes r JOIN empleadores e ON e.cuit = r.cuit
		WHERE r.citizen_id = ?1 AND r.cuit = ?2 AND r.revocado_at IS NULL`,

	persona: 'SELECT id, cuil, nombres, apellidos FROM citizens WHERE cuil = ?1',

	/** The person's employments at this employer: the only people an employer may certify. */
	empleos: `SELECT id, desde, hasta FROM empleos WHERE citizen_id = ?1 AND cuit = ?2 ORDER BY desde, id`,

	/** One employment, only if it is this person's at this employer. */
	empleo: 'SELECT id, desde, hasta FROM empleos WHERE id = ?1 AND citizen_id = ?2 AND cuit = ?3',

	/** What the employer declared for an employment, month by month, within a range. */
	aportes: `SELECT periodo, remuneracion, aportes FROM aportes
		WHERE empleo_id = ?1 AND periodo >= ?2 AND periodo <= ?3 ORDER BY periodo`,

	insertar: `INSERT INTO certificaciones_servicios (citizen_id, empleo_id, cuit, representante_id, desde, hasta,
			remuneraciones, total, certificado_at, ip, user_agent)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,

	/** A summary row joins the employer and both people's names. */
	deEmpleadoEnEmpleador: `SELECT k.id, k.empleo_id, k.cuit, e.razon_social, k.desde, k.hasta, k.total, k.certificado_at,
			json_array_length(k.remuneraciones) AS meses,
			p.cuil AS empleado_cuil, p.nombres AS empleado_nombres, p.apellidos AS empleado_apellidos,
			r.cuil AS rep_cuil, r.nombres AS rep_nombres, r.apellidos AS rep_apellidos
		FROM certificaciones_servicios k
		JOIN empleadores e ON e.cuit = k.cuit
		JOIN citizens p ON p.id = k.citizen_id
		JOIN citizens r ON r.id = k.representante_id
		WHERE k.citizen_id = ?1 AND k.cuit = ?2
		ORDER BY k.certificado_at DESC, k.id DESC LIMIT 50`,

	/** What this representative certified, newest first (their own history). */
	deRepresentante: `SELECT k.id, k.empleo_id, k.cuit, e.razon_social, k.desde, k.hasta, k.total, k.certificado_at,
			json_array_length(k.remuneraciones) AS meses,
			p.cuil AS empleado_cuil, p.nombres AS empleado_nombres, p.apellidos AS empleado_apellidos,
			r.cuil AS rep_cuil, r.nombres AS rep_nombres, r.apellidos AS rep_apellidos
		FROM certificaciones_servicios k
		JOIN empleadores e ON e.cuit = k.cuit
		JOIN citizens p ON p.id = k.citizen_id
		JOIN citizens r ON r.id = k.representante_id
		WHERE k.representante_id = ?1
		ORDER BY k.certificado_at DESC, k.id DESC LIMIT 50`,

	/** The employee's side: every certification employers made for this person. */
	paraEmpleado: `SELECT k.id, k.cuit, e.razon_social, k.desde, k.hasta, k.certificado_at
		FROM certificaciones_servicios k JOIN empleadores e ON e.cuit = k.cuit
		WHERE k.citizen_id = ?1
		ORDER BY k.certificado_at DESC, k.id DESC LIMIT 50`,

	/** One certification, only if it is about this person (what the certificate is built from). */
	unaParaEmpleado: `SELECT k.id, k.cuit, e.razon_social, e.domicilio, k.desde, k.hasta, k.remuneraciones, k.certificado_at,
			r.cuil AS rep_cuil, r.nombres AS rep_nombres, r.apellidos AS rep_apellidos
		FROM certificaciones_servicios k
		JOIN empleadores e ON e.cuit = k.cuit
		JOIN citizens r ON r.id = k.representante_id
		WHERE k.id = ?1 AND k.citizen_id = ?2`
} as const;

export type CorporativasSql = keyof typeof SQL;

export const stmt = (db: D1Database, name: CorporativasSql, ...values: unknown[]) =>
	db.prepare(SQL[name]).bind(...values);

export interface EmpleadorRow {
	cuit: string;
	razon_social: string;
	domicilio: string | null;
	cargo: string;
}

export interface PersonaRow {
	id: number;
	cuil: string;
	nombres: string;
	apellidos: string;
}

export interface EmpleoRow {
	id: number;
	desde: string;
	hasta: string | null;
}

export interface CertificacionRow {
	id: number;
	empleo_id: number;
	cuit: string;
	razon_social: string;
	desde: string;
	hasta: string;
	total: number;
	certificado_at: number;
	meses: number;
	empleado_cuil: string;
	empleado_nombres: string;
	empleado_apellidos: string;
	rep_cuil: string;
	rep_nombres: string;
	rep_apellidos: string;
}

export interface CertificacionParaEmpleadoRow {
	id: number;
	cuit: string;
	razon_social: string;
	domicilio: string | null;
	desde: string;
	hasta: string;
	/** JSON [{periodo, remuneracion, aportes}]. */
	remuneraciones: string;
	certificado_at: number;
	rep_cuil: string;
	rep_nombres: string;
	rep_apellidos: string;
}

export async function certificacionesParaEmpleado(db: D1Database, citizenId: number) {
	const { results } = await stmt(db, 'paraEmpleado', citizenId).all<{
		id: number;
		cuit: string;
		razon_social: string;
		desde: string;
		hasta: string;
		certificado_at: number;
	}>();
	return results.map((r) => ({
		id: r.id,
		cuit: r.cuit,
		razonSocial: r.razon_social,
		desde: r.desde,
		hasta: r.hasta,
		certificadoAt: r.certificado_at
	}));
}

export function certificacionParaEmpleado(db: D1Database, id: number, citizenId: number) {
	return stmt(db, 'unaParaEmpleado', id, citizenId).first<CertificacionParaEmpleadoRow>();
}

/**
 * SQL of the citizen services area. Every statement is in `SQL`, so that
 * tests/worker/query-plans.test.ts can run EXPLAIN QUERY PLAN on each one and refuse a full scan of a
 * table that grows with the number of citizens. Every statement that reads a person's rows names
 * citizen_id in its WHERE clause: another person's id matches nothing, and the route answers 404.
 *
 * Parameters are numbered (?1, ?2 …) so a statement can use one value twice and the plan test can count them.
 */

export const SQL = {
	/** A person's benefits, each with its last payment and the haber mínimo of that payment's month. */
	prestaciones: `SELECT p.id, p.tipo, p.denominacion, p.estado, p.motivo, p.alta, p.baja, p.haber, p.hijo_nombre,
			p.hijo_dni, p.cbu, b.banco, b.sucursal, b.domicilio AS boca_domicilio, b.localidad, b.provincia,
			g.id AS pago_id, g.periodo, g.fecha_pago, g.bruto, g.descuentos, g.neto, m.haber_minimo
		FROM prestaciones p
		LEFT JOIN bocas_pago b ON b.id = p.boca_pago_id
		LEFT JOIN pagos g ON g.id = (SELECT x.id FROM pagos x WHERE x.prestacion_id = p.id ORDER BY x.periodo DESC LIMIT 1)
		LEFT JOIN montos_referencia m ON m.periodo = g.periodo
		WHERE p.citizen_id = ?1
		ORDER BY p.alta, p.id`,

	/** One benefit of the person (for requests that name one). */
	prestacionPropia:
		'SELECT id, tipo, estado, denominacion FROM prestaciones WHERE id = ?1 AND citizen_id = ?2',

	/** A page of payments, newest first; (periodo, id) is the cursor. */
	pagos: `SELECT id, prestacion_id, periodo, fecha_pago, bruto, descuentos, neto FROM pagos
		WHERE citizen_id = ?1 AND (periodo, id) < (?2, ?3)
		ORDER BY periodo DESC, id DESC LIMIT ?4`,

	/** The same, for one benefit. */
	pagosDePrestacion: `SELECT id, prestacion_id, periodo, fecha_pago, bruto, descuentos, neto FROM pagos
		WHERE prestacion_id = ?5 AND citizen_id = ?1 AND (periodo, id) < (?2, ?3)
		ORDER BY periodo DESC, id DESC LIMIT ?4`,

	recibo: `SELECT g.id, g.prestacion_id, g.periodo, g.fecha_pago, g.bruto, g.descuentos, g.neto,
			p.tipo, p.denominacion, p.hijo_nombre, p.hijo_dni, c.nombres, c.apellidos, c.cuil,
			b.banco, b.sucursal, b.domicilio AS boca_domicilio, b.localidad, b.provincia
		FROM pagos g
		JOIN prestaciones p ON p.id = g.prestacion_id
		JOIN citizens c ON c.id = g.citizen_id
		LEFT JOIN bocas_pago b ON b.id = g.boca_pago_id
		WHERE g.id = ?1 AND g.citizen_id = ?2`,

	conceptosDeRecibo: `SELECT pc.codigo, k.descripcion, k.tipo, pc.monto
		FROM pagos g
		JOIN pago_conceptos pc ON pc.pago_id = g.id
		JOIN conceptos k ON k.codigo = pc.codigo
		WHERE g.id = ?1 AND g.citizen_id = ?2
		ORDER BY pc.orden`,

	empleos: `SELECT e.id, e.cuit, r.razon_social, e.desde, e.hasta
		FROM empleos e JOIN empleadores r ON r.cuit = e.cuit
		WHERE e.citizen_id = ?1
		ORDER BY e.desde, e.id`,

	aportes: `SELECT a.empleo_id, a.periodo, a.remuneracion, a.aportes
		FROM empleos e JOIN aportes a ON a.empleo_id = e.id
		WHERE e.citizen_id = ?1
		ORDER BY a.empleo_id, a.periodo`,

	/** A page of requests, newest first; (created_at, id) is the cursor. */
	tramites: `SELECT id, tipo, estado, created_at, updated_at FROM tramites
		WHERE citizen_id = ?1 AND (created_at, id) < (?2, ?3)
		ORDER BY created_at DESC, id DESC LIMIT ?4`,

	tramite:
		'SELECT id, tipo, datos, estado, created_at, updated_at FROM tramites WHERE id = ?1 AND citizen_id = ?2',

	tramiteEstados: `SELECT s.estado, s.fecha, s.nota
		FROM tramites t JOIN tramite_estados s ON s.tramite_id = t.id
		WHERE t.id = ?1 AND t.citizen_id = ?2
		ORDER BY s.orden`,

	insertTramite: `INSERT INTO tramites (citizen_id, tipo, datos, estado, created_at, updated_at)
		VALUES (?1, ?2, ?3, 'iniciado', ?4, ?4)`,

	/** Runs in the same batch, right after insertTramite: last_insert_rowid() is that request. */
	insertPrimerEstado: `INSERT INTO tramite_estados (tramite_id, orden, estado, fecha, nota)
		VALUES (last_insert_rowid(), 0, 'iniciado', ?1, ?2)`,

	datos: `SELECT c.cuil, c.nombres, c.apellidos, c.email, c.telefono,
			d.calle, d.numero, d.piso, d.depto, d.localidad, d.provincia, d.codigo_postal,
			k.campo AS pendiente_campo, k.valor AS pendiente_valor, k.expires_at AS pendiente_vence
		FROM citizens c
		LEFT JOIN domicilios d ON d.citizen_id = c.id
		LEFT JOIN cambios_contacto k ON k.id = (SELECT x.id FROM cambios_contacto x
			WHERE x.citizen_id = c.id AND x.used_at IS NULL AND x.expires_at > ?2 ORDER BY x.created_at DESC LIMIT 1)
		WHERE c.id = ?1`,

	/** The person as an outbox recipient (their contact on file before a change). */
	destinatario: 'SELECT id, nombres, email, telefono FROM citizens WHERE id = ?1',

	upsertDomicilio: `INSERT INTO domicilios (citizen_id, calle, numero, piso, depto, localidad, provincia, codigo_postal, updated_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
		ON CONFLICT (citizen_id) DO UPDATE SET calle = excluded.calle, numero = excluded.numero, piso = excluded.piso,
			depto = excluded.depto, localidad = excluded.localidad, provincia = excluded.provincia,
			codigo_postal = excluded.codigo_postal, updated_at = excluded.updated_at`,

	/** A new request for a code supersedes any earlier one still waiting. */
	anularCambiosPendientes:
		'UPDATE cambios_contacto SET used_at = ?2 WHERE citizen_id = ?1 AND used_at IS NULL',

	insertCambio: `INSERT INTO cambios_contacto (citizen_id, campo, valor, code_hash, created_at, expires_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,

	cambioPendiente: `SELECT id, campo, valor, code_hash, expires_at, attempts FROM cambios_contacto
		WHERE citizen_id = ?1 AND used_at IS NULL
		ORDER BY created_at DESC LIMIT 1`,

	/** Counts an attempt at the code; 0 changes once the change has used its attempts. */
	contarIntento: `UPDATE cambios_contacto SET attempts = attempts + 1
		WHERE id = ?1 AND citizen_id = ?2 AND attempts < ?3 AND used_at IS NULL`,

	/** Single use: 0 changes when the code was already used (a race between two confirmations). */
	usarCambio:
		'UPDATE cambios_contacto SET used_at = ?3 WHERE id = ?1 AND citizen_id = ?2 AND used_at IS NULL',

	setEmail: 'UPDATE citizens SET email = ?2 WHERE id = ?1',
	setTelefono: 'UPDATE citizens SET telefono = ?2 WHERE id = ?1'
} as const;

export type ServiciosSql = keyof typeof SQL;

const stmt = (db: D1Database, name: ServiciosSql, ...values: unknown[]) =>
	db.prepare(SQL[name]).bind(...values);

export interface PrestacionRow {
	id: number;
	tipo: 'jubilacion' | 'pension' | 'auh' | 'asignacion_familiar' | 'desempleo';
	denominacion: string;
	estado: 'activa' | 'en_tramite' | 'suspendida' | 'finalizada';
	motivo: string;
	alta: string;
	baja: string | null;
	haber: number;
	hijo_nombre: string | null;
	hijo_dni: string | null;
	cbu: string | null;
	banco: string | null;
	sucursal: string | null;
	boca_domicilio: string | null;
	localidad: string | null;
	provincia: string | null;
	pago_id: number | null;
	periodo: string | null;
	fecha_pago: string | null;
	bruto: number | null;
	descuentos: number | null;
	neto: number | null;
	haber_minimo: number | null;
}

export function prestacionesOf(db: D1Database, citizenId: number) {
	return stmt(db, 'prestaciones', citizenId).all<PrestacionRow>();
}

export function prestacionPropia(db: D1Database, id: number, citizenId: number) {
	return stmt(db, 'prestacionPropia', id, citizenId).first<{
		id: number;
		tipo: PrestacionRow['tipo'];
		estado: PrestacionRow['estado'];
		denominacion: string;
	}>();
}

export interface PagoRow {
	id: number;
	prestacion_id: number;
	periodo: string;
	fecha_pago: string;
	bruto: number;
	descuentos: number;
	neto: number;
}

/** One more row than asked for: its presence says there is a next page. */
export function pagosPage(
	db: D1Database,
	citizenId: number,
	after: { periodo: string; id: number },
	limit: number,
	prestacionId?: number
) {
	return prestacionId === undefined
		? stmt(db, 'pagos', citizenId, after.periodo, after.id, limit + 1).all<PagoRow>()
		: stmt(
				db,
				'pagosDePrestacion',
				citizenId,
				after.periodo,
				after.id,
				limit + 1,
				prestacionId
			).all<PagoRow>();
}

export interface ReciboRow extends PagoRow {
	tipo: PrestacionRow['tipo'];
	denominacion: string;
	hijo_nombre: string | null;
	hijo_dni: string | null;
	nombres: string;
	apellidos: string;
	cuil: string;
	banco: string | null;
	sucursal: string | null;
	boca_domicilio: string | null;
	localidad: string | null;
	provincia: string | null;
}

export async function reciboOf(db: D1Database, id: number, citizenId: number) {
	const [head, lines] = await db.batch<Record<string, unknown>>([
		stmt(db, 'recibo', id, citizenId),
		stmt(db, 'conceptosDeRecibo', id, citizenId)
	]);
	const row = head.results[0] as unknown as ReciboRow | undefined;
	if (!row) return null;
	return {
		row,
		conceptos: lines.results as unknown as {
			codigo: string;
			descripcion: string;
			tipo: 'haber' | 'descuento';
			monto: number;
		}[]
	};
}

export interface EmpleoRow {
	id: number;
	cuit: string;
	razon_social: string;
	desde: string;
	hasta: string | null;
}

export interface AporteRow {
	empleo_id: number;
	periodo: string;
	remuneracion: number;
	aportes: number;
}

export async function historiaOf(db: D1Database, citizenId: number) {
	const [empleos, aportes] = await db.batch<Record<string, unknown>>([
		stmt(db, 'empleos', citizenId),
		stmt(db, 'aportes', citizenId)
	]);
	return {
		empleos: empleos.results as unknown as EmpleoRow[],
		aportes: aportes.results as unknown as AporteRow[]
	};
}

export interface TramiteRow {
	id: number;
	tipo: string;
	estado: string;
	created_at: number;
	updated_at: number;
}

export function tramitesPage(
	db: D1Database,
	citizenId: number,
	after: { at: number; id: number },
	limit: number
) {
	return stmt(db, 'tramites', citizenId, after.at, after.id, limit + 1).all<TramiteRow>();
}

export async function tramiteOf(db: D1Database, id: number, citizenId: number) {
	const [head, estados] = await db.batch<Record<string, unknown>>([
		stmt(db, 'tramite', id, citizenId),
		stmt(db, 'tramiteEstados', id, citizenId)
	]);
	const row = head.results[0] as unknown as (TramiteRow & { datos: string }) | undefined;
	if (!row) return null;
	return { row, estados: estados.results as unknown as { estado: string; fecha: number; nota: string }[] };
}

export function insertTramiteStatements(
	db: D1Database,
	t: { citizenId: number; tipo: string; datos: unknown; now: number; nota: string }
): D1PreparedStatement[] {
	return [
		stmt(db, 'insertTramite', t.citizenId, t.tipo, JSON.stringify(t.datos), t.now),
		stmt(db, 'insertPrimerEstado', t.now, t.nota)
	];
}

export interface DatosRow {
	cuil: string;
	nombres: string;
	apellidos: string;
	email: string | null;
	telefono: string | null;
	calle: string | null;
	numero: string | null;
	piso: string | null;
	depto: string | null;
	localidad: string | null;
	provincia: string | null;
	codigo_postal: string | null;
	pendiente_campo: 'email' | 'telefono' | null;
	pendiente_valor: string | null;
	pendiente_vence: number | null;
}

export function datosOf(db: D1Database, citizenId: number, now: number) {
	return stmt(db, 'datos', citizenId, now).first<DatosRow>();
}

export function destinatario(db: D1Database, citizenId: number) {
	return stmt(db, 'destinatario', citizenId).first<{
		id: number;
		nombres: string;
		email: string | null;
		telefono: string | null;
	}>();
}

export function upsertDomicilio(
	db: D1Database,
	citizenId: number,
	d: {
		calle: string;
		numero: string;
		piso?: string | null;
		depto?: string | null;
		localidad: string;
		provincia: string;
		codigoPostal: string;
	},
	now: number
) {
	return stmt(
		db,
		'upsertDomicilio',
		citizenId,
		d.calle,
		d.numero.toUpperCase(),
		d.piso || null,
		d.depto || null,
		d.localidad,
		d.provincia,
		d.codigoPostal.toUpperCase(),
		now
	);
}

export function cambioStatements(
	db: D1Database,
	c: {
		citizenId: number;
		campo: 'email' | 'telefono';
		valor: string;
		codeHash: string;
		now: number;
		ttlMs: number;
	}
) {
	return [
		stmt(db, 'anularCambiosPendientes', c.citizenId, c.now),
		stmt(db, 'insertCambio', c.citizenId, c.campo, c.valor, c.codeHash, c.now, c.now + c.ttlMs)
	];
}

export interface CambioRow {
	id: number;
	campo: 'email' | 'telefono';
	valor: string;
	code_hash: string;
	expires_at: number;
	attempts: number;
}

export function cambioPendiente(db: D1Database, citizenId: number) {
	return stmt(db, 'cambioPendiente', citizenId).first<CambioRow>();
}

export function contarIntento(db: D1Database, id: number, citizenId: number, max: number) {
	return stmt(db, 'contarIntento', id, citizenId, max);
}

export function usarCambio(db: D1Database, id: number, citizenId: number, now: number) {
	return stmt(db, 'usarCambio', id, citizenId, now);
}

export function setContacto(db: D1Database, citizenId: number, campo: 'email' | 'telefono', valor: string) {
	return stmt(db, campo === 'email' ? 'setEmail' : 'setTelefono', citizenId, valor);
}

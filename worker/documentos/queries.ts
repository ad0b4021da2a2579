/**
 * SQL of the documents area. Every statement is in `SQL` so tests/worker/query-plans.test.ts can check
 * each plan. Every statement names citizen_id: another person's document, child or trámite matches
 * nothing, and the route answers 404 as for one that does not exist.
 */
import type { MotivoDocumento, TipoDocumento } from '../../src/lib/domain/documentos';
import type { EstadoTramite, TipoTramite } from '../../src/lib/domain/api/servicios';

const COLUMNAS = `d.id, d.motivo, d.prestacion_id, d.anio, d.tramite_id, d.tipo, d.bytes, d.sha256,
		d.idempotency_key, d.r2_key, d.created_at, p.hijo_nombre, t.tipo AS tramite_tipo
	FROM documentos d
	LEFT JOIN prestaciones p ON p.id = d.prestacion_id
	LEFT JOIN tramites t ON t.id = d.tramite_id`;

export const SQL = {
	/** The document sent with this idempotency key, if any (a retried upload). */
	porClave: `SELECT ${COLUMNAS} WHERE d.citizen_id = ?1 AND d.idempotency_key = ?2`,

	/** The person's documents, newest first. */
	lista: `SELECT ${COLUMNAS} WHERE d.citizen_id = ?1 ORDER BY d.created_at DESC, d.id DESC LIMIT ?2`,

	/** Received since a time (the daily cap). */
	recibidosDesde: 'SELECT count(*) AS n FROM documentos WHERE citizen_id = ?1 AND created_at >= ?2',

	insertar: `INSERT INTO documentos (citizen_id, idempotency_key, motivo, prestacion_id, anio, tramite_id,
			tipo, bytes, sha256, r2_key, created_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,

	/** One of the person's AUH (one per child). */
	hijo: `SELECT id, hijo_nombre, alta, baja FROM prestaciones
		WHERE id = ?1 AND citizen_id = ?2 AND tipo = 'auh'`,

	/** All of the person's AUH children. */
	hijos: `SELECT id, hijo_nombre, alta, baja FROM prestaciones
		WHERE citizen_id = ?1 AND tipo = 'auh' ORDER BY alta, id`,

	tramite: 'SELECT id, tipo, estado FROM tramites WHERE id = ?1 AND citizen_id = ?2',

	/** The person's trámites that ask for documentation, with the latest note (what is missing). */
	tramitesPendientes: `SELECT t.id, t.tipo,
			(SELECT s.nota FROM tramite_estados s WHERE s.tramite_id = t.id ORDER BY s.orden DESC LIMIT 1) AS nota
		FROM tramites t
		WHERE t.citizen_id = ?1 AND t.estado = 'requiere_documentacion'
		ORDER BY t.created_at DESC, t.id DESC`
} as const;

export type DocumentosSql = keyof typeof SQL;

const stmt = (db: D1Database, name: DocumentosSql, ...values: unknown[]) =>
	db.prepare(SQL[name]).bind(...values);

export interface DocumentoRow {
	id: number;
	motivo: MotivoDocumento;
	prestacion_id: number | null;
	anio: number | null;
	tramite_id: number | null;
	tipo: TipoDocumento;
	bytes: number;
	sha256: string;
	idempotency_key: string;
	r2_key: string;
	created_at: number;
	hijo_nombre: string | null;
	tramite_tipo: TipoTramite | null;
}

export function porClave(db: D1Database, citizenId: number, clave: string) {
	return stmt(db, 'porClave', citizenId, clave).first<DocumentoRow>();
}

export async function listaDe(db: D1Database, citizenId: number, limite: number) {
	const { results } = await stmt(db, 'lista', citizenId, limite).all<DocumentoRow>();
	return results;
}

export async function recibidosDesde(db: D1Database, citizenId: number, desde: number) {
	const row = await stmt(db, 'recibidosDesde', citizenId, desde).first<{ n: number }>();
	return row?.n ?? 0;
}

export interface NuevoDocumento {
	citizenId: number;
	clave: string;
	motivo: MotivoDocumento;
	prestacionId: number | null;
	anio: number | null;
	tramiteId: number | null;
	tipo: TipoDocumento;
	bytes: number;
	sha256: string;
	r2Key: string;
	createdAt: number;
}

export function insertar(db: D1Database, d: NuevoDocumento) {
	return stmt(
		db,
		'insertar',
		d.citizenId,
		d.clave,
		d.motivo,
		d.prestacionId,
		d.anio,
		d.tramiteId,
		d.tipo,
		d.bytes,
		d.sha256,
		d.r2Key,
		d.createdAt
	);
}

export interface HijoRow {
	id: number;
	hijo_nombre: string | null;
	alta: string;
	baja: string | null;
}

export function hijoDe(db: D1Database, prestacionId: number, citizenId: number) {
	return stmt(db, 'hijo', prestacionId, citizenId).first<HijoRow>();
}

export async function hijosDe(db: D1Database, citizenId: number) {
	const { results } = await stmt(db, 'hijos', citizenId).all<HijoRow>();
	return results;
}

export function tramiteDe(db: D1Database, tramiteId: number, citizenId: number) {
	return stmt(db, 'tramite', tramiteId, citizenId).first<{
		id: number;
		tipo: TipoTramite;
		estado: EstadoTramite;
	}>();
}

export async function tramitesPendientesDe(db: D1Database, citizenId: number) {
	const { results } = await stmt(db, 'tramitesPendientes', citizenId).all<{
		id: number;
		tipo: TipoTramite;
		nota: string | null;
	}>();
	return results;
}

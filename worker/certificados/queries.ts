/**
 * SQL of the certificates area. Every statement is in `SQL` so tests/worker/query-plans.test.ts can
 * check each plan. Statements that read a person's certificates name citizen_id: another person's id
 * matches nothing, and the route answers 404 as for an id that does not exist. The one exception is
 * the public lookup by code, which is the point of the code.
 */
import type { TipoCertificado } from '../../src/lib/domain/certificados/tipos';
import type { RegistroExternoRow, Persona } from './contenido';

export const SQL = {
	persona: 'SELECT cuil, dni, nombres, apellidos, fecha_nacimiento FROM citizens WHERE id = ?1',

	registrosExternos: `SELECT tipo, detalle, desde, hasta FROM registros_externos
		WHERE citizen_id = ?1 ORDER BY desde, id`,

	/** Issued in the last day (the issuance limit). */
	emitidosDesde: 'SELECT count(*) AS n FROM certificados WHERE citizen_id = ?1 AND emitido_at >= ?2',

	insertar: `INSERT INTO certificados (codigo, citizen_id, tipo, datos, hechos, qr, sello, pdf_key, pdf_sha256,
			pdf_bytes, kid, emitido, emitido_at, vence)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`,

	/** The person's certificates, newest first. */
	lista: `SELECT id, tipo, codigo, emitido, vence, revocado_at, pdf_bytes FROM certificados
		WHERE citizen_id = ?1 ORDER BY emitido_at DESC, id DESC LIMIT ?2`,

	uno: `SELECT id, tipo, codigo, emitido, vence, revocado_at, pdf_bytes, datos, qr, sello, pdf_key
		FROM certificados WHERE id = ?1 AND citizen_id = ?2`,

	porCodigo: `SELECT codigo, tipo, datos, hechos, emitido, vence, revocado_at FROM certificados
		WHERE codigo = ?1`,

	/** 0 changes when it is not the person's or was already revoked. */
	anular: `UPDATE certificados SET revocado_at = ?3, motivo_revocacion = ?4
		WHERE id = ?1 AND citizen_id = ?2 AND revocado_at IS NULL`
} as const;

export type CertificadosSql = keyof typeof SQL;

const stmt = (db: D1Database, name: CertificadosSql, ...values: unknown[]) =>
	db.prepare(SQL[name]).bind(...values);

export function personaDe(db: D1Database, citizenId: number) {
	return stmt(db, 'persona', citizenId).first<Persona>();
}

export async function registrosExternosDe(db: D1Database, citizenId: number) {
	const { results } = await stmt(db, 'registrosExternos', citizenId).all<RegistroExternoRow>();
	return results;
}

export async function emitidosDesde(db: D1Database, citizenId: number, desde: number) {
	const row = await stmt(db, 'emitidosDesde', citizenId, desde).first<{ n: number }>();
	return row?.n ?? 0;
}

export interface NuevoCertificado {
	codigo: string;
	citizenId: number;
	tipo: TipoCertificado;
	datos: unknown;
	hechos: unknown;
	qr: string;
	sello: string;
	pdfKey: string;
	pdfSha256: string;
	pdfBytes: number;
	kid: string;
	emitido: string;
	emitidoAt: number;
	vence: string;
}

export function insertarCertificado(db: D1Database, c: NuevoCertificado) {
	return stmt(
		db,
		'insertar',
		c.codigo,
		c.citizenId,
		c.tipo,
		JSON.stringify(c.datos),
		JSON.stringify(c.hechos),
		c.qr,
		c.sello,
		c.pdfKey,
		c.pdfSha256,
		c.pdfBytes,
		c.kid,
		c.emitido,
		c.emitidoAt,
		c.vence
	);
}

export interface ResumenRow {
	id: number;
	tipo: TipoCertificado;
	codigo: string;
	emitido: string;
	vence: string;
	revocado_at: number | null;
	pdf_bytes: number;
}

export async function listaDe(db: D1Database, citizenId: number, limite: number) {
	const { results } = await stmt(db, 'lista', citizenId, limite).all<ResumenRow>();
	return results;
}

export interface CertificadoRow extends ResumenRow {
	datos: string;
	qr: string;
	sello: string;
	pdf_key: string;
}

export function certificadoDe(db: D1Database, id: number, citizenId: number) {
	return stmt(db, 'uno', id, citizenId).first<CertificadoRow>();
}

export function porCodigo(db: D1Database, codigo: string) {
	return stmt(db, 'porCodigo', codigo).first<{
		codigo: string;
		tipo: TipoCertificado;
		datos: string;
		hechos: string;
		emitido: string;
		vence: string;
		revocado_at: number | null;
	}>();
}

export function anular(db: D1Database, id: number, citizenId: number, now: number, motivo: string) {
	return stmt(db, 'anular', id, citizenId, now, motivo);
}

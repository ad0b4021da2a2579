/** SQL of the auth area. Every statement is prepared with `?` placeholders and bound values. */
import type { SessionContext } from '../env';

export interface LoginRow {
	id: number;
	cuil: string;
	nombres: string;
	apellidos: string;
	nivel: 2 | 3;
	hash: string | null;
	known_device: number;
	locked_at: number | null;
}

/** The citizen, their clave hash and whether this device signed in to them before: one round trip. */
export function findLoginRow(db: D1Database, cuil: string, deviceHash: string | null) {
	return db
		.prepare(
			`SELECT c.id, c.cuil, c.nombres, c.apellidos, c.nivel, c.locked_at, k.hash,
				EXISTS (SELECT 1 FROM known_devices d WHERE d.token_hash = ?2 AND d.citizen_id = c.id) AS known_device
			FROM citizens c LEFT JOIN claves k ON k.citizen_id = c.id
			WHERE c.cuil = ?1`
		)
		.bind(cuil, deviceHash ?? '')
		.first<LoginRow>();
}

export function insertSession(
	db: D1Database,
	s: {
		tokenHash: string;
		citizenId: number;
		now: number;
		method: 'clave' | 'passkey';
		ip: string;
		userAgent: string;
	}
) {
	return db
		.prepare(
			`INSERT INTO sessions (token_hash, citizen_id, created_at, last_seen_at, authenticated_at, auth_method, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.bind(s.tokenHash, s.citizenId, s.now, s.now, s.now, s.method, s.ip, s.userAgent);
}

/** Expired sessions of one citizen are removed whenever they sign in, so the table does not grow. */
export function deleteExpiredSessions(
	db: D1Database,
	citizenId: number,
	idleBefore: number,
	createdBefore: number
) {
	return db
		.prepare('DELETE FROM sessions WHERE citizen_id = ? AND (last_seen_at < ? OR created_at < ?)')
		.bind(citizenId, idleBefore, createdBefore);
}

export function upsertKnownDevice(
	db: D1Database,
	deviceHash: string,
	citizenId: number,
	now: number,
	userAgent: string
) {
	return db
		.prepare(
			`INSERT INTO known_devices (token_hash, citizen_id, created_at, last_used_at, user_agent)
			VALUES (?1, ?2, ?3, ?3, ?4)
			ON CONFLICT (token_hash, citizen_id) DO UPDATE SET last_used_at = excluded.last_used_at, user_agent = excluded.user_agent`
		)
		.bind(deviceHash, citizenId, now, userAgent);
}

export function updateClaveHash(db: D1Database, citizenId: number, hash: string, now: number) {
	return db
		.prepare('UPDATE claves SET hash = ?, updated_at = ? WHERE citizen_id = ?')
		.bind(hash, now, citizenId);
}

export interface SecurityEvent {
	citizenId: number;
	type: string;
	at: number;
	ip: string | null;
	userAgent: string | null;
	/** JSON of non-secret facts (method, reason). Never a clave, token or code. */
	detail?: Record<string, unknown>;
}

export function insertSecurityEvent(db: D1Database, e: SecurityEvent) {
	return db
		.prepare(
			'INSERT INTO security_events (citizen_id, type, at, ip, user_agent, detail) VALUES (?, ?, ?, ?, ?, ?)'
		)
		.bind(e.citizenId, e.type, e.at, e.ip, e.userAgent, e.detail ? JSON.stringify(e.detail) : null);
}

interface SessionRow {
	citizen_id: number;
	cuil: string;
	nombres: string;
	apellidos: string;
	nivel: 2 | 3;
	auth_method: 'clave' | 'passkey';
	created_at: number;
	last_seen_at: number;
	authenticated_at: number;
}

export async function findSession(
	db: D1Database,
	tokenHash: string
): Promise<Omit<SessionContext, 'tokenHash'> | null> {
	const row = await db
		.prepare(
			`SELECT s.citizen_id, c.cuil, c.nombres, c.apellidos, c.nivel, s.auth_method, s.created_at, s.last_seen_at, s.authenticated_at
			FROM sessions s JOIN citizens c ON c.id = s.citizen_id
			WHERE s.token_hash = ?`
		)
		.bind(tokenHash)
		.first<SessionRow>();
	if (!row) return null;
	return {
		citizenId: row.citizen_id,
		cuil: row.cuil,
		nombres: row.nombres,
		apellidos: row.apellidos,
		nivel: row.nivel,
		method: row.auth_method,
		createdAt: row.created_at,
		lastSeenAt: row.last_seen_at,
		authenticatedAt: row.authenticated_at
	};
}

export function touchSession(db: D1Database, tokenHash: string, now: number) {
	return db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').bind(now, tokenHash);
}

export function deleteSession(db: D1Database, tokenHash: string) {
	return db.prepare('DELETE FROM sessions WHERE token_hash = ?').bind(tokenHash);
}

/**
 * Re-authentication inside a session: the moment and the method used count for step-up checks, and the
 * session gets a new token in place of the old one (ASVS 5.0 7.2.4: a new token on every
 * authentication, re-authentication included). The row keeps its `created_at`, so the 12-hour limit
 * still counts from the first sign-in.
 */
export function refreshAuthentication(
	db: D1Database,
	tokenHash: string,
	newTokenHash: string,
	method: 'clave' | 'passkey',
	now: number
) {
	return db
		.prepare(
			'UPDATE sessions SET token_hash = ?4, authenticated_at = ?1, auth_method = ?2, last_seen_at = ?1 WHERE token_hash = ?3'
		)
		.bind(now, method, tokenHash, newTokenHash);
}

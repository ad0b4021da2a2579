/** SQL of the clave area: the clave itself, its history, security answers, recovery and alta flows. */

export interface PersonalRow {
	id: number;
	cuil: string;
	dni: string;
	dni_tramite: string | null;
	nombres: string;
	apellidos: string;
	fecha_nacimiento: string;
	email: string | null;
	telefono: string | null;
	locked_at: number | null;
	hash: string | null;
	updated_at: number | null;
}

const PERSONAL = `SELECT c.id, c.cuil, c.dni, c.dni_tramite, c.nombres, c.apellidos, c.fecha_nacimiento, c.email,
	c.telefono, c.locked_at, k.hash, k.updated_at FROM citizens c LEFT JOIN claves k ON k.citizen_id = c.id`;

export function personalById(db: D1Database, id: number) {
	return db.prepare(`${PERSONAL} WHERE c.id = ?`).bind(id).first<PersonalRow>();
}

export function personalByCuil(db: D1Database, cuil: string) {
	return db.prepare(`${PERSONAL} WHERE c.cuil = ?`).bind(cuil).first<PersonalRow>();
}

/** The hashes of the clave in force and the four before it: "not one of your last 5 claves". */
export async function recentClaveHashes(db: D1Database, citizenId: number): Promise<string[]> {
	const { results } = await db
		.prepare(
			`SELECT hash FROM claves WHERE citizen_id = ?1
			UNION ALL SELECT hash FROM (SELECT hash FROM clave_history WHERE citizen_id = ?1 ORDER BY retired_at DESC LIMIT 4)`
		)
		.bind(citizenId)
		.all<{ hash: string }>();
	return results.map((r) => r.hash);
}

/** Replaces (or creates) the clave, keeping the old hash in the history and only the last four there. */
export function setClaveStatements(
	db: D1Database,
	citizenId: number,
	newHash: string,
	oldHash: string | null,
	now: number
): D1PreparedStatement[] {
	return [
		...(oldHash
			? [
					db
						.prepare('INSERT INTO clave_history (citizen_id, hash, retired_at) VALUES (?, ?, ?)')
						.bind(citizenId, oldHash, now)
				]
			: []),
		db
			.prepare(
				`INSERT INTO claves (citizen_id, hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
				ON CONFLICT (citizen_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`
			)
			.bind(citizenId, newHash, now),
		db
			.prepare(
				`DELETE FROM clave_history WHERE citizen_id = ?1 AND id NOT IN
				(SELECT id FROM clave_history WHERE citizen_id = ?1 ORDER BY retired_at DESC LIMIT 4)`
			)
			.bind(citizenId)
	];
}

export function answersOf(db: D1Database, citizenId: number) {
	return db
		.prepare('SELECT question_id, hash FROM security_answers WHERE citizen_id = ?')
		.bind(citizenId)
		.all<{ question_id: string; hash: string }>();
}

export function insertAnswer(
	db: D1Database,
	citizenId: number,
	questionId: string,
	hash: string,
	now: number
) {
	return db
		.prepare('INSERT INTO security_answers (citizen_id, question_id, hash, created_at) VALUES (?, ?, ?, ?)')
		.bind(citizenId, questionId, hash, now);
}

export interface FlowRow {
	id: string;
	kind: 'recuperacion' | 'alta';
	cuil: string;
	citizen_id: number | null;
	questions: string;
	expires_at: number;
	answers_ok_at: number | null;
	code_hash: string | null;
	code_expires_at: number | null;
	code_attempts: number;
	verified_at: number | null;
}

export function insertFlow(
	db: D1Database,
	f: {
		id: string;
		kind: FlowRow['kind'];
		cuil: string;
		citizenId: number | null;
		questions: string[];
		now: number;
		ttlMs: number;
	}
) {
	return db
		.prepare(
			'INSERT INTO recoveries (id, kind, cuil, citizen_id, questions, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
		)
		.bind(f.id, f.kind, f.cuil, f.citizenId, JSON.stringify(f.questions), f.now, f.now + f.ttlMs);
}

/** A live flow: not expired, not completed. */
export function findFlow(db: D1Database, id: string, kind: FlowRow['kind'], now: number) {
	return db
		.prepare(
			`SELECT r.* FROM recoveries r WHERE r.id = ? AND r.kind = ? AND r.expires_at > ?
			AND NOT EXISTS (SELECT 1 FROM flow_completions f WHERE f.recovery_id = r.id)`
		)
		.bind(id, kind, now)
		.first<FlowRow>();
}

export function setFlowCode(db: D1Database, id: string, codeHash: string, now: number, ttlMs: number) {
	return db
		.prepare(
			'UPDATE recoveries SET answers_ok_at = ?1, code_hash = ?2, code_expires_at = ?3, code_attempts = 0, verified_at = NULL WHERE id = ?4'
		)
		.bind(now, codeHash, now + ttlMs, id);
}

/** Counts an attempt at the code; refuses (0 changes) once the flow has used its attempts. */
export function countCodeAttempt(db: D1Database, id: string, maxAttempts: number) {
	return db
		.prepare(
			'UPDATE recoveries SET code_attempts = code_attempts + 1 WHERE id = ? AND code_attempts < ? AND verified_at IS NULL'
		)
		.bind(id, maxAttempts);
}

/** Marks the code used: single use, because the row changes only while verified_at is NULL. */
export function markCodeVerified(db: D1Database, id: string, now: number) {
	return db
		.prepare(
			'UPDATE recoveries SET verified_at = ?, code_hash = NULL WHERE id = ? AND verified_at IS NULL AND code_hash IS NOT NULL'
		)
		.bind(now, id);
}

export function completeFlow(db: D1Database, id: string, now: number) {
	return db.prepare('INSERT INTO flow_completions (recovery_id, completed_at) VALUES (?, ?)').bind(id, now);
}

export function deleteAllSessions(db: D1Database, citizenId: number) {
	return db.prepare('DELETE FROM sessions WHERE citizen_id = ?').bind(citizenId);
}

export function deleteOtherSessions(db: D1Database, citizenId: number, keepTokenHash: string) {
	return db
		.prepare('DELETE FROM sessions WHERE citizen_id = ? AND token_hash != ?')
		.bind(citizenId, keepTokenHash);
}

export function setLocked(db: D1Database, citizenId: number, lockedAt: number | null) {
	return db.prepare('UPDATE citizens SET locked_at = ? WHERE id = ?').bind(lockedAt, citizenId);
}

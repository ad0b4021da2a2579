/** SQL of the passkeys area. */

export interface PasskeyRow {
	id: string;
	citizen_id: number;
	/** D1 returns BLOBs as arrays of bytes. */
	public_key: ArrayBuffer | number[];
	counter: number;
	transports: string | null;
	aaguid: string;
	backup_eligible: number;
	backed_up: number;
	name: string;
	created_at: number;
	last_used_at: number | null;
}

export function listPasskeys(db: D1Database, citizenId: number) {
	return db
		.prepare('SELECT * FROM passkeys WHERE citizen_id = ? ORDER BY created_at')
		.bind(citizenId)
		.all<PasskeyRow>();
}

/** The passkey and its owner, for a sign-in: one round trip. */
export function findPasskeyForSignIn(db: D1Database, credentialId: string) {
	return db
		.prepare(
			`SELECT p.*, c.cuil, c.nombres, c.apellidos, c.nivel, c.webauthn_user_id, c.locked_at
			FROM passkeys p JOIN citizens c ON c.id = p.citizen_id WHERE p.id = ?`
		)
		.bind(credentialId)
		.first<
			PasskeyRow & {
				cuil: string;
				nombres: string;
				apellidos: string;
				nivel: 2 | 3;
				webauthn_user_id: string;
				locked_at: number | null;
			}
		>();
}

/** Sets the citizen's WebAuthn user handle if there is none yet, and returns the one in force. */
export async function ensureWebauthnUserId(
	db: D1Database,
	citizenId: number,
	candidate: string
): Promise<string> {
	const [, read] = await db.batch<{ webauthn_user_id: string }>([
		db
			.prepare('UPDATE citizens SET webauthn_user_id = ? WHERE id = ? AND webauthn_user_id IS NULL')
			.bind(candidate, citizenId),
		db.prepare('SELECT webauthn_user_id FROM citizens WHERE id = ?').bind(citizenId)
	]);
	return read.results[0].webauthn_user_id;
}

export function insertPasskey(
	db: D1Database,
	p: Omit<PasskeyRow, 'last_used_at' | 'public_key'> & { public_key: Uint8Array }
) {
	// A plain INSERT: a credential id that exists (for anyone) fails the primary key and the batch.
	return db
		.prepare(
			`INSERT INTO passkeys (id, citizen_id, public_key, counter, transports, aaguid, backup_eligible, backed_up, name, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.bind(
			p.id,
			p.citizen_id,
			p.public_key,
			p.counter,
			p.transports,
			p.aaguid,
			p.backup_eligible,
			p.backed_up,
			p.name,
			p.created_at
		);
}

export function recordPasskeyUse(
	db: D1Database,
	id: string,
	counter: number,
	backedUp: boolean,
	now: number
) {
	return db
		.prepare('UPDATE passkeys SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ?')
		.bind(counter, backedUp ? 1 : 0, now, id);
}

export function renamePasskey(db: D1Database, id: string, citizenId: number, name: string) {
	return db.prepare('UPDATE passkeys SET name = ? WHERE id = ? AND citizen_id = ?').bind(name, id, citizenId);
}

/**
 * `keepOne`: delete only if another passkey remains, decided by the DELETE itself, so two parallel
 * removals of a person's last two passkeys cannot both pass a count read earlier and leave none
 * without the step-up the last one needs.
 */
export function deletePasskey(db: D1Database, id: string, citizenId: number, keepOne = false) {
	return db
		.prepare(
			`DELETE FROM passkeys WHERE id = ?1 AND citizen_id = ?2
			AND (?3 = 0 OR (SELECT COUNT(*) FROM passkeys WHERE citizen_id = ?2) > 1)`
		)
		.bind(id, citizenId, keepOne ? 1 : 0);
}

export async function countPasskeys(db: D1Database, citizenId: number): Promise<number> {
	const row = await db
		.prepare('SELECT COUNT(*) AS n FROM passkeys WHERE citizen_id = ?')
		.bind(citizenId)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

export function findOwnPasskey(db: D1Database, id: string, citizenId: number) {
	return db
		.prepare('SELECT * FROM passkeys WHERE id = ? AND citizen_id = ?')
		.bind(id, citizenId)
		.first<PasskeyRow>();
}

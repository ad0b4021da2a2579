import { env } from 'cloudflare:workers';

/**
 * Records every INSERT, UPDATE and DELETE on every table of the database, so a test can ask what a
 * request changed. Triggers rather than before/after checksums: they see an UPDATE that puts the same
 * number of rows back, and cost one query per request instead of one per table.
 */
const LOG = 'security_changes';

export interface Change {
	id: number;
	tbl: string;
	op: 'INSERT' | 'UPDATE' | 'DELETE';
	/** For security_events and audit_log, the row's type or action, so allowed writes can be told apart. */
	detail: string | null;
}

/** Tables whose rows say what kind of write they are. */
const DETAIL_COLUMN: Record<string, string> = { security_events: 'type', audit_log: 'action' };

export async function watchDatabase(): Promise<string[]> {
	const tables = (
		await env.DB.prepare(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', ?)"
		)
			.bind(LOG)
			.all<{ name: string }>()
	).results.map((r) => r.name);
	await env.DB.prepare(
		`CREATE TABLE IF NOT EXISTS ${LOG} (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, detail TEXT)`
	).run();
	const columns = async (t: string) =>
		(
			await env.DB.prepare(`SELECT name FROM pragma_table_info(?)`).bind(t).all<{ name: string }>()
		).results.map((r) => r.name);
	for (const t of tables) {
		const col = DETAIL_COLUMN[t];
		const has = col !== undefined && (await columns(t)).includes(col);
		for (const op of ['INSERT', 'UPDATE', 'DELETE'] as const) {
			const row = op === 'DELETE' ? 'OLD' : 'NEW';
			await env.DB.prepare(
				`CREATE TRIGGER IF NOT EXISTS ${LOG}_${t}_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN
					INSERT INTO ${LOG} (tbl, op, detail) VALUES ('${t}', '${op}', ${has ? `${row}.${col}` : 'NULL'});
				END`
			).run();
		}
	}
	return tables;
}

/** The id of the newest recorded change: what a later `changesSince` counts from. */
export async function lastChange(): Promise<number> {
	const r = await env.DB.prepare(`SELECT coalesce(max(id), 0) AS id FROM ${LOG}`).first<{ id: number }>();
	return r!.id;
}

export async function changesSince(id: number): Promise<Change[]> {
	return (
		await env.DB.prepare(`SELECT id, tbl, op, detail FROM ${LOG} WHERE id > ? ORDER BY id`)
			.bind(id)
			.all<Change>()
	).results;
}

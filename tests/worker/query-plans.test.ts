import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SQL } from '../../worker/servicios/queries';
import { SQL as CERTIFICADOS_SQL } from '../../worker/certificados/queries';
import { SQL as DOCUMENTOS_SQL } from '../../worker/documentos/queries';
import { SQL as TURNOS_SQL } from '../../worker/turnos/queries';
import { SQL as OFICINA_SQL } from '../../worker/oficina/queries';
import { SQL as CORPORATIVAS_SQL } from '../../worker/corporativas/queries';

/**
 * The rule: no query a screen makes may read a whole table whose size grows with the number of
 * citizens. SQLite says how it will run each statement (EXPLAIN QUERY PLAN): `SEARCH` walks a key or an
 * index range, `SCAN` reads the whole table (or the whole of an index, with USING INDEX). A full scan is
 * allowed only on the small reference tables of a few rows a month or a code (employers and bank
 * branches are not among them: there are hundreds of thousands of employers in Argentina).
 */
// udais: ANSES' offices, a few hundred in the country (migration 0007).
const REFERENCE_TABLES = ['montos_referencia', 'conceptos', 'udais'];

/** Aliases the statements give tables, so a plan line names the table it reads. */
function aliases(sql: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of sql.matchAll(
		/\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)(?:\s+(?:AS\s+)?(?!ON\b|WHERE\b|JOIN\b|LEFT\b|SET\b|VALUES\b|ORDER\b)(\w+))?/gi
	)) {
		out.set(m[1], m[1]);
		if (m[2]) out.set(m[2], m[1]);
	}
	return out;
}

function parameterCount(sql: string): number {
	return Math.max(0, ...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
}

/** Another area's statements, named `<area>.<name>` so a failure says where it comes from. */
function prefixed(area: string, sql: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(sql).map(([name, text]) => [`${area}.${name}`, text]));
}

async function plan(sql: string): Promise<string[]> {
	const values = Array.from({ length: parameterCount(sql) }, () => 1);
	const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
		.bind(...values)
		.all<{ detail: string }>();
	return results.map((r) => r.detail);
}

describe('query plans of the citizen services and certificates', () => {
	it('covers every statement the servicios and certificados queries make', () => {
		expect(Object.keys(SQL).length).toBeGreaterThanOrEqual(20);
		expect(Object.keys(CERTIFICADOS_SQL).length).toBeGreaterThanOrEqual(8);
	});

	for (const [name, sql] of Object.entries({
		...SQL,
		...prefixed('certificados', CERTIFICADOS_SQL),
		...prefixed('documentos', DOCUMENTOS_SQL),
		...prefixed('turnos', TURNOS_SQL),
		...prefixed('oficina', OFICINA_SQL),
		...prefixed('corporativas', CORPORATIVAS_SQL)
	}))
		it(`${name} never scans a table that grows with citizens`, async () => {
			const lines = await plan(sql);
			const names = aliases(sql);
			const scans = lines
				.map((line) => /^SCAN (\w+)/.exec(line))
				.filter((m): m is RegExpExecArray => m !== null)
				.map((m) => names.get(m[1]) ?? m[1])
				.filter((table) => !REFERENCE_TABLES.includes(table));
			expect(scans, `${name}:\n${lines.join('\n')}`).toEqual([]);
			// A statement that reads a person's rows goes through an index or a key at least once.
			if (/^\s*SELECT|^\s*UPDATE/i.test(sql) && !lines.every((l) => /^SCAN (udais|u)\b|TEMP B-TREE/.test(l)))
				expect(
					lines.some((l) => /^SEARCH /.test(l)),
					`${name}:\n${lines.join('\n')}`
				).toBe(true);
		});

	it('catches a full scan when there is one (the check itself works)', async () => {
		const lines = await plan('SELECT id FROM pagos WHERE neto > ?1');
		expect(lines.some((l) => /^SCAN pagos/.test(l))).toBe(true);
	});
});

/**
 * Seeds the local D1 database with the README's demo accounts and N generated citizens.
 *
 *   npm run seed -- [--citizens 5000] [--seed mi-anses-2026] [--if-empty] [--persist-to DIR] [--sql-out FILE]
 *
 * Generated citizens get no clave (they create one, as real people do), so a million rows cost no
 * hashing; only the demo accounts are hashed, with the same pepper `wrangler dev` reads from .dev.vars.
 * The SQL is streamed to files of bounded size and each file is applied by `wrangler d1 execute`, which
 * runs a file as one batch: a file lands whole or not at all, and if a later file fails the rows of
 * this run are deleted again.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import setupWasm from 'argon2id/lib/setup.js';
import { hashClave, pepperBytes, type Argon2id } from '../auth/clave-hash';
import { DEMO_ACCOUNTS, type DemoOperator } from './demo-accounts';
import { normalizeAnswer } from '../../src/lib/domain/security-questions';
import { DEFAULT_SEED, createCitizenGenerator, demoCitizenRows, type CitizenRow } from './generate';
import { DEMO_EMPLOYERS, DEMO_SERVICIOS, createServiciosGenerator } from './servicios';
import { corporativasSql } from './corporativas';
import {
	demoSql as demoServiciosSql,
	footerSql,
	headerSql,
	referenceSql,
	rowsSql,
	type IdCounters
} from './servicios-sql';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every seeded row carries this instant (2026-01-01T00:00:00Z), so two runs give identical tables. */
const CREATED_AT = Date.UTC(2026, 0, 1);

/**
 * D1 refuses statements over 100 KB. Counted in UTF-16 units, which a name with tildes exceeds in UTF-8
 * by a byte per accented letter, hence the margin.
 */
const STATEMENT_CHARS = 80_000;
/**
 * A hundred rows per statement, not more: wrangler's SQL splitter re-tests the whole statement so far at
 * every character, so its time grows with the square of a statement's length (400 rows made 100 000
 * citizens take 30 s instead of 10).
 */
const ROWS_PER_STATEMENT = 100;
/** wrangler reads a whole file into memory and sends it as one batch: keep each one moderate. */
const FILE_BYTES = 16 * 1024 * 1024;
/**
 * The expansion at the end of each file (servicios-sql.ts) writes about 25 rows per citizen in one
 * statement; capping citizens per file keeps that statement to about a million rows.
 */
const CITIZENS_PER_FILE = 40_000;

const CITIZEN_COLUMNS =
	'cuil, dni, nombres, apellidos, sexo, fecha_nacimiento, email, telefono, dni_tramite, nivel, created_at';

/**
 * Generated rows get explicit ids (citizens, benefits, employments, requests), counted on from the
 * largest ids in the database, so that a benefit's row can name its citizen without a lookup.
 */
interface Ids extends IdCounters {
	citizen: number;
}

type Generators = {
	citizens: ReturnType<typeof createCitizenGenerator>;
	servicios: ReturnType<typeof createServiciosGenerator>;
};

const USAGE = `Uso: npm run seed -- [opciones]
  --citizens N      ciudadanos generados además de las cuentas demo (por defecto 5000)
  --seed S          semilla de los datos (por defecto ${DEFAULT_SEED})
  --if-empty        no hacer nada si la tabla citizens ya tiene filas
  --persist-to DIR  base local en DIR (se pasa a cada llamada a wrangler)
  --sql-out FILE    solo escribir el SQL en FILE, sin aplicarlo`;

class SeedError extends Error {}

async function main(): Promise<void> {
	const started = performance.now();
	const { values } = parseFlags();
	if (values.help) {
		console.log(USAGE);
		return;
	}
	// 100000, 100_000 and 100.000 (as written in Argentina) all mean a hundred thousand.
	const count = Number(values.citizens.replace(/_|\.(?=\d{3}(\D|$))/g, ''));
	if (!Number.isSafeInteger(count) || count < 0)
		throw new SeedError(`--citizens espera un número entero, no "${values.citizens}".\n${USAGE}`);
	const generator = createCitizenGenerator(values.seed);
	const generators: Generators = { citizens: generator, servicios: createServiciosGenerator(values.seed) };
	if (count > generator.maxCount)
		throw new SeedError(`Con esta semilla se pueden generar hasta ${generator.maxCount} ciudadanos.`);

	// wrangler runs from the project root, so a relative path has to mean what it meant to the caller.
	const persistTo = values['persist-to'] ? resolve(values['persist-to']) : undefined;

	if (values['sql-out']) {
		const file = resolve(values['sql-out']);
		const sql = await writeSqlFile(
			file,
			await demoSql(generators),
			generators,
			count,
			firstIds(EMPTY_DATABASE)
		);
		console.log(
			`SQL escrito en ${file}: ${DEMO_ACCOUNTS.length} cuentas demo y ${fmt(count)} ciudadanos ` +
				`(${(sql / 1048576).toFixed(1)} MiB, ${seconds(started)} s).`
		);
		return;
	}

	const state = await databaseState(persistTo);
	if (values['if-empty'] && state.total > 0) {
		console.log(`La base ya tiene ${fmt(state.total)} ciudadanos: no se siembra nada (--if-empty).`);
		return;
	}
	let generated = count;
	if (state.others > 0 && count > 0) {
		generated = 0;
		console.log(
			`La base ya tiene ${fmt(state.others)} ciudadanos generados: solo se aseguran las cuentas demo. ` +
				'Para sembrar de nuevo, borrá la base local (.wrangler/state o la carpeta de --persist-to).'
		);
	}

	const folder = join(ROOT, 'node_modules', '.cache', 'mi-anses-seed', `${process.pid}-${Date.now()}`);
	mkdirSync(folder, { recursive: true });
	try {
		const files = await applyInFiles(
			folder,
			await demoSql(generators),
			generators,
			generated,
			persistTo,
			state,
			firstIds(state)
		);
		const demosBefore = state.total - state.others;
		const demos =
			demosBefore === 0
				? `${DEMO_ACCOUNTS.length} cuentas demo (${DEMO_ACCOUNTS.filter((a) => a.clave).length} con clave)`
				: `cuentas demo aseguradas (${demosBefore} ya estaban)`;
		console.log(
			`Sembrados ${fmt(generated)} ciudadanos y ${demos} ` +
				`(${files} archivo${files === 1 ? '' : 's'} SQL, ${seconds(started)} s).`
		);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

function parseFlags() {
	try {
		return parseArgs({
			options: {
				citizens: { type: 'string', default: '5000' },
				seed: { type: 'string', default: DEFAULT_SEED },
				'if-empty': { type: 'boolean', default: false },
				'persist-to': { type: 'string' },
				'sql-out': { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false }
			}
		});
	} catch (error) {
		throw new SeedError(`${(error as Error).message}\n${USAGE}`);
	}
}

/**
 * The demo accounts and their clave hashes. Written so that running it on a seeded database changes
 * nothing: each row is inserted only when its CUIL (or its clave) is not there yet.
 */
async function demoSql(generators: Generators): Promise<string> {
	const argon2 = await nodeArgon2();
	const pepper = readPepper();
	const lines: string[] = [referenceSql([...DEMO_EMPLOYERS, ...generators.servicios.employers])];
	const demos = demoCitizenRows();
	DEMO_ACCOUNTS.forEach((account, j) => {
		const row = demos[j];
		lines.push(
			`INSERT INTO citizens (${CITIZEN_COLUMNS}) SELECT ${rowValues(row)} ` +
				`WHERE NOT EXISTS (SELECT 1 FROM citizens WHERE cuil = ${text(row.cuil)});`
		);
		if (account.clave === null) return;
		lines.push(
			`INSERT INTO claves (citizen_id, hash, created_at, updated_at) ` +
				`SELECT id, ${text(hashClave(argon2, pepper, account.clave))}, ${CREATED_AT}, ${CREATED_AT} ` +
				`FROM citizens WHERE cuil = ${text(row.cuil)} ` +
				`AND NOT EXISTS (SELECT 1 FROM claves WHERE claves.citizen_id = citizens.id);`
		);
		// Security answers are hashed like the clave, after the same normalisation the Worker applies.
		for (const [question, answer] of Object.entries(account.respuestas))
			lines.push(
				`INSERT INTO security_answers (citizen_id, question_id, hash, created_at) ` +
					`SELECT id, ${text(question)}, ${text(hashClave(argon2, pepper, normalizeAnswer(answer)))}, ${CREATED_AT} ` +
					`FROM citizens WHERE cuil = ${text(row.cuil)} AND NOT EXISTS (SELECT 1 FROM security_answers a ` +
					`WHERE a.citizen_id = citizens.id AND a.question_id = ${text(question)});`
			);
	});
	DEMO_ACCOUNTS.forEach((account, j) => {
		if (account.operador) lines.push(...operatorSql(demos[j].cuil, account.operador));
	});
	// Nivel 3 is always granted by someone, somewhere (issue 8, point 1): the demo's other nivel-3 accounts
	// were validated by the demo operator at her office. The operator herself was made one by ANSES.
	const op = DEMO_ACCOUNTS.findIndex((a) => a.operador);
	DEMO_ACCOUNTS.forEach((account, j) => {
		if (op >= 0 && account.nivel === 3 && !account.operador)
			lines.push(grantSql(demos[j].cuil, demos[op].cuil, DEMO_ACCOUNTS[op].operador!.udaiId));
	});
	DEMO_ACCOUNTS.forEach((account, j) => {
		const servicios = DEMO_SERVICIOS[account.dni];
		if (servicios) lines.push(demoServiciosSql(demos[j].cuil, servicios));
	});
	lines.push(corporativasSql());
	return lines.join('\n') + '\n';
}

/** A past in-person validation of `cuil` by the operator `operatorCuil`, only if the person has none. */
function grantSql(cuil: string, operatorCuil: string, udaiId: number): string {
	return (
		`INSERT INTO nivel_grants (citizen_id, udai_id, operator_id, granted_at, notas) ` +
		`SELECT c.id, ${udaiId}, o.id, ${CREATED_AT}, 'Validación presencial (datos de demostración)' ` +
		`FROM citizens c, citizens o WHERE c.cuil = ${text(cuil)} AND o.cuil = ${text(operatorCuil)} ` +
		`AND NOT EXISTS (SELECT 1 FROM nivel_grants g WHERE g.citizen_id = c.id);`
	);
}

/** The office role and the operator's known passkey (demo-accounts.ts), each only if not there yet. */
function operatorSql(cuil: string, o: DemoOperator): string[] {
	const who = `FROM citizens WHERE cuil = ${text(cuil)}`;
	return [
		`INSERT INTO operators (citizen_id, udai_id, legajo, activo, created_at) SELECT id, ${o.udaiId}, ` +
			`${text(o.legajo)}, 1, ${CREATED_AT} ${who} AND NOT EXISTS (SELECT 1 FROM operators WHERE operators.citizen_id = citizens.id);`,
		`UPDATE citizens SET webauthn_user_id = ${text(o.passkey.userHandle)} WHERE cuil = ${text(cuil)} AND webauthn_user_id IS NULL;`,
		`INSERT INTO passkeys (id, citizen_id, public_key, counter, transports, aaguid, backup_eligible, backed_up, name, created_at) ` +
			`SELECT ${text(o.passkey.credentialId)}, id, X'${o.passkey.coseKeyHex}', 0, '["internal"]', ` +
			`'00000000-0000-0000-0000-000000000000', 0, 0, 'Llave de demostración (pruebas)', ${CREATED_AT} ${who} ` +
			`AND NOT EXISTS (SELECT 1 FROM passkeys WHERE passkeys.id = ${text(o.passkey.credentialId)});`
	];
}

/**
 * Multi-row INSERT statements for rows start..end−1, each under D1's statement size limit, each block of
 * citizens followed by their services (servicios-sql.ts). `ids` advances as rows are produced.
 */
function* citizenStatements(generators: Generators, start: number, end: number, ids: Ids): Generator<string> {
	const head = `INSERT INTO citizens (id, ${CITIZEN_COLUMNS}) VALUES\n`;
	let values: string[] = [];
	let people: Parameters<typeof rowsSql>[0] = [];
	let bytes = head.length;
	const block = () => head + values.join(',\n') + ';\n' + rowsSql(people, ids);
	for (let i = start; i < end; i++) {
		const row = generators.citizens.citizenAt(i);
		const citizenId = ids.citizen++;
		const tuple = `(${citizenId}, ${rowValues(row)})`;
		if (values.length >= ROWS_PER_STATEMENT || bytes + tuple.length + 2 > STATEMENT_CHARS) {
			yield block();
			values = [];
			people = [];
			bytes = head.length;
		}
		values.push(tuple);
		people.push({ citizenId, data: generators.servicios.serviciosAt(i, row) });
		bytes += tuple.length + 2;
	}
	if (values.length > 0) yield block();
}

const EMPTY_DATABASE: DatabaseState = {
	total: 0,
	others: 0,
	maxId: 0,
	maxPrestacion: 0,
	maxEmpleo: 0,
	maxTramite: 0
};

/** The first ids of this run: after every row already there (and after the demo rows about to be added). */
function firstIds(state: DatabaseState): Ids {
	return {
		citizen: state.maxId + DEMO_ACCOUNTS.length + 1,
		prestacion: state.maxPrestacion + 100,
		empleo: state.maxEmpleo + 100,
		tramite: state.maxTramite + 100
	};
}

/**
 * Writes the SQL in files of at most FILE_BYTES and applies each with wrangler while the next one is
 * being generated. Only one file waits on disk besides the one being applied, so memory and disk stay
 * flat whatever the row count.
 */
async function applyInFiles(
	folder: string,
	demo: string,
	generators: Generators,
	count: number,
	persistTo: string | undefined,
	before: DatabaseState,
	ids: Ids
): Promise<number> {
	const maxIdBefore = before.maxId;
	let fileNumber = 0;
	let pending: Promise<void> | undefined;
	let chunk: string[] = [demo];
	let chunkBytes = demo.length;
	let citizensInChunk = 0;
	let applied = 0;

	const flush = async (): Promise<void> => {
		const file = join(folder, `seed-${String(++fileNumber).padStart(4, '0')}.sql`);
		// Each file stages and expands its own rows (servicios-sql.ts), so each lands whole on its own.
		writeFileSync(file, headerSql() + chunk.join('') + footerSql());
		chunk = [];
		chunkBytes = 0;
		citizensInChunk = 0;
		await pending;
		pending = wrangler(['--file', file], persistTo).then(() => {
			rmSync(file, { force: true });
			applied++;
			if (count > 0) process.stdout.write(`  archivo ${applied} aplicado\n`);
		});
		// A failure is reported by the next `await pending`; this keeps Node from calling it unhandled.
		pending.catch(() => undefined);
	};

	try {
		for (const statement of citizenStatements(generators, 0, count, ids)) {
			if (
				(chunkBytes + statement.length > FILE_BYTES || citizensInChunk >= CITIZENS_PER_FILE) &&
				chunk.length > 0
			)
				await flush();
			chunk.push(statement);
			chunkBytes += statement.length;
			citizensInChunk += ROWS_PER_STATEMENT;
		}
		if (chunk.length > 0) await flush();
		await pending;
	} catch (error) {
		if (applied > 0) {
			// Earlier files are already committed: take this run's rows out again rather than leave half.
			const undone = await wrangler(
				[
					'--command',
					// Children first, each through an index: this must not depend on foreign-key cascades.
					`DELETE FROM pago_conceptos WHERE pago_id IN (SELECT id FROM pagos WHERE citizen_id > ${maxIdBefore}); ` +
						`DELETE FROM pagos WHERE citizen_id > ${maxIdBefore}; ` +
						`DELETE FROM prestaciones WHERE id > ${before.maxPrestacion}; ` +
						`DELETE FROM aportes WHERE empleo_id > ${before.maxEmpleo}; ` +
						`DELETE FROM empleos WHERE id > ${before.maxEmpleo}; ` +
						`DELETE FROM tramite_estados WHERE tramite_id > ${before.maxTramite}; ` +
						`DELETE FROM tramites WHERE id > ${before.maxTramite}; ` +
						`DELETE FROM domicilios WHERE citizen_id > ${maxIdBefore}; ` +
						`DELETE FROM registros_externos WHERE citizen_id > ${maxIdBefore}; ` +
						`DELETE FROM claves WHERE citizen_id > ${maxIdBefore}; DELETE FROM citizens WHERE id > ${maxIdBefore};`
				],
				persistTo
			).then(
				() => true,
				() => false
			);
			if (error instanceof Error)
				error.message += undone
					? '\nSe borraron las filas que esta corrida ya había agregado.'
					: `\nNo se pudieron borrar las filas ya agregadas (id > ${maxIdBefore}).`;
		}
		throw error;
	}
	return fileNumber;
}

async function writeSqlFile(
	file: string,
	demo: string,
	generators: Generators,
	count: number,
	ids: Ids
): Promise<number> {
	const out = createWriteStream(file);
	let bytes = 0;
	const write = async (s: string) => {
		bytes += Buffer.byteLength(s);
		// Waiting for 'drain' keeps a million rows from piling up in the stream's buffer.
		if (!out.write(s)) await once(out, 'drain');
	};
	await write(headerSql());
	await write(demo);
	for (const statement of citizenStatements(generators, 0, count, ids)) await write(statement);
	await write(footerSql());
	out.end();
	await once(out, 'finish');
	return bytes;
}

interface DatabaseState {
	total: number;
	/** Citizens other than the demo accounts. */
	others: number;
	maxId: number;
	maxPrestacion: number;
	maxEmpleo: number;
	maxTramite: number;
}

async function databaseState(persistTo: string | undefined): Promise<DatabaseState> {
	const demoCuils = demoCitizenRows()
		.map((r) => text(r.cuil))
		.join(', ');
	const out = await wrangler(
		[
			'--json',
			'--command',
			`SELECT count(*) AS total, coalesce(sum(cuil NOT IN (${demoCuils})), 0) AS others, ` +
				'coalesce(max(id), 0) AS maxId, ' +
				'(SELECT coalesce(max(id), 0) FROM prestaciones) AS maxPrestacion, ' +
				'(SELECT coalesce(max(id), 0) FROM empleos) AS maxEmpleo, ' +
				'(SELECT coalesce(max(id), 0) FROM tramites) AS maxTramite FROM citizens'
		],
		persistTo
	).catch((error: unknown) => {
		if (error instanceof Error && /no such table/i.test(error.message))
			throw new SeedError(
				'La tabla citizens no existe todavía: aplicá las migraciones primero ' +
					'(npm run db:migrate:local, o wrangler d1 migrations apply DB --local --persist-to DIR).'
			);
		throw error;
	});
	const parsed = JSON.parse(out.slice(out.indexOf('['))) as { results: DatabaseState[] }[];
	return parsed[0].results[0];
}

/** Runs `wrangler d1 execute DB --local` from the project root; resolves with its stdout. */
function wrangler(args: string[], persistTo: string | undefined): Promise<string> {
	const argv = ['wrangler', 'd1', 'execute', 'DB', '--local', '--yes'];
	if (persistTo) argv.push('--persist-to', persistTo);
	argv.push(...args);
	return new Promise((ok, fail) => {
		const child = spawn('npx', argv, {
			cwd: ROOT,
			env: {
				...process.env,
				WRANGLER_SEND_METRICS: 'false',
				CLOUDFLARE_CF_FETCH_ENABLED: 'false',
				FORCE_COLOR: '0'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		child.on('error', fail);
		child.on('close', (code) => {
			if (code === 0) ok(stdout);
			else {
				// wrangler's banner and log-file notice bury the one line that says what went wrong.
				// Colours are off (FORCE_COLOR=0), but a terminal that forces them would still send escapes.
				// eslint-disable-next-line no-control-regex
				const lines = (stderr + stdout).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
				const errors = lines.filter((l) => /✘|ERROR/.test(l));
				const detail = (errors.length > 0 ? errors : lines.filter((l) => l.trim()).slice(-8)).join('\n');
				fail(new SeedError(`wrangler d1 execute falló (código ${code}):\n${detail}`));
			}
		});
	});
}

/** argon2id's Wasm read from disk; setup wants `{ module, instance }`, which instantiate(bytes) returns. */
async function nodeArgon2(): Promise<Argon2id> {
	const require = createRequire(import.meta.url);
	const load = (name: string) => (imports: WebAssembly.Imports) =>
		WebAssembly.instantiate(readFileSync(require.resolve(`argon2id/dist/${name}`)), imports);
	return (await setupWasm(load('simd.wasm'), load('no-simd.wasm'))) as Argon2id;
}

function readPepper(): Uint8Array {
	const file = join(ROOT, '.dev.vars');
	const line = existsSync(file)
		? /^\s*(?:export\s+)?CLAVE_PEPPER\s*=\s*(.*?)\s*$/m.exec(readFileSync(file, 'utf8'))
		: null;
	if (!line)
		throw new SeedError(
			'Falta CLAVE_PEPPER en .dev.vars: corré `node worker/tools/dev-vars.mjs` (o `npm run seed`, que lo crea).'
		);
	try {
		return pepperBytes(line[1].replace(/^(['"])(.*)\1$/, '$2'));
	} catch (error) {
		throw new SeedError(`CLAVE_PEPPER en .dev.vars no sirve: ${(error as Error).message}.`);
	}
}

function rowValues(row: CitizenRow): string {
	return [
		text(row.cuil),
		text(row.dni),
		text(row.nombres),
		text(row.apellidos),
		text(row.sexo),
		text(row.fechaNacimiento),
		text(row.email),
		text(row.telefono),
		text(row.dniTramite),
		row.nivel,
		CREATED_AT
	].join(', ');
}

function text(value: string | null): string {
	return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

const fmt = (n: number) => n.toLocaleString('es-AR');
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

main().catch((error: unknown) => {
	console.error(error instanceof SeedError ? error.message : error);
	process.exitCode = 1;
});

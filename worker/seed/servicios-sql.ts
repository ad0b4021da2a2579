/**
 * SQL for the demo services. Each seed file (one D1 batch, see cli.ts) is:
 *
 *   header   staging tables: the payment calendar (from src/lib/domain/cronograma.ts) and a wage index
 *   rows     citizens, and their benefits, employments and requests in a few bytes each (`rowsSql`)
 *   footer   SQLite expands them: each benefit's haber from `montos_referencia`, its monthly payments
 *            with the calendar's date for the DNI ending, each recibo's lines, each employment's months
 *            with remuneración and aportes; then the staging tables are dropped.
 *
 * The expansion turns ~50 bytes of SQL per citizen into the 20–30 rows a screen reads, at SQLite's speed
 * rather than at the speed wrangler parses SQL text, which is what bounds the seed.
 */
import { addMonths, businessDays, windowFor, type Esquema } from '../../src/lib/domain/cronograma';
import {
	BOCAS_PAGO,
	SEED_LAST_PERIOD,
	SEED_PAYMENT_MONTHS,
	SIPA_START,
	WAGE_GROWTH_BY_YEAR
} from './servicios-data';
import type { EmployerSeed, ServiciosSeed } from './servicios';

export const FIRST_PAYMENT_PERIOD = addMonths(SEED_LAST_PERIOD, -(SEED_PAYMENT_MONTHS - 1));

/** Every seeded row carries this instant as updated_at, like cli.ts's CREATED_AT. */
const SEEDED_AT = Date.UTC(2026, 0, 1);

/** Rows per multi-row INSERT, for the reason cli.ts gives (wrangler's splitter is quadratic). */
const ROWS_PER_STATEMENT = 100;

export function text(value: string | null): string {
	return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
	for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function inserts(head: string, tuples: string[]): string {
	let out = '';
	for (const part of chunks(tuples, ROWS_PER_STATEMENT)) out += `${head} VALUES\n${part.join(',\n')};\n`;
	return out;
}

const STAGING = [
	'seed_tmp_prestaciones',
	'seed_tmp_empleos',
	'seed_tmp_partes',
	'seed_tmp_cronograma',
	'seed_tmp_indices'
] as const;

/** Months from SIPA_START to SEED_LAST_PERIOD with a wage index that is 1 in SEED_LAST_PERIOD. */
export function wageIndex(): [string, number][] {
	const months: string[] = [];
	for (let m = SIPA_START; m <= SEED_LAST_PERIOD; m = addMonths(m, 1)) months.push(m);
	const values: number[] = [];
	let v = 1;
	for (let i = months.length - 1; i >= 0; i--) {
		values[i] = v;
		const growth = WAGE_GROWTH_BY_YEAR[Number(months[i].slice(0, 4))] ?? 0;
		v /= Math.pow(1 + growth, 1 / 12);
	}
	return months.map((m, i) => [m, Number(values[i].toPrecision(8))]);
}

const ESQUEMAS: Esquema[] = ['minimo', 'sobre_minimo', 'por_terminacion', 'ventana'];

/** The payment date of every period, lane and DNI ending the seed pays: the same rule as the API's. */
export function calendarRows(): [string, Esquema, number, string][] {
	const rows: [string, Esquema, number, string][] = [];
	for (let p = FIRST_PAYMENT_PERIOD; p <= SEED_LAST_PERIOD; p = addMonths(p, 1)) {
		if (businessDays(p).length === 0) throw new Error(`No business days in ${p}`);
		for (const esquema of ESQUEMAS)
			for (let d = 0; d <= 9; d++) rows.push([p, esquema, d, windowFor(p, esquema, d).desde]);
	}
	return rows;
}

let headerCache: string | undefined;

/** Creates and fills the staging tables; starts every file so that each file stands alone. */
export function headerSql(): string {
	if (headerCache) return headerCache;
	let sql = STAGING.map((t) => `DROP TABLE IF EXISTS ${t};\n`).join('');
	sql +=
		'CREATE TABLE seed_tmp_prestaciones (id INTEGER PRIMARY KEY, referencia TEXT, milesimas INTEGER);\n' +
		'CREATE TABLE seed_tmp_empleos (id INTEGER PRIMARY KEY, base INTEGER NOT NULL);\n' +
		'CREATE TABLE seed_tmp_partes (prestacion_id INTEGER NOT NULL, citizen_id INTEGER NOT NULL, periodo TEXT NOT NULL, ' +
		'fecha TEXT NOT NULL, tipo TEXT NOT NULL, haber INTEGER NOT NULL, bono INTEGER NOT NULL, descuento INTEGER NOT NULL, ' +
		'boca_pago_id INTEGER, PRIMARY KEY (prestacion_id, periodo)) WITHOUT ROWID;\n' +
		'CREATE TABLE seed_tmp_cronograma (periodo TEXT NOT NULL, esquema TEXT NOT NULL, terminacion INTEGER NOT NULL, ' +
		'fecha TEXT NOT NULL, PRIMARY KEY (periodo, esquema, terminacion)) WITHOUT ROWID;\n' +
		'CREATE TABLE seed_tmp_indices (periodo TEXT PRIMARY KEY, indice REAL NOT NULL) WITHOUT ROWID;\n';
	sql += inserts(
		'INSERT INTO seed_tmp_cronograma (periodo, esquema, terminacion, fecha)',
		calendarRows().map(([p, e, d, f]) => `('${p}','${e}',${d},'${f}')`)
	);
	sql += inserts(
		'INSERT INTO seed_tmp_indices (periodo, indice)',
		wageIndex().map(([p, i]) => `('${p}',${i})`)
	);
	headerCache = sql;
	return sql;
}

const LAST = `'${SEED_LAST_PERIOD}'`;
const FIRST = `'${FIRST_PAYMENT_PERIOD}'`;

/**
 * Expands what the rows of this file staged, then drops the staging tables. Amounts: the haber of
 * SEED_LAST_PERIOD is `milesimas` of the reference amount of that month; earlier months follow the
 * reference amount's indexation. Jubilaciones and pensiones at or just above the mínimo get the bono
 * up to mínimo + bono; PAMI (INSSJP) takes 3 % of the haber up to the mínimo and 6 % above it; AUH
 * retains 20 % until the Libreta is presented.
 */
export function footerSql(): string {
	return `UPDATE prestaciones SET haber = (
	SELECT CAST(round(s.milesimas * CASE s.referencia WHEN 'auh' THEN u.auh WHEN 'puam' THEN u.puam ELSE u.haber_minimo END / 1000.0) AS INTEGER)
	FROM seed_tmp_prestaciones s, montos_referencia u WHERE s.id = prestaciones.id AND u.periodo = ${LAST})
WHERE id IN (SELECT id FROM seed_tmp_prestaciones WHERE milesimas IS NOT NULL);
INSERT INTO seed_tmp_partes (prestacion_id, citizen_id, periodo, fecha, tipo, haber, bono, descuento, boca_pago_id)
SELECT x.id, x.citizen_id, x.periodo, k.fecha, x.tipo, x.haber, x.bono, x.descuento, x.boca_pago_id FROM (
	SELECT b.*,
		CASE WHEN b.tipo IN ('jubilacion', 'pension') THEN max(0, min(b.bono_max, b.minimo + b.bono_max - b.haber)) ELSE 0 END AS bono,
		CASE WHEN b.tipo IN ('jubilacion', 'pension') THEN CAST(round(min(b.haber, b.minimo) * 0.03 + max(0, b.haber - b.minimo) * 0.06) AS INTEGER)
			WHEN b.tipo = 'auh' THEN CAST(round(b.haber * 0.2) AS INTEGER) ELSE 0 END AS descuento,
		CASE WHEN b.tipo IN ('jubilacion', 'pension') THEN (CASE WHEN b.haber > b.minimo THEN 'sobre_minimo' ELSE 'minimo' END)
			WHEN b.tipo = 'desempleo' THEN 'ventana' ELSE 'por_terminacion' END AS esquema
	FROM (
		SELECT p.id, p.citizen_id, p.tipo, p.boca_pago_id, m.periodo, m.haber_minimo AS minimo, m.bono AS bono_max,
			CAST(substr(c.dni, -1) AS INTEGER) AS terminacion,
			CAST(round(p.haber * CASE WHEN p.tipo IN ('auh', 'asignacion_familiar') THEN m.auh * 1.0 / u.auh
				ELSE m.haber_minimo * 1.0 / u.haber_minimo END) AS INTEGER) AS haber
		FROM seed_tmp_prestaciones s
		JOIN prestaciones p ON p.id = s.id
		JOIN citizens c ON c.id = p.citizen_id
		JOIN montos_referencia u ON u.periodo = ${LAST}
		JOIN montos_referencia m ON m.periodo BETWEEN max(substr(p.alta, 1, 7), ${FIRST}) AND ${LAST}
		WHERE p.estado <> 'en_tramite' AND (p.baja IS NULL OR m.periodo < substr(p.baja, 1, 7))
	) b
) x JOIN seed_tmp_cronograma k ON k.periodo = x.periodo AND k.esquema = x.esquema AND k.terminacion = x.terminacion;
INSERT INTO pagos (prestacion_id, citizen_id, periodo, fecha_pago, bruto, descuentos, neto, boca_pago_id)
SELECT prestacion_id, citizen_id, periodo, fecha, haber + bono, descuento, haber + bono - descuento, boca_pago_id
FROM seed_tmp_partes ORDER BY prestacion_id, periodo;
INSERT INTO pago_conceptos (pago_id, orden, codigo, monto)
SELECT g.id, 1, CASE t.tipo WHEN 'jubilacion' THEN '001' WHEN 'pension' THEN '002' WHEN 'auh' THEN '010'
	WHEN 'asignacion_familiar' THEN '011' ELSE '020' END, t.haber
FROM seed_tmp_partes t JOIN pagos g ON g.prestacion_id = t.prestacion_id AND g.periodo = t.periodo
UNION ALL
SELECT g.id, 2, '050', t.bono
FROM seed_tmp_partes t JOIN pagos g ON g.prestacion_id = t.prestacion_id AND g.periodo = t.periodo WHERE t.bono > 0
UNION ALL
SELECT g.id, 3, CASE WHEN t.tipo = 'auh' THEN '310' ELSE '301' END, t.descuento
FROM seed_tmp_partes t JOIN pagos g ON g.prestacion_id = t.prestacion_id AND g.periodo = t.periodo WHERE t.descuento > 0;
INSERT INTO aportes (empleo_id, periodo, remuneracion, aportes)
SELECT id, periodo, r, CAST(round(r * 0.11) AS INTEGER) FROM (
	SELECT e.id, i.periodo,
		CAST(round(s.base * i.indice * CASE WHEN substr(i.periodo, 6) IN ('06', '12') THEN 1.5 ELSE 1 END) AS INTEGER) AS r
	FROM seed_tmp_empleos s
	JOIN empleos e ON e.id = s.id
	JOIN seed_tmp_indices i ON i.periodo >= e.desde AND i.periodo <= coalesce(e.hasta, ${LAST})
);
${STAGING.map((t) => `DROP TABLE ${t};`).join('\n')}
`;
}

/** Bank branches and employers: reference rows shared by everyone, inserted once. */
export function referenceSql(employers: readonly EmployerSeed[]): string {
	return (
		inserts(
			'INSERT OR IGNORE INTO bocas_pago (id, banco, sucursal, domicilio, localidad, provincia)',
			BOCAS_PAGO.map(
				(b) =>
					`(${b.id}, ${text(b.banco)}, ${text(b.sucursal)}, ${text(b.domicilio)}, ${text(b.localidad)}, ${text(b.provincia)})`
			)
		) +
		inserts(
			'INSERT OR IGNORE INTO empleadores (cuit, razon_social)',
			employers.map((e) => `('${e.cuit}', ${text(e.razonSocial)})`)
		)
	);
}

export interface IdCounters {
	prestacion: number;
	empleo: number;
	tramite: number;
}

const PRESTACION_COLUMNS =
	'citizen_id, tipo, denominacion, estado, motivo, alta, baja, haber, hijo_nombre, hijo_dni, boca_pago_id, cbu, updated_at';

function prestacionValues(citizenId: string, p: ServiciosSeed['prestaciones'][number]): string {
	return [
		citizenId,
		text(p.tipo),
		text(p.denominacion),
		text(p.estado),
		text(p.motivo),
		text(p.alta),
		text(p.baja),
		0,
		text(p.hijoNombre),
		text(p.hijoDni),
		p.bocaPagoId,
		text(p.cbu),
		SEEDED_AT
	].join(', ');
}

/** The services of generated citizens, with explicit ids taken from (and advancing) `ids`. */
export function rowsSql(people: { citizenId: number; data: ServiciosSeed }[], ids: IdCounters): string {
	const prestaciones: string[] = [];
	const staged: string[] = [];
	const empleos: string[] = [];
	const bases: string[] = [];
	const tramites: string[] = [];
	const estados: string[] = [];
	const registros: string[] = [];
	for (const { citizenId, data } of people) {
		for (const r of data.registros ?? [])
			registros.push(`(${citizenId}, '${r.tipo}', ${text(r.detalle)}, '${r.desde}', ${text(r.hasta)})`);
		for (const p of data.prestaciones) {
			const id = ids.prestacion++;
			prestaciones.push(`(${id}, ${prestacionValues(String(citizenId), p)})`);
			staged.push(`(${id}, '${p.referencia}', ${p.milesimas})`);
		}
		for (const e of data.empleos) {
			const id = ids.empleo++;
			empleos.push(`(${id}, ${citizenId}, '${e.cuit}', '${e.desde}', ${text(e.hasta)})`);
			bases.push(`(${id}, ${e.base})`);
		}
		for (const t of data.tramites) {
			const id = ids.tramite++;
			const first = t.pasos[0].fecha;
			const last = t.pasos.at(-1)!;
			tramites.push(
				`(${id}, ${citizenId}, '${t.tipo}', ${text(JSON.stringify(t.datos))}, '${last.estado}', ${first}, ${last.fecha})`
			);
			t.pasos.forEach((s, k) => estados.push(`(${id}, ${k}, '${s.estado}', ${s.fecha}, ${text(s.nota)})`));
		}
	}
	return (
		inserts(`INSERT INTO prestaciones (id, ${PRESTACION_COLUMNS})`, prestaciones) +
		inserts('INSERT INTO seed_tmp_prestaciones (id, referencia, milesimas)', staged) +
		inserts('INSERT INTO empleos (id, citizen_id, cuit, desde, hasta)', empleos) +
		inserts('INSERT INTO seed_tmp_empleos (id, base)', bases) +
		inserts('INSERT INTO tramites (id, citizen_id, tipo, datos, estado, created_at, updated_at)', tramites) +
		inserts('INSERT INTO tramite_estados (tramite_id, orden, estado, fecha, nota)', estados) +
		inserts('INSERT INTO registros_externos (citizen_id, tipo, detalle, desde, hasta)', registros)
	);
}

/**
 * A demo account's services, written so that running it again changes nothing: each kind of row is
 * added only when the account has none of that kind yet, and only new rows are staged for expansion.
 */
export function demoSql(cuil: string, data: ServiciosSeed): string {
	const person = `(SELECT id FROM citizens WHERE cuil = '${cuil}')`;
	const none = (table: string) => `NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.citizen_id = ${person})`;
	let sql = '';
	if (data.prestaciones.length > 0) {
		sql +=
			`INSERT INTO prestaciones (${PRESTACION_COLUMNS}) SELECT * FROM (VALUES ` +
			data.prestaciones.map((p) => `(${prestacionValues(person, p)})`).join(', ') +
			`) WHERE ${none('prestaciones')};\n`;
		sql +=
			'INSERT INTO seed_tmp_prestaciones (id, referencia, milesimas) SELECT p.id, v.column2, v.column3 ' +
			'FROM prestaciones p JOIN (VALUES ' +
			data.prestaciones
				.map((p) => `(${text(p.hijoDni ?? '')}, '${p.referencia}', ${p.milesimas})`)
				.join(', ') +
			`) v ON coalesce(p.hijo_dni, '') = v.column1 WHERE p.citizen_id = ${person} ` +
			'AND NOT EXISTS (SELECT 1 FROM pagos g WHERE g.prestacion_id = p.id);\n';
	}
	if (data.empleos.length > 0) {
		sql +=
			'INSERT INTO empleos (citizen_id, cuit, desde, hasta) SELECT * FROM (VALUES ' +
			data.empleos.map((e) => `(${person}, '${e.cuit}', '${e.desde}', ${text(e.hasta)})`).join(', ') +
			`) WHERE ${none('empleos')};\n`;
		sql +=
			'INSERT INTO seed_tmp_empleos (id, base) SELECT e.id, v.column3 FROM empleos e JOIN (VALUES ' +
			data.empleos.map((e) => `('${e.cuit}', '${e.desde}', ${e.base})`).join(', ') +
			`) v ON e.cuit = v.column1 AND e.desde = v.column2 WHERE e.citizen_id = ${person} ` +
			'AND NOT EXISTS (SELECT 1 FROM aportes a WHERE a.empleo_id = e.id);\n';
	}
	if (data.tramites.length > 0) {
		const guard = none('tramites');
		sql += `CREATE TABLE IF NOT EXISTS seed_tmp_demo (pendiente INTEGER);\nDELETE FROM seed_tmp_demo;\n`;
		// Decided once, before the requests are inserted: the states below go in only with new requests.
		sql += `INSERT INTO seed_tmp_demo SELECT 1 WHERE ${guard};\n`;
		for (const t of data.tramites) {
			const last = t.pasos.at(-1)!;
			sql +=
				'INSERT INTO tramites (citizen_id, tipo, datos, estado, created_at, updated_at) ' +
				`SELECT ${person}, '${t.tipo}', ${text(JSON.stringify(t.datos))}, '${last.estado}', ${t.pasos[0].fecha}, ${last.fecha} ` +
				'WHERE EXISTS (SELECT 1 FROM seed_tmp_demo);\n';
			sql +=
				'INSERT INTO tramite_estados (tramite_id, orden, estado, fecha, nota) SELECT last_insert_rowid(), v.* FROM (VALUES ' +
				t.pasos.map((s, k) => `(${k}, '${s.estado}', ${s.fecha}, ${text(s.nota)})`).join(', ') +
				') v WHERE EXISTS (SELECT 1 FROM seed_tmp_demo);\n';
		}
		sql += 'DROP TABLE seed_tmp_demo;\n';
	}
	if (data.domicilio) {
		const d = data.domicilio;
		sql +=
			'INSERT OR IGNORE INTO domicilios (citizen_id, calle, numero, piso, depto, localidad, provincia, codigo_postal, updated_at) ' +
			`SELECT id, ${[d.calle, d.numero, d.piso, d.depto, d.localidad, d.provincia, d.codigoPostal].map(text).join(', ')}, ${SEEDED_AT} ` +
			`FROM citizens WHERE cuil = '${cuil}';\n`;
	}
	return sql;
}

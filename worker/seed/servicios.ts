/**
 * Deterministic demo services for each citizen: benefits (prestaciones), employments of the historia
 * laboral and requests (trámites). Pure TypeScript, like generate.ts: citizen i's services come from
 * citizen i's row and its own random stream, never from the rows before it, so a million citizens
 * stream out in constant memory and adding services changed no citizen's name or DNI.
 *
 * What is drawn here is compact: a benefit's haber as thousandths of a reference amount (the haber
 * mínimo, the AUH…), an employment's salary in pesos of SEED_LAST_PERIOD. The monthly rows (payments,
 * recibo lines, months with aportes) are expanded by SQLite from these and from `montos_referencia`,
 * in servicios-sql.ts: amounts never live in code, and the seed ships a few bytes per citizen instead of
 * a few hundred rows.
 */
import { addMonths, monthsBetween } from '../../src/lib/domain/cronograma';
import { buildCbu } from '../../src/lib/domain/cbu';
import { cuilCheckDigit } from '../../src/lib/domain/cuil';
import { FEMALE_NAMES, MALE_NAMES } from './data';
import type { CitizenRow } from './generate';
import { createPrng, hashString, prngAt, type Prng } from './prng';
import {
	BOCAS_PAGO,
	EMPLOYER_NAMES,
	EMPLOYER_TRADES,
	LEGAL_FORMS,
	MOTIVOS,
	SEED_LAST_PERIOD,
	SIPA_START,
	TRAMITE_TEMPLATES
} from './servicios-data';

export type TipoPrestacion = 'jubilacion' | 'pension' | 'auh' | 'asignacion_familiar' | 'desempleo';
/** Which reference amount of `montos_referencia` a haber is a multiple of. */
export type Referencia = 'haber_minimo' | 'puam' | 'auh';

export interface PrestacionSeed {
	tipo: TipoPrestacion;
	denominacion: string;
	estado: 'activa' | 'en_tramite' | 'suspendida' | 'finalizada';
	motivo: string;
	/** ISO date. */
	alta: string;
	/** ISO date payments stopped, or null. */
	baja: string | null;
	/** The haber at SEED_LAST_PERIOD: `milesimas` thousandths of the reference amount of that month. */
	referencia: Referencia;
	milesimas: number;
	hijoNombre: string | null;
	hijoDni: string | null;
	bocaPagoId: number;
	cbu: string;
}

export interface EmpleoSeed {
	cuit: string;
	/** 'YYYY-MM'. */
	desde: string;
	hasta: string | null;
	/** Monthly remuneración in centavos, in pesos of SEED_LAST_PERIOD (deflated by the wage index). */
	base: number;
}

export interface TramiteSeed {
	tipo: string;
	datos: Record<string, unknown>;
	pasos: { estado: string; nota: string; fecha: number }[];
}

export interface DomicilioSeed {
	calle: string;
	numero: string;
	piso: string | null;
	depto: string | null;
	localidad: string;
	provincia: string;
	codigoPostal: string;
}

/** A record of another registry that a Certificación Negativa looks at (migration 0005). */
export interface RegistroSeed {
	tipo:
		| 'autonomo'
		| 'monotributo'
		| 'casas_particulares'
		| 'maternidad_casas_particulares'
		| 'provincial_no_sipa'
		| 'programa_social'
		| 'progresar';
	detalle: string;
	/** 'YYYY-MM'. */
	desde: string;
	hasta: string | null;
}

export interface ServiciosSeed {
	prestaciones: PrestacionSeed[];
	empleos: EmpleoSeed[];
	tramites: TramiteSeed[];
	domicilio?: DomicilioSeed;
	/** Only present when the person has some (so every earlier field, and its JSON, is unchanged). */
	registros?: RegistroSeed[];
}

export interface EmployerSeed {
	cuit: string;
	razonSocial: string;
}

const EMPLOYER_COUNT = 400;

/** Made-up employers with valid company CUITs (prefix 30 or 33, mod-11 check digit), unique by CUIT. */
export function createEmployers(seed: string): EmployerSeed[] {
	const rng = createPrng(`${seed}/empleadores`);
	const out: EmployerSeed[] = [];
	const cuits = new Set<string>();
	const names = new Set<string>();
	while (out.length < EMPLOYER_COUNT) {
		const prefix = rng.chance(0.8) ? '30' : '33';
		const body = String(rng.int(50_000_000, 71_999_999));
		const digit = cuilCheckDigit(prefix + body);
		// Remainder 1 has no check digit: such a number is never issued.
		if (digit === null) continue;
		const cuit = `${prefix}${body}${digit}`;
		const trade = rng.pick(EMPLOYER_TRADES);
		const form = trade.startsWith('Cooperativa') ? 'Ltda.' : rng.pick(LEGAL_FORMS);
		const razonSocial = `${trade} ${rng.pick(EMPLOYER_NAMES)} ${form}`;
		if (cuits.has(cuit) || names.has(razonSocial)) continue;
		cuits.add(cuit);
		names.add(razonSocial);
		out.push({ cuit, razonSocial });
	}
	return out;
}

/** A company CUIT for a fixed name (the demo accounts' employers), valid and stable. */
export function companyCuit(prefix: '30' | '33', body: number): string {
	for (let b = body; ; b++) {
		const digit = cuilCheckDigit(prefix + String(b).padStart(8, '0'));
		if (digit !== null) return `${prefix}${String(b).padStart(8, '0')}${digit}`;
	}
}

const LAST_YEAR = Number(SEED_LAST_PERIOD.slice(0, 4));

const iso = (y: number, m: number, d: number) =>
	`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Milliseconds of a date and hour in Argentina (UTC−3). */
const at = (isoDate: string, hour = 10) =>
	Date.parse(`${isoDate}T${String(hour).padStart(2, '0')}:00:00-03:00`);

function monthOf(isoDate: string) {
	return isoDate.slice(0, 7);
}

function periodFromDate(y: number, m: number) {
	return iso(y, m, 1).slice(0, 7);
}

/** A date inside a period, on a weekday-ish day (the 1st to the 28th). */
function dayIn(rng: Prng, periodo: string) {
	return `${periodo}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/** Children's DNIs grow with their birth year (about 650,000 a year since 2009, 49 million). */
function childDni(rng: Prng, year: number) {
	return String(49_000_000 + (year - 2009) * 650_000 + rng.int(0, 640_000));
}

export interface ServiciosGenerator {
	readonly employers: readonly EmployerSeed[];
	serviciosAt(index: number, citizen: CitizenRow): ServiciosSeed;
}

const CATEGORIAS_MONOTRIBUTO = ['A', 'A', 'A', 'B', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const PROGRAMAS_SOCIALES = ['Volver al Trabajo', 'Acompañamiento Social', 'Potenciar Trabajo'];
const CAJAS_PROVINCIALES = [
	'Caja de Jubilaciones, Pensiones y Retiros de Córdoba',
	'Instituto de Previsión Social de la Provincia de Buenos Aires',
	'Caja de Previsión Social de la Provincia de Santa Fe',
	'Instituto de Seguridad Social de Neuquén',
	'Caja de Previsión Social de Entre Ríos'
];

export function createServiciosGenerator(seed: string): ServiciosGenerator {
	const seedWords = hashString(`${seed}/servicios`);
	// Records of other registries come from their own stream: drawing them from the services stream
	// would have changed every generated benefit and employment after the first person who has one.
	const registroWords = hashString(`${seed}/registros`);
	const employers = createEmployers(seed);

	function boca(rng: Prng) {
		return BOCAS_PAGO[rng.int(0, BOCAS_PAGO.length - 1)];
	}

	function cbuFor(b: (typeof BOCAS_PAGO)[number], index: number, k: number) {
		// The account number only has to be unique and valid; derive it from the row so it is stable.
		return buildCbu(b.bancoCodigo, b.sucursal.slice(0, 4), String(index * 8 + k + 10_000_000));
	}

	function prestacionBase(rng: Prng, index: number, k: number) {
		const b = boca(rng);
		return { bocaPagoId: b.id, cbu: cbuFor(b, index, k), hijoNombre: null, hijoDni: null, baja: null };
	}

	function jubilado(rng: Prng, index: number, c: CitizenRow, age: number, out: PrestacionSeed[]) {
		const [by, bm] = c.fechaNacimiento.split('-').map(Number);
		const retireAge = c.sexo === 'F' ? 60 : 65;
		// Most people retire within a few months of the age; some years later.
		const delay = rng.chance(0.8) ? rng.int(0, 8) : rng.int(9, 60);
		const altaPeriodo = addMonths(periodFromDate(by + retireAge, bm), delay);
		const alta = altaPeriodo > SEED_LAST_PERIOD ? SEED_LAST_PERIOD : altaPeriodo;
		const r = rng.next();
		if (r < 0.88) {
			const moratoria = c.sexo === 'F' && rng.chance(0.45);
			const atMinimo = moratoria || rng.chance(0.45);
			const estado = rng.chance(0.97) ? 'activa' : rng.chance(0.6) ? 'suspendida' : 'en_tramite';
			const p: PrestacionSeed = {
				...prestacionBase(rng, index, out.length),
				tipo: 'jubilacion',
				denominacion: moratoria ? 'Jubilación (moratoria previsional)' : 'Jubilación ordinaria',
				estado,
				motivo:
					estado === 'activa'
						? MOTIVOS.jubilacionActiva
						: estado === 'suspendida'
							? MOTIVOS.supervivencia
							: MOTIVOS.jubilacionEnTramite,
				alta: dayIn(rng, estado === 'en_tramite' ? addMonths(SEED_LAST_PERIOD, -rng.int(0, 3)) : alta),
				referencia: 'haber_minimo',
				// Above the mínimo, haberes spread thinly up to the máximo (about 6.7 mínimos).
				milesimas: atMinimo
					? 1000
					: Math.min(6729, 1000 + Math.round(3000 * rng.next() * rng.next()) + rng.int(20, 400))
			};
			if (estado === 'suspendida') p.baja = dayIn(rng, addMonths(SEED_LAST_PERIOD, -rng.int(0, 5)));
			out.push(p);
		} else if (age >= 65 && r < 0.94) {
			out.push({
				...prestacionBase(rng, index, out.length),
				tipo: 'pension',
				denominacion: 'Pensión Universal para el Adulto Mayor (PUAM)',
				estado: 'activa',
				motivo: MOTIVOS.puamActiva,
				alta: dayIn(rng, addMonths(periodFromDate(by + 65, bm), rng.int(1, 24))),
				referencia: 'puam',
				milesimas: 1000
			});
		}
		// Widows and widowers: a pensión por fallecimiento besides their own benefit.
		if (age >= 68 && rng.chance(c.sexo === 'F' ? 0.2 : 0.06)) {
			const since = addMonths(SEED_LAST_PERIOD, -rng.int(6, 12 * Math.min(25, age - 60)));
			out.push({
				...prestacionBase(rng, index, out.length),
				tipo: 'pension',
				denominacion: 'Pensión por fallecimiento',
				estado: 'activa',
				motivo: MOTIVOS.pensionActiva,
				alta: dayIn(rng, since),
				referencia: 'haber_minimo',
				milesimas: rng.chance(0.5) ? 1000 : rng.int(1001, 2600)
			});
		}
	}

	function hijos(rng: Prng, c: CitizenRow, count: number) {
		const motherYear = Number(c.fechaNacimiento.slice(0, 4));
		const surname = c.apellidos.split(' ')[0];
		const kids: { nombre: string; dni: string; nacimiento: string }[] = [];
		// Under 18 at SEED_LAST_PERIOD, born once the parent was 17 or older.
		const first = Math.max(motherYear + 17, LAST_YEAR - 17);
		for (let k = 0; k < count && first <= LAST_YEAR; k++) {
			const year = rng.int(first, LAST_YEAR);
			const names = rng.chance(0.5) ? FEMALE_NAMES : MALE_NAMES;
			const nombre = `${rng.pick(names.younger)} ${surname}`;
			const nacimiento = iso(year, rng.int(1, year === LAST_YEAR ? 9 : 12), rng.int(1, 28));
			kids.push({ nombre, dni: childDni(rng, year), nacimiento });
		}
		return kids;
	}

	function historia(rng: Prng, c: CitizenRow, age: number): EmpleoSeed[] {
		const birth = monthOf(c.fechaNacimiento);
		const earliest = [SIPA_START, addMonths(birth, 12 * rng.int(18, 25))].sort()[1];
		// Most histories cover recent years; one in ten goes back as far as SIPA does.
		const span = rng.chance(0.1) ? 12 * 32 : 12 * rng.int(2, Math.max(2, Math.min(16, age - 19)));
		let month = [earliest, addMonths(SEED_LAST_PERIOD, -span)].sort()[1];
		const jobs: EmpleoSeed[] = [];
		// Pay level of the person (pesos of SEED_LAST_PERIOD), rising a little with each job.
		let level = rng.int(900_000, 2_400_000);
		while (month <= SEED_LAST_PERIOD && jobs.length < 5) {
			const length = rng.chance(0.3) ? rng.int(6, 24) : rng.int(24, 120);
			const end = addMonths(month, length - 1);
			const ongoing = end >= SEED_LAST_PERIOD;
			jobs.push({
				cuit: employers[rng.int(0, employers.length - 1)].cuit,
				desde: month,
				hasta: ongoing ? null : end,
				base: Math.round(level * (0.9 + rng.next() * 0.2)) * 100
			});
			if (ongoing) break;
			level = Math.round(level * (1 + rng.next() * 0.15));
			// A gap between jobs for about half of the changes.
			month = addMonths(end, rng.chance(0.5) ? 1 : rng.int(2, 24));
		}
		// A quarter of working histories end before the last month: unemployed now.
		const last = jobs.at(-1);
		if (last && last.hasta === null && rng.chance(0.2)) {
			const end = addMonths(SEED_LAST_PERIOD, -rng.int(1, 18));
			if (end >= last.desde) last.hasta = end;
		}
		return jobs;
	}

	function tramites(rng: Prng, c: CitizenRow, age: number, out: TramiteSeed[]) {
		const candidates = TRAMITE_TEMPLATES.filter(
			(t) =>
				(t.tipo !== 'jubilacion' || (age >= 58 && age <= 70)) &&
				(t.tipo !== 'auh' || (c.sexo === 'F' && age <= 45)) &&
				(t.tipo !== 'asignacion_nacimiento' || age <= 45)
		);
		const t = rng.pick(candidates);
		const steps = rng.int(1, t.pasos.length);
		const start = at(dayIn(rng, addMonths(SEED_LAST_PERIOD, -rng.int(1, 10))), rng.int(8, 20));
		let time = start;
		const pasos = t.pasos.slice(0, steps).map(([estado, nota], k) => {
			if (k > 0) time += rng.int(1, 20) * 86_400_000 + rng.int(0, 8) * 3_600_000;
			return { estado, nota, fecha: time };
		});
		const month = addMonths(SEED_LAST_PERIOD, -rng.int(1, 5));
		const datos: Record<string, unknown> =
			t.tipo === 'certificacion_negativa'
				? { desde: addMonths(month, -rng.int(0, 1)), hasta: month }
				: t.tipo === 'reclamo'
					? { motivo: 'pago_no_acreditado', periodo: month, detalle: 'No me acreditaron el pago del mes.' }
					: t.tipo === 'actualizacion_cbu'
						? { cbu: cbuFor(BOCAS_PAGO[0], rng.int(1, 99_999_999), 7) }
						: t.tipo === 'asignacion_nacimiento'
							? {
									hijoNombres: rng.pick(FEMALE_NAMES.younger),
									hijoApellidos: c.apellidos.split(' ')[0],
									hijoDni: childDni(rng, LAST_YEAR),
									fechaNacimiento: iso(LAST_YEAR, rng.int(1, 9), rng.int(1, 28))
								}
							: {};
		out.push({ tipo: t.tipo, datos, pasos });
	}

	/**
	 * Monotributo, autónomos, casas particulares, provincial pension funds, social programmes and
	 * Progresar, in shares of the generated adults that make each appear in a few thousand citizens:
	 * enough for the Certificación Negativa to be refused for reasons other than work and benefits.
	 */
	function registros(index: number, c: CitizenRow, age: number, trabaja: boolean): RegistroSeed[] {
		const rng = prngAt(registroWords, index);
		const out: RegistroSeed[] = [];
		const desde = (maxMeses: number) => addMonths(SEED_LAST_PERIOD, -rng.int(1, maxMeses));
		// Ongoing for most; ended some months ago for the rest (then the Negativa may cover the months after).
		const hasta = (inicio: string) => {
			if (rng.chance(0.7)) return null;
			const fin = addMonths(SEED_LAST_PERIOD, -rng.int(1, 14));
			return fin >= inicio ? fin : inicio;
		};
		const push = (tipo: RegistroSeed['tipo'], detalle: string, maxMeses: number) => {
			const d = desde(maxMeses);
			out.push({ tipo, detalle, desde: d, hasta: hasta(d) });
		};
		if (age >= 20 && age < 65 && !trabaja && rng.chance(0.05))
			push('monotributo', `Monotributo categoría ${rng.pick(CATEGORIAS_MONOTRIBUTO)}`, 96);
		if (age >= 25 && age < 65 && rng.chance(0.01)) push('autonomo', 'Trabajador autónomo, categoría I', 120);
		if (c.sexo === 'F' && age >= 22 && age < 65 && !trabaja && rng.chance(0.03)) {
			push('casas_particulares', 'Personal de casas particulares, cuarta categoría', 72);
			if (age <= 42 && rng.chance(0.05))
				push('maternidad_casas_particulares', 'Asignación por maternidad, casas particulares', 18);
		}
		if (age >= 25 && age < 65 && rng.chance(0.015))
			push('provincial_no_sipa', rng.pick(CAJAS_PROVINCIALES), 180);
		if (age >= 18 && age < 65 && !trabaja && rng.chance(0.03))
			push('programa_social', rng.pick(PROGRAMAS_SOCIALES), 48);
		if (age >= 18 && age <= 24 && rng.chance(0.06))
			push(
				'progresar',
				rng.chance(0.6)
					? 'Beca Progresar, nivel superior'
					: 'Beca Progresar, finalización de la educación obligatoria',
				36
			);
		return out;
	}

	function serviciosAt(index: number, c: CitizenRow): ServiciosSeed {
		const rng = prngAt(seedWords, index);
		const birthYear = Number(c.fechaNacimiento.slice(0, 4));
		const age = LAST_YEAR - birthYear;
		const prestaciones: PrestacionSeed[] = [];
		let empleos: EmpleoSeed[] = [];
		const tramitesOut: TramiteSeed[] = [];

		const retired = age >= (c.sexo === 'F' ? 60 : 65);
		if (retired) jubilado(rng, index, c, age, prestaciones);
		else if (age >= 20) {
			const worker = rng.chance(0.3);
			if (worker) empleos = historia(rng, c, age);
			const last = empleos.at(-1);
			if (
				last &&
				last.hasta !== null &&
				monthsBetween(last.hasta, SEED_LAST_PERIOD) <= 12 &&
				rng.chance(0.3)
			) {
				// Prestación por desempleo from the month after the job ended: 6 to 12 monthly instalments.
				const alta = addMonths(last.hasta, 1);
				const cuotas = rng.int(6, 12);
				const fin = addMonths(alta, cuotas);
				const over = fin <= SEED_LAST_PERIOD;
				prestaciones.push({
					...prestacionBase(rng, index, prestaciones.length),
					tipo: 'desempleo',
					denominacion: 'Prestación por desempleo',
					estado: over ? 'finalizada' : 'activa',
					motivo: over ? MOTIVOS.desempleoFin : MOTIVOS.desempleoActiva,
					alta: `${alta}-01`,
					baja: over ? `${fin}-01` : null,
					referencia: 'haber_minimo',
					milesimas: rng.int(450, 900)
				});
			}
			if (c.sexo === 'F' && age <= 45 && !worker && rng.chance(0.12)) {
				// AUH: one benefit per child, for mothers outside formal work.
				const n = rng.chance(0.45) ? 1 : rng.chance(0.65) ? 2 : rng.int(3, 4);
				const b = boca(rng);
				for (const kid of hijos(rng, c, n)) {
					const suspended = rng.chance(0.05);
					const alta = addMonths(monthOf(kid.nacimiento), rng.int(1, 4));
					prestaciones.push({
						tipo: 'auh',
						denominacion: 'Asignación Universal por Hijo',
						estado: suspended ? 'suspendida' : 'activa',
						motivo: suspended ? MOTIVOS.auhSinLibreta : MOTIVOS.auhActiva,
						alta: `${alta > SEED_LAST_PERIOD ? SEED_LAST_PERIOD : alta}-01`,
						baja: suspended ? `${addMonths(SEED_LAST_PERIOD, -rng.int(0, 6))}-01` : null,
						referencia: 'auh',
						milesimas: 1000,
						hijoNombre: kid.nombre,
						hijoDni: kid.dni,
						bocaPagoId: b.id,
						cbu: cbuFor(b, index, prestaciones.length)
					});
				}
			} else if (last && last.hasta === null && age >= 22 && age <= 50 && rng.chance(0.15)) {
				// Asignación Familiar por Hijo (SUAF) for employees, by income bracket.
				const b = boca(rng);
				const tramo = rng.pick([1000, 1000, 675, 405]);
				for (const kid of hijos(rng, c, rng.int(1, 2)))
					prestaciones.push({
						tipo: 'asignacion_familiar',
						denominacion: 'Asignación Familiar por Hijo',
						estado: 'activa',
						motivo: MOTIVOS.asignacionActiva,
						alta: `${addMonths(monthOf(kid.nacimiento), 1) > SEED_LAST_PERIOD ? SEED_LAST_PERIOD : addMonths(monthOf(kid.nacimiento), 1)}-01`,
						baja: null,
						referencia: 'auh',
						milesimas: tramo,
						hijoNombre: kid.nombre,
						hijoDni: kid.dni,
						bocaPagoId: b.id,
						cbu: cbuFor(b, index, prestaciones.length)
					});
			}
		}
		if (rng.chance(0.03)) tramites(rng, c, age, tramitesOut);
		const trabaja = empleos.at(-1)?.hasta === null;
		const otros = registros(index, c, age, trabaja);
		return otros.length > 0
			? { prestaciones, empleos, tramites: tramitesOut, registros: otros }
			: { prestaciones, empleos, tramites: tramitesOut };
	}

	return { employers, serviciosAt };
}

// --- The demo accounts: hand-made, so each tells its story on every screen. ------------------------

const BOCA_ONCE = BOCAS_PAGO.find((b) => b.sucursal.startsWith('0085 Once'))!;
const BOCA_TUCUMAN = BOCAS_PAGO.find((b) => b.sucursal.includes('Tucumán'))!;

/**
 * The four employers of Martín's historia laboral, then Sofía's two, with CUITs that pass the check
 * digit. New employers go at the end: Martín's are referred to by position.
 */
export const DEMO_EMPLOYERS: EmployerSeed[] = [
	{ cuit: companyCuit('30', 70_812_344), razonSocial: 'Ferretería El Tornillo S.R.L.' },
	{ cuit: companyCuit('30', 54_665_123), razonSocial: 'Metalúrgica Córdoba Norte S.A.' },
	{ cuit: companyCuit('33', 71_045_778), razonSocial: 'Logística Mediterránea S.A.' },
	{ cuit: companyCuit('30', 68_230_915), razonSocial: 'Laboratorios San Jerónimo S.A.' },
	{ cuit: companyCuit('30', 71_533_906), razonSocial: 'Panadería La Espiga de Paraná S.R.L.' },
	{ cuit: companyCuit('30', 69_410_287), razonSocial: 'Supermercados del Litoral S.A.' }
];

/** Keyed by DNI. Lucas has nothing yet: he has not even created his clave. */
export const DEMO_SERVICIOS: Record<number, ServiciosSeed> = {
	// Rosa: jubilada since 2010, paid at the haber mínimo plus the bono; 24 months of recibos.
	5_123_456: {
		prestaciones: [
			{
				tipo: 'jubilacion',
				denominacion: 'Jubilación ordinaria',
				estado: 'activa',
				motivo: MOTIVOS.jubilacionActiva,
				alta: '2010-05-03',
				baja: null,
				referencia: 'haber_minimo',
				milesimas: 1000,
				hijoNombre: null,
				hijoDni: null,
				bocaPagoId: BOCA_ONCE.id,
				cbu: buildCbu('011', '0085', '2000512345601')
			}
		],
		empleos: [],
		tramites: [
			{
				tipo: 'reclamo',
				datos: {
					motivo: 'pago_no_acreditado',
					periodo: '2026-03',
					detalle: 'El 18 de marzo fui al banco y el pago no estaba.'
				},
				pasos: [
					{
						estado: 'iniciado',
						nota: 'Recibimos tu reclamo. Te vamos a responder por este medio.',
						fecha: at('2026-03-18', 11)
					},
					{
						estado: 'en_analisis',
						nota: 'Un equipo de ANSES está revisando tu reclamo.',
						fecha: at('2026-03-19', 9)
					},
					{
						estado: 'resuelto',
						nota: 'El pago de marzo se acreditó el 20 de marzo, después del feriado. Ya está en tu cuenta.',
						fecha: at('2026-03-23', 15)
					}
				]
			}
		],
		domicilio: {
			calle: 'Av. Rivadavia',
			numero: '4321',
			piso: '3',
			depto: 'A',
			localidad: 'Ciudad Autónoma de Buenos Aires',
			provincia: 'Ciudad Autónoma de Buenos Aires',
			codigoPostal: 'C1205AAD'
		}
	},
	// Martín: 19 years of aportes with four employers and a visible gap (September 2014 to March 2016).
	30_456_789: {
		prestaciones: [],
		empleos: [
			{ cuit: DEMO_EMPLOYERS[0].cuit, desde: '2006-03', hasta: '2009-12', base: 110_000_000 },
			{ cuit: DEMO_EMPLOYERS[1].cuit, desde: '2010-02', hasta: '2014-08', base: 170_000_000 },
			{ cuit: DEMO_EMPLOYERS[2].cuit, desde: '2016-04', hasta: '2021-06', base: 210_000_000 },
			{ cuit: DEMO_EMPLOYERS[3].cuit, desde: '2021-07', hasta: null, base: 260_000_000 }
		],
		tramites: [
			{
				tipo: 'reclamo',
				datos: {
					motivo: 'datos_incorrectos',
					detalle: 'En Logística Mediterránea figura que entré en abril de 2016 y entré en marzo.'
				},
				pasos: [
					{
						estado: 'iniciado',
						nota: 'Recibimos tu reclamo. Te vamos a responder por este medio.',
						fecha: at('2026-10-02', 18)
					},
					{
						estado: 'requiere_documentacion',
						nota: 'Para corregir la fecha necesitamos tu recibo de sueldo de marzo de 2016 o la certificación de servicios (PS 6.2).',
						fecha: at('2026-10-09', 12)
					}
				]
			}
		],
		domicilio: {
			calle: 'Bv. San Juan',
			numero: '850',
			piso: '7',
			depto: 'C',
			localidad: 'Córdoba',
			provincia: 'Córdoba',
			codigoPostal: 'X5000ATQ'
		}
	},
	// Daiana: AUH for her two children, 80 % monthly with the 20 % held until the Libreta.
	38_765_432: {
		prestaciones: [
			{
				tipo: 'auh',
				denominacion: 'Asignación Universal por Hijo',
				estado: 'activa',
				motivo: MOTIVOS.auhActiva,
				alta: '2016-05-02',
				baja: null,
				referencia: 'auh',
				milesimas: 1000,
				hijoNombre: 'Thiago Benjamín Acosta',
				hijoDni: '55312884',
				bocaPagoId: BOCA_TUCUMAN.id,
				cbu: buildCbu('285', '0590', '3876543200001')
			},
			{
				tipo: 'auh',
				denominacion: 'Asignación Universal por Hijo',
				estado: 'activa',
				motivo: MOTIVOS.auhActiva,
				alta: '2020-10-01',
				baja: null,
				referencia: 'auh',
				milesimas: 1000,
				hijoNombre: 'Mía Valentina Acosta',
				hijoDni: '58907215',
				bocaPagoId: BOCA_TUCUMAN.id,
				cbu: buildCbu('285', '0590', '3876543200001')
			}
		],
		empleos: [],
		tramites: [
			{
				tipo: 'certificacion_negativa',
				datos: { desde: '2026-07', hasta: '2026-09' },
				pasos: [
					{ estado: 'iniciado', nota: 'Recibimos tu pedido.', fecha: at('2026-10-14', 20) },
					{
						estado: 'resuelto',
						nota: 'La certificación está lista para descargar. Vale 30 días.',
						fecha: at('2026-10-14', 20) + 60_000
					}
				]
			}
		],
		domicilio: {
			calle: 'Pasaje Los Lapachos',
			numero: '1275',
			piso: null,
			depto: null,
			localidad: 'San Miguel de Tucumán',
			provincia: 'Tucumán',
			codigoPostal: 'T4000'
		}
	},
	// Sofía: a summer job at 17 and a year at a supermarket, which ended in March 2026; she studies now
	// and has no benefit and no other record, so the Certificación Negativa for the last six months is
	// issued, and servicios and aportes certify her two jobs.
	49_012_345: {
		prestaciones: [],
		empleos: [
			{ cuit: DEMO_EMPLOYERS[4].cuit, desde: '2024-12', hasta: '2025-02', base: 95_000_000 },
			{ cuit: DEMO_EMPLOYERS[5].cuit, desde: '2025-04', hasta: '2026-03', base: 120_000_000 }
		],
		tramites: [],
		domicilio: {
			calle: 'Calle Buenos Aires',
			numero: '1680',
			piso: null,
			depto: null,
			localidad: 'Paraná',
			provincia: 'Entre Ríos',
			codigoPostal: 'E3100'
		}
	}
};

/**
 * Deterministic demo citizens. Pure TypeScript with no Node APIs, so that unit tests, the seed CLI and
 * anything else can produce the same people from the same seed string.
 *
 * Row i is computed on its own (`citizenAt(i)`), never from the rows before it: a million rows stream
 * out without being held in memory, and a test can look at row 123 456 without generating the rest.
 */
import { cuilForDni, type Sex } from '../../src/lib/domain/cuil';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { AREA_CODES, EMAIL_DOMAINS, FEMALE_NAMES, MALE_NAMES, SURNAMES, type GivenNames } from './data';
import { createPrng, hashString, mix32, prngAt, type Prng } from './prng';

export const DEFAULT_SEED = 'mi-anses-2026';

/** Ages are counted on this day, so that the same seed gives the same people whatever today is. */
export const REFERENCE_YEAR = 2026;

export interface CitizenRow {
	/** Canonical eleven digits, as stored. */
	cuil: string;
	/** Without left padding, as stored. */
	dni: string;
	nombres: string;
	apellidos: string;
	sexo: Sex;
	/** ISO date, yyyy-mm-dd. */
	fechaNacimiento: string;
	email: string | null;
	/** As Argentines write a mobile: `+54 9 351 555-0192`. */
	telefono: string | null;
	/** The número de trámite of the DNI card: 11 digits. */
	dniTramite: string;
	nivel: 2 | 3;
}

/** Born 1931–2007: aged 18 to 95 on 1 January of the reference year. */
const FIRST_YEAR = REFERENCE_YEAR - 95;
const LAST_YEAR = REFERENCE_YEAR - 18 - 1;

/**
 * Roughly the first DNI issued to people born on 1 January of each year. Argentine DNIs grow with
 * birth date (older people hold low numbers from the Libreta de Enrolamiento and Libreta Cívica), so a
 * number far from its owner's age is a tell in demos. Years in between are interpolated.
 */
const DNI_BY_BIRTH_YEAR: readonly (readonly [number, number])[] = [
	[1930, 2_600_000],
	[1940, 4_000_000],
	[1950, 6_200_000],
	[1960, 13_500_000],
	[1970, 20_500_000],
	[1980, 28_000_000],
	[1990, 35_000_000],
	[2000, 42_000_000],
	[2007, 48_000_000],
	[2010, 51_000_000]
];

function firstDniOf(year: number): number {
	for (let j = 1; j < DNI_BY_BIRTH_YEAR.length; j++) {
		const [y1, d1] = DNI_BY_BIRTH_YEAR[j];
		if (year <= y1) {
			const [y0, d0] = DNI_BY_BIRTH_YEAR[j - 1];
			return Math.round(d0 + ((d1 - d0) * (year - y0)) / (y1 - y0));
		}
	}
	throw new Error(`No DNI band for ${year}`);
}

/**
 * Relative share of adults by age, shaped like Argentina's population pyramid: flat through working
 * age, thinning after 60 and sharply after 80.
 */
function ageWeight(age: number): number {
	if (age < 45) return 1;
	if (age < 60) return 0.9;
	if (age < 70) return 0.72;
	if (age < 80) return 0.45;
	if (age < 90) return 0.18;
	return 0.05;
}

/**
 * Rows are dealt to birth years in a repeating, shuffled pattern of this many slots. Knowing the slot
 * and the lap gives each row a distinct place in its year's DNI band (see `createCitizenGenerator`).
 */
const PATTERN_SLOTS = 2000;

const DEMO_DNIS = DEMO_ACCOUNTS.map((a) => a.dni).sort((a, b) => a - b);

interface YearBand {
	year: number;
	firstDni: number;
	/** DNIs in the band, demo DNIs excluded. */
	size: number;
	/** Demo DNIs inside the band, ascending. */
	skipped: number[];
	/** Slots of the pattern dealt to this year. */
	slots: number;
	/** Feistel round keys for this band, from the seed. */
	keys: [number, number, number, number];
}

export interface CitizenGenerator {
	readonly seed: string;
	/** How many rows this generator can produce before a birth year runs out of DNIs. */
	readonly maxCount: number;
	citizenAt(index: number): CitizenRow;
}

export function createCitizenGenerator(seed: string = DEFAULT_SEED): CitizenGenerator {
	const seedWords = hashString(seed);
	const setup = createPrng(`${seed}/years`);

	const bands: YearBand[] = [];
	for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
		const firstDni = firstDniOf(year);
		const end = firstDniOf(year + 1);
		const skipped = DEMO_DNIS.filter((d) => d >= firstDni && d < end);
		const k = mix32(seedWords[0] ^ year);
		bands.push({
			year,
			firstDni,
			size: end - firstDni - skipped.length,
			skipped,
			slots: 0,
			keys: [mix32(k ^ 1), mix32(k ^ 2), mix32(k ^ 3), mix32(k ^ 4)]
		});
	}

	// Largest-remainder apportionment, so that the pattern holds exactly PATTERN_SLOTS slots.
	const weights = bands.map((b) => ageWeight(REFERENCE_YEAR - 1 - b.year));
	const total = weights.reduce((s, w) => s + w, 0);
	const exact = weights.map((w) => (w / total) * PATTERN_SLOTS);
	bands.forEach((b, j) => (b.slots = Math.floor(exact[j])));
	let left = PATTERN_SLOTS - bands.reduce((s, b) => s + b.slots, 0);
	const byRemainder = bands
		.map((_, j) => j)
		.sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])));
	for (const j of byRemainder) if (left-- > 0) bands[j].slots++;

	const pattern: YearBand[] = bands.flatMap((b) => Array<YearBand>(b.slots).fill(b));
	for (let j = pattern.length - 1; j > 0; j--) {
		const r = setup.int(0, j);
		[pattern[j], pattern[r]] = [pattern[r], pattern[j]];
	}
	// rank[s]: how many earlier slots in the pattern went to the same year.
	const seen = new Map<YearBand, number>();
	const rank = pattern.map((b) => {
		const n = seen.get(b) ?? 0;
		seen.set(b, n + 1);
		return n;
	});

	const maxCount = Math.min(
		...bands.filter((b) => b.slots > 0).map((b) => Math.floor(b.size / b.slots) * PATTERN_SLOTS)
	);

	function citizenAt(index: number): CitizenRow {
		if (!Number.isSafeInteger(index) || index < 0 || index >= maxCount)
			throw new RangeError(`Row ${index} is outside 0..${maxCount - 1} for this seed`);
		// Row i takes slot i mod N of lap i div N; within its year that is the place
		// lap × (slots of the year) + rank. Distinct rows get distinct places, and a bijection turns each
		// place into a distinct DNI of the band: uniqueness holds by construction, not by chance.
		const slot = index % PATTERN_SLOTS;
		const lap = Math.floor(index / PATTERN_SLOTS);
		const band = pattern[slot];
		const place = lap * band.slots + rank[slot];
		const dni = dniInBand(band, place);

		const rng = prngAt(seedWords, index);
		const sexo: Sex = rng.chance(0.002) ? 'X' : rng.chance(0.515) ? 'F' : 'M';
		const names =
			sexo === 'F' ? FEMALE_NAMES : sexo === 'M' ? MALE_NAMES : rng.pick([FEMALE_NAMES, MALE_NAMES]);
		const nombres = givenNames(rng, names, band.year);
		const apellidos = surnames(rng);
		const fechaNacimiento = dateInYear(rng, band.year);
		const email = rng.chance(0.85) ? emailFor(rng, nombres, apellidos, band.year) : null;
		const telefono = rng.chance(0.9) ? mobileNumber(rng) : null;
		// Drawn last, so adding it left every earlier field of every row as it was.
		const dniTramite = `00${String(rng.int(0, 99_999)).padStart(5, '0')}${String(rng.int(0, 9_999)).padStart(4, '0')}`;

		return {
			cuil: cuilForDni(dni, sexo),
			dni: String(dni),
			nombres,
			apellidos,
			sexo,
			fechaNacimiento,
			email,
			telefono,
			dniTramite,
			nivel: 2
		};
	}

	return { seed, maxCount, citizenAt };
}

export function* generateCitizens({
	count,
	seed = DEFAULT_SEED,
	start = 0
}: {
	count: number;
	seed?: string;
	/** First row index, to produce a run in parts. */
	start?: number;
}): Generator<CitizenRow> {
	const generator = createCitizenGenerator(seed);
	if (start + count > generator.maxCount)
		throw new RangeError(`Seed "${seed}" can produce at most ${generator.maxCount} citizens`);
	for (let i = start; i < start + count; i++) yield generator.citizenAt(i);
}

/** The README's named accounts in the same shape as generated rows. */
export function demoCitizenRows(): CitizenRow[] {
	return DEMO_ACCOUNTS.map((a) => ({
		cuil: cuilForDni(a.dni, a.sexo),
		dni: String(a.dni),
		nombres: a.nombres,
		apellidos: a.apellidos,
		sexo: a.sexo,
		fechaNacimiento: a.fechaNacimiento,
		email: a.email,
		telefono: a.telefono,
		dniTramite: a.dniTramite,
		nivel: a.nivel
	}));
}

function dniInBand(band: YearBand, place: number): number {
	let dni = band.firstDni + permute(place, band.size, band.keys);
	// Step over the demo DNIs: the band without them is what the permutation covers.
	for (const skip of band.skipped) if (dni >= skip) dni++;
	return dni;
}

/**
 * A keyed bijection on 0..n−1: a four-round Feistel network over the smallest even number of bits that
 * covers n, walking the cycle until the value falls back inside the range. Every place maps to a
 * different number, and consecutive rows do not get consecutive DNIs.
 */
function permute(x: number, n: number, keys: readonly number[]): number {
	const half = Math.max(1, Math.ceil(Math.ceil(Math.log2(n)) / 2));
	const mask = (1 << half) - 1;
	do {
		let left = x >>> half;
		let right = x & mask;
		for (const key of keys) {
			const next = left ^ (mix32(right ^ key) & mask);
			left = right;
			right = next;
		}
		x = ((left << half) | right) >>> 0;
	} while (x >= n);
	return x;
}

function givenNames(rng: Prng, names: GivenNames, year: number): string {
	const pool =
		year < 1965
			? rng.chance(0.6)
				? names.older
				: names.any
			: year >= 1990
				? rng.chance(0.6)
					? names.younger
					: names.any
				: names.any;
	const first = rng.pick(pool);
	if (first.includes(' ') || !rng.chance(0.55)) return first;
	// A second name is drawn from the same generation; compound names ("María José") stay alone.
	for (let tries = 0; tries < 4; tries++) {
		const second = rng.pick(pool);
		if (!second.includes(' ') && second !== first) return `${first} ${second}`;
	}
	return first;
}

function surnames(rng: Prng): string {
	const first = rng.pick(SURNAMES);
	if (first.includes(' ') || !rng.chance(0.15)) return first;
	const second = rng.pick(SURNAMES);
	return second === first || second.includes(' ') ? first : `${first} ${second}`;
}

function dateInYear(rng: Prng, year: number): string {
	const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
	const day = new Date(Date.UTC(year, 0, 1 + rng.int(0, days - 1)));
	return day.toISOString().slice(0, 10);
}

/** ASCII for email local parts: "Núñez" → "nunez", "Agüero" → "aguero", "Ruiz Díaz" → "ruizdiaz". */
export function asciiFold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z]/g, '');
}

function emailFor(rng: Prng, nombres: string, apellidos: string, year: number): string {
	const name = asciiFold(nombres.split(' ')[0]);
	const surname = asciiFold(SURNAMES.includes(apellidos) ? apellidos : apellidos.split(' ')[0]);
	const number = rng.chance(0.5) ? String(year % 100).padStart(2, '0') : String(rng.int(1, 9999));
	const local = rng.pick([
		`${name}.${surname}`,
		`${name}${surname}`,
		`${name[0]}${surname}`,
		`${surname}.${name}`,
		`${name}_${surname}`
	]);
	return `${local}${number}@${rng.pick(EMAIL_DOMAINS)}`;
}

const AREA_WEIGHT_TOTAL = AREA_CODES.reduce((s, a) => s + a.weight, 0);

/** A mobile as dialled from abroad: area code and subscriber number always add up to ten digits. */
function mobileNumber(rng: Prng): string {
	let r = rng.next() * AREA_WEIGHT_TOTAL;
	let area = AREA_CODES[AREA_CODES.length - 1].code;
	for (const a of AREA_CODES) {
		if ((r -= a.weight) < 0) {
			area = a.code;
			break;
		}
	}
	let subscriber = String(rng.int(2, 6));
	while (subscriber.length < 10 - area.length) subscriber += String(rng.int(0, 9));
	// Argentines group the last four digits: 11 4567-1234, 351 555-0192, 2966 12-3456.
	return `+54 9 ${area} ${subscriber.slice(0, -4)}-${subscriber.slice(-4)}`;
}

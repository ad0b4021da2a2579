/**
 * The policy for choosing a Clave de Seguridad Social, written once for the page (live checklist) and the
 * Worker (the verdict that counts). This module is the cheap, synchronous part: length, character classes
 * and personal data. The strength estimate needs zxcvbn's dictionaries and lives in `clave-strength.ts`,
 * loaded only on the screens that set a clave; the history and breached-list checks need the Worker's data,
 * so here there are only their words.
 */
import { CLAVE_MAX_LENGTH, claveLength } from './clave';

/** ASVS 5.0 6.2.1 and NIST 800-63B 3.1.1.2: at least 8 characters. */
export const CLAVE_MIN_LENGTH = 8;

/** ANSES's own rule: a new clave differs from the last five (checked by the Worker, which keeps their hashes). */
export const CLAVE_HISTORY_SIZE = 5;

/** What the page and the Worker know about the person choosing the clave. */
export interface PersonalData {
	/** Eleven digits; separators are tolerated. */
	cuil: string;
	/** Digits, with or without dots. */
	dni: string;
	nombres: string;
	apellidos: string;
	/** ISO `yyyy-mm-dd`. */
	fechaNacimiento: string;
	email?: string | null;
}

export type PolicyRule =
	'longitud' | 'combinacion' | 'datos_personales' | 'fortaleza' | 'repetida' | 'filtrada';

export interface PolicyCheck {
	rule: PolicyRule;
	ok: boolean;
	/** Spanish, for the person: the rule when it is met, what is wrong when it is not. Never echoes the clave. */
	message: string;
}

/** The checklist, in the order the page shows it and the Worker reports it. */
export const POLICY_LABELS: readonly { rule: PolicyRule; label: string }[] = [
	{ rule: 'longitud', label: `Tiene entre ${CLAVE_MIN_LENGTH} y ${CLAVE_MAX_LENGTH} caracteres` },
	{ rule: 'combinacion', label: 'Combina letras, números y símbolos' },
	{
		rule: 'datos_personales',
		label: 'No incluye tus datos personales (CUIL, DNI, fecha de nacimiento, nombre o correo)'
	},
	{ rule: 'fortaleza', label: 'Es difícil de adivinar' },
	{ rule: 'repetida', label: `No es ninguna de tus últimas ${CLAVE_HISTORY_SIZE} claves` },
	{ rule: 'filtrada', label: 'No está entre las claves más usadas y filtradas' }
];

export function policyLabel(rule: PolicyRule): string {
	return POLICY_LABELS.find((l) => l.rule === rule)!.label;
}

/** A met rule reads as its checklist label; a failed one says what is wrong. */
export function policyCheck(rule: PolicyRule, ok: boolean, failure: string): PolicyCheck {
	return { rule, ok, message: ok ? policyLabel(rule) : failure };
}

/** The Worker's history check, in the same words as the rest of the checklist. */
export function repeatedCheck(isRepeated: boolean): PolicyCheck {
	return policyCheck(
		'repetida',
		!isRepeated,
		`Es una de tus últimas ${CLAVE_HISTORY_SIZE} claves: elegí una nueva`
	);
}

/** The breached-list check (ASVS 5.0 6.2.4 and 6.2.12), in the checklist's words. */
export function breachedCheck(isBreached: boolean): PolicyCheck {
	return policyCheck('filtrada', !isBreached, 'Es una de las claves más usadas y filtradas');
}

// ---------------------------------------------------------------------------------------------------------
// Personal data (ASVS 5.0 6.2.11: context-specific words, here the person's own identifiers)

export type PersonalDatum = 'cuil' | 'dni' | 'fechaNacimiento' | 'nombre' | 'apellido' | 'email';

const DATUM_WORDS: Record<PersonalDatum, string> = {
	cuil: 'tu CUIL',
	dni: 'tu DNI',
	fechaNacimiento: 'tu fecha de nacimiento',
	nombre: 'tu nombre',
	apellido: 'tu apellido',
	email: 'tu correo'
};

/**
 * Particles of Spanish and Italian surnames ("María de los Ángeles del Valle"): three letters or more,
 * yet blocking them would forbid ordinary words (modelo, solos) without protecting anything.
 */
const NAME_PARTICLES = new Set(['del', 'las', 'los', 'van', 'von', 'der', 'dos', 'das']);

/** Lower case without accents, so that "Martín", "MARTIN" and "martin" are one name. */
export function foldText(text: string): string {
	return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/**
 * The clave with separators between digits removed, so that one comparison catches 28.111.839,
 * 28 111 839 and 28111839, or 15/03/1980 and 15-03-1980 and 15031980.
 */
function joinDigitGroups(text: string): string {
	return text.replace(/(?<=\d)[\s./\-_,]+(?=\d)/g, '');
}

function digitsOf(text: string): string {
	return text.replace(/\D/g, '');
}

/** 28111839 → 28.111.839, the way the DNI card prints it. */
function withThousandsDots(digits: string): string {
	return digits.replace(/\B(?=(\d{3})+$)/g, '.');
}

interface Fragments {
	/** Compared against the clave with digit groups joined. */
	digits: string[];
	/** Compared against the folded clave. */
	text: string[];
	/** Written forms only zxcvbn uses, as it does not join digit groups. */
	written: string[];
}

function dateFragments(iso: string): Fragments {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
	if (!m) return { digits: [], text: [], written: [] };
	const [, yyyy, mm, dd] = m;
	const yy = yyyy.slice(2);
	const d = String(Number(dd));
	const mo = String(Number(mm));
	const digits = [
		dd + mm + yyyy, // 15031980
		dd + mm + yy, // 150380
		dd + mm, // 1503
		yyyy, // 1980
		yyyy + mm + dd, // 19800315
		yy + mm + dd, // 800315
		d + mo + yyyy, // 1531980 (15/3/1980 written without zeros)
		d + mo + yy
	].filter((f) => f.length >= 4);
	const written = [
		`${dd}/${mm}/${yyyy}`,
		`${dd}-${mm}-${yyyy}`,
		`${dd}.${mm}.${yyyy}`,
		`${dd}/${mm}/${yy}`,
		`${d}/${mo}/${yyyy}`,
		`${yyyy}-${mm}-${dd}`
	];
	return { digits: unique(digits), text: [], written: unique(written) };
}

function nameWords(names: string): string[] {
	return foldText(names)
		.split(/[^\p{L}]+/u)
		.filter((w) => [...w].length >= 3 && !NAME_PARTICLES.has(w));
}

function fragmentsByDatum(personal: PersonalData): [PersonalDatum, Fragments][] {
	const none: string[] = [];
	const cuil = digitsOf(personal.cuil ?? '');
	const dni = digitsOf(personal.dni ?? '').replace(/^0+/, '');
	const local = foldText((personal.email ?? '').split('@')[0].trim());
	const localAlnum = local.replace(/[^\p{L}\p{N}]/gu, '');
	return [
		[
			'cuil',
			{
				digits: cuil.length === 11 ? [cuil] : none,
				text: none,
				written: cuil.length === 11 ? [`${cuil.slice(0, 2)}-${cuil.slice(2, 10)}-${cuil.slice(10)}`] : none
			}
		],
		[
			'dni',
			{
				// Very short numbers would forbid ordinary digit runs; real DNIs have 7 or 8 digits.
				digits: dni.length >= 6 ? unique([dni, dni.padStart(8, '0')]) : none,
				text: none,
				written: dni.length >= 6 ? [withThousandsDots(dni)] : none
			}
		],
		['fechaNacimiento', dateFragments(personal.fechaNacimiento ?? '')],
		['nombre', { digits: none, text: nameWords(personal.nombres ?? ''), written: none }],
		['apellido', { digits: none, text: nameWords(personal.apellidos ?? ''), written: none }],
		[
			'email',
			{
				digits: none,
				text: [...local].length >= 3 ? unique([local, localAlnum].filter((f) => [...f].length >= 3)) : none,
				written: none
			}
		]
	];
}

function unique(list: string[]): string[] {
	return [...new Set(list)];
}

/**
 * Every form of the person's data a clave must not contain: CUIL with and without dashes, DNI with and
 * without dots, the birth date as people write it (15/03/1980, 15031980, 150380, 1503, 1980, 19800315…),
 * each name and surname of three letters or more, the email's local part. Lower case, without accents.
 * zxcvbn receives the same list as user inputs, so a clave that merely resembles them also scores low.
 */
export function personalFragments(personal: PersonalData): string[] {
	return unique(fragmentsByDatum(personal).flatMap(([, f]) => [...f.digits, ...f.written, ...f.text]));
}

/** Which of the person's data the clave contains, in checklist order; empty when none. */
export function personalDataIn(clave: string, personal: PersonalData): PersonalDatum[] {
	const folded = foldText(clave);
	const joined = joinDigitGroups(folded);
	const found: PersonalDatum[] = [];
	for (const [datum, f] of fragmentsByDatum(personal)) {
		// The CUIL contains the DNI: naming both would be noise.
		if (datum === 'dni' && found.includes('cuil')) continue;
		if (f.digits.some((d) => joined.includes(d)) || f.text.some((t) => folded.includes(t))) {
			found.push(datum);
		}
	}
	return found;
}

function listInSpanish(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------------
// The synchronous rules

function lengthCheck(clave: string): PolicyCheck {
	const n = claveLength(clave);
	const failure =
		n < CLAVE_MIN_LENGTH
			? `Tiene menos de ${CLAVE_MIN_LENGTH} caracteres`
			: `Tiene más de ${CLAVE_MAX_LENGTH} caracteres`;
	return policyCheck('longitud', n >= CLAVE_MIN_LENGTH && n <= CLAVE_MAX_LENGTH, failure);
}

/**
 * The rule citizens already know from ANSES, kept because the issue asks for it although ASVS 5.0 6.2.5
 * and NIST 800-63B advise against composition rules; zxcvbn, not this rule, is what keeps claves strong.
 * Accented letters and ñ are letters; a space or anything else that is neither letter nor digit is a symbol.
 */
function combinationCheck(clave: string): PolicyCheck {
	const text = clave.normalize('NFKC');
	const missing: string[] = [];
	if (!/\p{L}/u.test(text)) missing.push('letras');
	if (!/\p{N}/u.test(text)) missing.push('números');
	if (!/[^\p{L}\p{M}\p{N}]/u.test(text)) missing.push('símbolos');
	const hint = missing.includes('símbolos') ? ' (sirve un espacio, un guion o un punto)' : '';
	return policyCheck('combinacion', missing.length === 0, `Le faltan ${listInSpanish(missing)}${hint}`);
}

function personalDataCheck(clave: string, personal: PersonalData): PolicyCheck {
	const found = personalDataIn(clave, personal);
	return policyCheck(
		'datos_personales',
		found.length === 0,
		`Incluye ${listInSpanish(found.map((d) => DATUM_WORDS[d]))}`
	);
}

/** Length, combination and personal data: cheap enough to run on every keystroke. */
export function checkClaveRules(clave: string, personal: PersonalData): PolicyCheck[] {
	return [lengthCheck(clave), combinationCheck(clave), personalDataCheck(clave, personal)];
}

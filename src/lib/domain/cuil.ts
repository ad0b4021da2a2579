/**
 * CUIL (Código Único de Identificación Laboral) rules, written once for the page and the Worker.
 *
 * Format `PP-NNNNNNNN-D`: PP is 20 (men), 27 (women), 23 or 24 (when the usual prefix collides, and for
 * those who prefer no sex marker); NNNNNNNN is the DNI left-padded to eight digits; D is a mod-11 check
 * digit over the first ten digits with weights 5,4,3,2,7,6,5,4,3,2. CUITs of companies (30, 33, 34)
 * share the check digit but are not CUILs of people.
 */

export const CUIL_PREFIXES = ['20', '23', '24', '27'] as const;
export type CuilPrefix = (typeof CUIL_PREFIXES)[number];

const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Separators people type or paste between the three parts: dashes, spaces, dots. */
const SEPARATORS = /[\s.\-‐-―]/g;

/**
 * The check digit for the first ten digits, or `null` when the remainder is 1 (no valid digit exists:
 * ANSES reissues such numbers with prefix 23).
 */
export function cuilCheckDigit(firstTen: string): number | null {
	if (!/^\d{10}$/.test(firstTen)) throw new Error('cuilCheckDigit needs exactly ten digits');
	let sum = 0;
	for (let i = 0; i < 10; i++) sum += Number(firstTen[i]) * WEIGHTS[i];
	const r = sum % 11;
	if (r === 0) return 0;
	if (r === 1) return null;
	return 11 - r;
}

/** Digits only, separators removed; other characters are kept so that validation can reject them. */
export function stripCuil(input: string): string {
	return input.replace(SEPARATORS, '');
}

export type CuilProblem = 'empty' | 'characters' | 'incomplete' | 'too-long' | 'prefix' | 'check-digit';

export type CuilResult = { ok: true; cuil: string } | { ok: false; problem: CuilProblem };

/**
 * Parses a CUIL typed with or without separators (`20-12345678-6`, `20123456786`, `20 12345678 6`).
 * On success `cuil` is the canonical eleven digits, the form stored and compared everywhere.
 */
export function parseCuil(input: string): CuilResult {
	const digits = stripCuil(input.trim());
	if (digits === '') return { ok: false, problem: 'empty' };
	if (!/^\d+$/.test(digits)) return { ok: false, problem: 'characters' };
	if (digits.length < 11) return { ok: false, problem: 'incomplete' };
	if (digits.length > 11) return { ok: false, problem: 'too-long' };
	if (!(CUIL_PREFIXES as readonly string[]).includes(digits.slice(0, 2)))
		return { ok: false, problem: 'prefix' };
	const expected = cuilCheckDigit(digits.slice(0, 10));
	if (expected === null || expected !== Number(digits[10])) return { ok: false, problem: 'check-digit' };
	return { ok: true, cuil: digits };
}

export function isValidCuil(input: string): boolean {
	return parseCuil(input).ok;
}

/** CUIT prefixes: people (as CUIL) and companies (30, 33, 34), e.g. employers in the historia laboral. */
export const CUIT_PREFIXES = [...CUIL_PREFIXES, '30', '33', '34'] as const;

/** A CUIT (a person's or a company's) with or without separators, as canonical digits, or null. */
export function parseCuit(input: string): string | null {
	const digits = stripCuil(input.trim());
	if (!/^\d{11}$/.test(digits)) return null;
	if (!(CUIT_PREFIXES as readonly string[]).includes(digits.slice(0, 2))) return null;
	return cuilCheckDigit(digits.slice(0, 10)) === Number(digits[10]) ? digits : null;
}

/**
 * Formats what has been typed so far as `PP-NNNNNNNN-D`, for live formatting in the field. Characters
 * that are not digits are dropped, and anything past eleven digits is kept (not cut) so that a pasted
 * wrong number is visible and reported rather than silently truncated.
 */
export function formatCuil(input: string): string {
	const digits = input.replace(/\D/g, '');
	if (digits.length <= 2) return digits;
	if (digits.length <= 10) return `${digits.slice(0, 2)}-${digits.slice(2)}`;
	return `${digits.slice(0, 2)}-${digits.slice(2, 10)}-${digits.slice(10)}`;
}

export type Sex = 'F' | 'M' | 'X';

/**
 * The CUIL ANSES assigns to a DNI: prefix 20 (men) or 27 (women), 23 otherwise. When the check digit
 * does not exist for that prefix (remainder 1), the number is reissued with prefix 23 and check digit
 * 9 for men or 4 for women (shared/DOMAIN.md).
 */
export function cuilForDni(dni: number | string, sex: Sex): string {
	const body = String(dni).padStart(8, '0');
	if (!/^\d{8}$/.test(body)) throw new Error('A DNI has at most eight digits');
	const prefix = sex === 'M' ? '20' : sex === 'F' ? '27' : '23';
	const digit = cuilCheckDigit(prefix + body);
	if (digit !== null) return prefix + body + digit;
	if (prefix === '23') {
		// 23 + body has no valid digit: the next prefix used for people is 24.
		const d24 = cuilCheckDigit('24' + body);
		if (d24 !== null) return '24' + body + d24;
		throw new Error('No CUIL exists for this DNI');
	}
	return '23' + body + (sex === 'M' ? '9' : '4');
}

/** The DNI inside a canonical CUIL, without left padding. */
export function dniFromCuil(cuil: string): string {
	return String(Number(cuil.slice(2, 10)));
}

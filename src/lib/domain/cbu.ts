/**
 * CBU (Clave Bancaria Uniforme): the 22 digits of the bank account a benefit is paid into.
 *
 * Two blocks, each closed by a check digit (BCRA, Comunicación "A" 2556; shared/DOMAIN.md):
 * block 1 = bank (3) + branch (4) + check digit, weights 7,1,3,9,7,1,3;
 * block 2 = account (13) + check digit, weights 3,9,7,1,3,9,7,1,3,9,7,1,3;
 * check digit = (10 − weighted sum mod 10) mod 10.
 */

const BLOCK1_WEIGHTS = [7, 1, 3, 9, 7, 1, 3] as const;
const BLOCK2_WEIGHTS = [3, 9, 7, 1, 3, 9, 7, 1, 3, 9, 7, 1, 3] as const;

function checkDigit(digits: string, weights: readonly number[]): number {
	let sum = 0;
	for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i];
	return (10 - (sum % 10)) % 10;
}

/** The check digit of block 1 (the first 7 digits: bank and branch). */
export function cbuBlock1Digit(bankAndBranch: string): number {
	if (!/^\d{7}$/.test(bankAndBranch)) throw new Error('Block 1 needs exactly seven digits');
	return checkDigit(bankAndBranch, BLOCK1_WEIGHTS);
}

/** The check digit of block 2 (the 13 digits of the account). */
export function cbuBlock2Digit(account: string): number {
	if (!/^\d{13}$/.test(account)) throw new Error('Block 2 needs exactly thirteen digits');
	return checkDigit(account, BLOCK2_WEIGHTS);
}

/** A valid CBU from a bank, a branch and an account number (used by the demo data). */
export function buildCbu(bank: string, branch: string, account: string): string {
	const b1 = bank.padStart(3, '0') + branch.padStart(4, '0');
	const b2 = account.padStart(13, '0');
	return `${b1}${cbuBlock1Digit(b1)}${b2}${cbuBlock2Digit(b2)}`;
}

export type CbuProblem = 'empty' | 'characters' | 'length' | 'block1' | 'block2';

export type CbuResult =
	{ ok: true; cbu: string; banco: string; sucursal: string } | { ok: false; problem: CbuProblem };

/** Spaces, dashes and dots people paste from a bank's app between the groups. */
const SEPARATORS = /[\s.\-‐-―]/g;

/** Parses a CBU typed or pasted with or without separators; says which part is wrong. */
export function parseCbu(input: string): CbuResult {
	const digits = input.trim().replace(SEPARATORS, '');
	if (digits === '') return { ok: false, problem: 'empty' };
	if (!/^\d+$/.test(digits)) return { ok: false, problem: 'characters' };
	if (digits.length !== 22) return { ok: false, problem: 'length' };
	if (cbuBlock1Digit(digits.slice(0, 7)) !== Number(digits[7])) return { ok: false, problem: 'block1' };
	if (cbuBlock2Digit(digits.slice(8, 21)) !== Number(digits[21])) return { ok: false, problem: 'block2' };
	return { ok: true, cbu: digits, banco: digits.slice(0, 3), sucursal: digits.slice(3, 7) };
}

/** What a person reads next to the field, for each problem. */
export const CBU_MESSAGES: Record<CbuProblem, string> = {
	empty: 'Escribí el CBU de tu cuenta.',
	characters: 'El CBU tiene solo números.',
	length: 'El CBU tiene 22 números.',
	block1: 'Revisá los primeros 8 números del CBU (banco y sucursal): el dígito verificador no coincide.',
	block2: 'Revisá los últimos 14 números del CBU (número de cuenta): el dígito verificador no coincide.'
};

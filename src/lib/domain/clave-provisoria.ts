/**
 * The provisional code an office hands out after an in-person clave reset, as printed and as typed.
 * 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U): 16 × log2(30) ≈ 78 bits, so
 * guessing is hopeless even before the throttle and the attempt limit. Grouped in fours to read aloud.
 */
export const CODIGO_ALFABETO = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODIGO_LARGO = 16;

/** What the person typed, in the canonical form: upper case, no spaces or dashes. */
export function normalizarCodigo(typed: string): string {
	return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function codigoValido(typed: string): boolean {
	const code = normalizarCodigo(typed);
	return code.length === CODIGO_LARGO && [...code].every((ch) => CODIGO_ALFABETO.includes(ch));
}

/** XXXX-XXXX-XXXX-XXXX, for the printed sheet. */
export function formatearCodigo(code: string): string {
	return normalizarCodigo(code).replace(/(.{4})(?=.)/g, '$1-');
}

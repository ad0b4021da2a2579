import { describe, expect, it } from 'vitest';
import { codigoValido, formatearCodigo, normalizarCodigo } from './clave-provisoria';

describe('provisional code', () => {
	it('accepts the printed form, with or without dashes, spaces or lower case', () => {
		expect(codigoValido('ABCD-EFGH-JKMN-PQRS')).toBe(true);
		expect(codigoValido(' abcd efgh jkmn pqrs ')).toBe(true);
		expect(normalizarCodigo('abcd-efgh')).toBe('ABCDEFGH');
	});
	it('refuses look-alike characters and wrong lengths', () => {
		expect(codigoValido('ABCD-EFGH-JKMN-PQR0')).toBe(false);
		expect(codigoValido('ABCD-EFGH-JKMN-PQRI')).toBe(false);
		expect(codigoValido('ABCD-EFGH-JKMN')).toBe(false);
	});
	it('prints in groups of four', () => {
		expect(formatearCodigo('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
	});
});

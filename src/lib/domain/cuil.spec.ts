import { describe, expect, it } from 'vitest';
import { cuilCheckDigit, cuilForDni, dniFromCuil, formatCuil, parseCuil, parseCuit } from './cuil';

describe('CUIL check digit', () => {
	it('matches published CUITs of Argentine institutions', () => {
		// ANSES, AFIP/ARCA and Banco de la Nación Argentina publish these CUITs on their sites and invoices.
		expect(parseCuit('33-63761744-9')).toBe('33637617449');
		expect(parseCuit('33-69345023-9')).toBe('33693450239');
		expect(parseCuit('30-50001091-2')).toBe('30500010912');
	});

	it('rejects a CUIT whose last digit was mistyped', () => {
		expect(parseCuit('33-63761744-8')).toBeNull();
	});

	it('returns 0 when the remainder is 0 and null when it is 1', () => {
		// 20-00000000: sum 10, remainder 10, digit 1; 20-00000001: sum 12, r 1 => no digit.
		expect(cuilCheckDigit('2000000000')).toBe(1);
		expect(cuilCheckDigit('2000000001')).toBeNull();
		expect(cuilCheckDigit('2000000006')).toBe(0);
	});
});

describe('parseCuil', () => {
	it('accepts a CUIL with or without dashes, spaces or dots', () => {
		for (const input of ['20-17254359-7', '20172543597', '20 17254359 7', '20.17254359.7', ' 20-17254359-7 '])
			expect(parseCuil(input)).toEqual({ ok: true, cuil: '20172543597' });
	});

	it('says why a CUIL is not valid', () => {
		expect(parseCuil('')).toEqual({ ok: false, problem: 'empty' });
		expect(parseCuil('20-1725a359-7')).toEqual({ ok: false, problem: 'characters' });
		expect(parseCuil('20-1725435')).toEqual({ ok: false, problem: 'incomplete' });
		expect(parseCuil('20-17254359-77')).toEqual({ ok: false, problem: 'too-long' });
		expect(parseCuil('33-63761744-9')).toEqual({ ok: false, problem: 'prefix' });
		expect(parseCuil('20-17254359-6')).toEqual({ ok: false, problem: 'check-digit' });
	});

	it('refuses a number whose check digit cannot exist', () => {
		expect(parseCuil('20-00000001-0').ok).toBe(false);
		expect(parseCuil('20-00000001-1').ok).toBe(false);
	});
});

describe('formatCuil', () => {
	it('formats progressively as the person types', () => {
		expect(formatCuil('2')).toBe('2');
		expect(formatCuil('20')).toBe('20');
		expect(formatCuil('201')).toBe('20-1');
		expect(formatCuil('2017254359')).toBe('20-17254359');
		expect(formatCuil('20172543597')).toBe('20-17254359-7');
		expect(formatCuil('20-17254359-7')).toBe('20-17254359-7');
	});

	it('keeps extra digits visible instead of cutting a pasted number', () => {
		expect(formatCuil('201725435977')).toBe('20-17254359-77');
	});
});

describe('cuilForDni', () => {
	it('uses 20 for men and 27 for women', () => {
		expect(cuilForDni(17254359, 'M')).toBe('20172543597');
		const woman = cuilForDni(28111839, 'F');
		expect(woman.startsWith('27')).toBe(true);
		expect(parseCuil(woman).ok).toBe(true);
	});

	it('reissues with prefix 23 and digit 9 (men) or 4 (women) when no digit exists', () => {
		// 20-00000001 has remainder 1, so the man's CUIL is 23-00000001-9.
		expect(cuilForDni(1, 'M')).toBe('23000000019');
		expect(parseCuil('23-00000001-9').ok).toBe(true);
		// Find a DNI whose 27-prefixed remainder is 1 and check the women's rule on it.
		let dni = 1;
		while (cuilCheckDigit('27' + String(dni).padStart(8, '0')) !== null) dni++;
		const cuil = cuilForDni(dni, 'F');
		expect(cuil.slice(0, 2)).toBe('23');
		expect(cuil[10]).toBe('4');
		expect(parseCuil(cuil).ok).toBe(true);
	});

	it('always produces a valid CUIL that carries the DNI', () => {
		for (let dni = 5_000_000; dni < 5_000_500; dni++)
			for (const sex of ['F', 'M', 'X'] as const) {
				const cuil = cuilForDni(dni, sex);
				expect(parseCuil(cuil).ok).toBe(true);
				expect(dniFromCuil(cuil)).toBe(String(dni));
			}
	});
});

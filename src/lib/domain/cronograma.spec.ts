import { describe, expect, it } from 'vitest';
import {
	addMonths,
	businessDays,
	dniEnding,
	monthsBetween,
	nextPaymentDate,
	paymentWindow,
	todayInArgentina
} from './cronograma';

describe('January 2026, as ANSES published it', () => {
	const minimo = ['09', '12', '13', '14', '15', '16', '19', '20', '21', '22'];
	for (let ending = 0; ending <= 9; ending++)
		it(`pays jubilaciones up to the mínimo for DNI ending ${ending} on 2026-01-${minimo[ending]}`, () => {
			const w = paymentWindow('2026-01', 'jubilacion', ending);
			expect(w).toEqual({
				periodo: '2026-01',
				esquema: 'minimo',
				desde: `2026-01-${minimo[ending]}`,
				hasta: `2026-01-${minimo[ending]}`
			});
		});

	it('starts on Friday 9 because 1 January is a holiday: the 6th business day', () => {
		expect(businessDays('2026-01').slice(0, 6)).toEqual([
			'2026-01-02',
			'2026-01-05',
			'2026-01-06',
			'2026-01-07',
			'2026-01-08',
			'2026-01-09'
		]);
	});

	it('pays above the mínimo in pairs of endings on the five business days after', () => {
		const days = Array.from(
			{ length: 10 },
			(_, d) => paymentWindow('2026-01', 'pension', d, { sobreMinimo: true }).desde
		);
		expect(days).toEqual([
			'2026-01-23',
			'2026-01-23',
			'2026-01-26',
			'2026-01-26',
			'2026-01-27',
			'2026-01-27',
			'2026-01-28',
			'2026-01-28',
			'2026-01-29',
			'2026-01-29'
		]);
	});

	it('pays AUH and asignación familiar by ending, on the mínimo days', () => {
		for (let d = 0; d <= 9; d++) {
			expect(paymentWindow('2026-01', 'auh', d).desde).toBe(paymentWindow('2026-01', 'jubilacion', d).desde);
			expect(paymentWindow('2026-01', 'asignacion_familiar', d).esquema).toBe('por_terminacion');
		}
	});

	it('pays desempleo in one window for every ending', () => {
		for (let d = 0; d <= 9; d++)
			expect(paymentWindow('2026-01', 'desempleo', d)).toEqual({
				periodo: '2026-01',
				esquema: 'ventana',
				desde: '2026-01-09',
				hasta: '2026-01-29'
			});
	});
});

describe('months with holidays', () => {
	it('skips Carnaval in February 2026 and runs into March when the month is short', () => {
		const days = businessDays('2026-02');
		expect(days).not.toContain('2026-02-16');
		expect(days).not.toContain('2026-02-17');
		expect(days).toHaveLength(18);
		expect(paymentWindow('2026-02', 'jubilacion', 0).desde).toBe('2026-02-09');
		// Endings 4 and 5 would fall on Carnaval: they move to Wednesday 18 and Thursday 19.
		expect(paymentWindow('2026-02', 'jubilacion', 4).desde).toBe('2026-02-13');
		expect(paymentWindow('2026-02', 'jubilacion', 5).desde).toBe('2026-02-18');
		expect(paymentWindow('2026-02', 'jubilacion', 9, { sobreMinimo: true }).desde).toBe('2026-03-03');
		expect(paymentWindow('2026-02', 'desempleo', 0).hasta).toBe('2026-02-27');
	});

	it('skips the December 2026 bridge and Inmaculada Concepción (7 and 8)', () => {
		expect(businessDays('2026-12').slice(0, 6)).toEqual([
			'2026-12-01',
			'2026-12-02',
			'2026-12-03',
			'2026-12-04',
			'2026-12-09',
			'2026-12-10'
		]);
		expect(paymentWindow('2026-12', 'jubilacion', 0).desde).toBe('2026-12-10');
	});

	it('skips Holy Thursday and Good Friday (April 2025)', () => {
		const days = businessDays('2025-04');
		expect(days).not.toContain('2025-04-17');
		expect(days).not.toContain('2025-04-18');
		expect(days).not.toContain('2025-04-02');
	});
});

describe('nextPaymentDate', () => {
	it('is this month while the day has not passed, the same day included', () => {
		expect(nextPaymentDate('jubilacion', 0, '2026-01-05').desde).toBe('2026-01-09');
		expect(nextPaymentDate('jubilacion', 0, '2026-01-09').desde).toBe('2026-01-09');
	});

	it('moves to next month once the day has passed', () => {
		expect(nextPaymentDate('jubilacion', 0, '2026-01-10')).toMatchObject({
			periodo: '2026-02',
			desde: '2026-02-09'
		});
	});

	it('finds last month’s payment when its calendar runs into this month', () => {
		expect(nextPaymentDate('jubilacion', 9, '2026-03-02', { sobreMinimo: true })).toMatchObject({
			periodo: '2026-02',
			desde: '2026-03-03'
		});
	});

	it('counts an open window as next for desempleo', () => {
		expect(nextPaymentDate('desempleo', 4, '2026-01-20')).toMatchObject({
			periodo: '2026-01',
			desde: '2026-01-09',
			hasta: '2026-01-29'
		});
	});

	it('crosses the year', () => {
		expect(nextPaymentDate('auh', 2, '2026-12-30').periodo).toBe('2027-01');
	});
});

describe('helpers', () => {
	it('adds and counts months', () => {
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-03', -15)).toBe('2024-12');
		expect(monthsBetween('2024-12', '2026-03')).toBe(15);
	});

	it('reads the DNI ending from a DNI or a formatted CUIL', () => {
		expect(dniEnding('30456789')).toBe(9);
		expect(dniEnding(5_123_450)).toBe(0);
	});

	it('counts today in Argentina (UTC−3)', () => {
		expect(todayInArgentina(Date.UTC(2026, 0, 10, 2, 30))).toBe('2026-01-09');
		expect(todayInArgentina(Date.UTC(2026, 0, 10, 3, 30))).toBe('2026-01-10');
	});
});

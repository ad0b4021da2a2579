import { describe, expect, it } from 'vitest';
import {
	aportePersonal,
	centavosDeTexto,
	mesesEntre,
	problemasCertificacion,
	textoDeCentavos,
	ultimoMesCertificable
} from './corporativas';

const empleo = { desde: '2025-04', hasta: '2026-03' };
const HOY = '2026-12-03';
const todos = (desde: string, hasta: string) => ({
	desde,
	hasta,
	remuneraciones: mesesEntre(desde, hasta).map((periodo) => ({ periodo, remuneracion: 100_000_00 }))
});

describe('problemasCertificacion', () => {
	it('accepts the whole employment or part of it, one amount per month', () => {
		expect(problemasCertificacion(todos('2025-04', '2026-03'), empleo, HOY)).toEqual([]);
		expect(problemasCertificacion(todos('2025-10', '2025-10'), empleo, HOY)).toEqual([]);
	});

	it('refuses months outside the employment, inverted periods and the future', () => {
		expect(problemasCertificacion(todos('2025-03', '2026-03'), empleo, HOY)[0].path).toBe('desde');
		expect(problemasCertificacion(todos('2025-04', '2026-04'), empleo, HOY)[0].path).toBe('hasta');
		expect(
			problemasCertificacion(
				{ ...todos('2025-04', '2026-03'), desde: '2026-03', hasta: '2025-04' },
				empleo,
				HOY
			)
		).toMatchObject([{ path: 'hasta' }]);
		const vigente = { desde: '2026-10', hasta: null };
		expect(ultimoMesCertificable(vigente, HOY)).toBe('2026-12');
		expect(problemasCertificacion(todos('2026-10', '2027-01'), vigente, HOY)[0].path).toBe('hasta');
	});

	it('refuses a missing, repeated, foreign, negative or absurd month', () => {
		const base = todos('2025-04', '2025-06');
		const r = base.remuneraciones;
		expect(problemasCertificacion({ ...base, remuneraciones: r.slice(1) }, empleo, HOY)).toMatchObject([
			{ path: 'remuneraciones', message: 'Falta la remuneración de abril de 2025.' }
		]);
		expect(problemasCertificacion({ ...base, remuneraciones: [...r, r[0]] }, empleo, HOY)[0].path).toBe(
			'remuneraciones.3'
		);
		expect(
			problemasCertificacion(
				{ ...base, remuneraciones: [...r, { periodo: '2025-09', remuneracion: 1 }] },
				empleo,
				HOY
			)
		).toHaveLength(1);
		expect(
			problemasCertificacion(
				{ ...base, remuneraciones: [{ ...r[0], remuneracion: -5 }, ...r.slice(1)] },
				empleo,
				HOY
			)
		).toHaveLength(1);
		expect(
			problemasCertificacion(
				{ ...base, remuneraciones: [{ ...r[0], remuneracion: 1e12 }, ...r.slice(1)] },
				empleo,
				HOY
			)
		).toHaveLength(1);
	});

	it('caps a certification at 120 months', () => {
		const largo = { desde: '2010-01', hasta: null };
		expect(problemasCertificacion(todos('2016-12', '2026-11'), largo, HOY)).toEqual([]);
		expect(problemasCertificacion(todos('2016-11', '2026-11'), largo, HOY)[0].message).toContain('120 meses');
	});
});

describe('amounts', () => {
	it('reads what a person types in pesos and writes it back', () => {
		expect(centavosDeTexto('1.980.500,50')).toBe(198_050_050);
		expect(centavosDeTexto('1980500,5')).toBe(198_050_050);
		expect(centavosDeTexto('$ 1.210.000')).toBe(121_000_000);
		expect(centavosDeTexto('0')).toBe(0);
		for (const malo of ['', 'mucho', '-5', '1,234', '12.34,5', '1.2345'])
			expect(centavosDeTexto(malo)).toBeNull();
		expect(textoDeCentavos(198_050_050)).toBe('1.980.500,50');
		expect(textoDeCentavos(5)).toBe('0,05');
	});

	it('takes 11 % as personal aportes, rounded to the centavo', () => {
		expect(aportePersonal(155_000_075)).toBe(17_050_008);
		expect(aportePersonal(120_000_000)).toBe(13_200_000);
	});
});

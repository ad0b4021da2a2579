import { describe, expect, it } from 'vitest';
import { summarizeHistoria } from './historia';

const month = (periodo: string, empleo_id: number) => ({
	empleo_id,
	periodo,
	remuneracion: 100,
	aportes: 11
});

describe('summarizeHistoria', () => {
	it('counts months with aportes once even with two jobs, and finds the gaps between them', () => {
		const empleos = [
			{ id: 1, cuit: '30500010912', razon_social: 'A', desde: '2020-01', hasta: '2020-06' },
			{ id: 2, cuit: '33693450239', razon_social: 'B', desde: '2020-05', hasta: null }
		];
		const aportes = [
			...['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06'].map((p) => month(p, 1)),
			...['2020-05', '2020-06', '2021-01', '2021-02'].map((p) => month(p, 2))
		];
		const h = summarizeHistoria(empleos, aportes);
		expect(h.totales).toEqual({ mesesConAportes: 8, anios: 0, meses: 8 });
		expect(h.lagunas).toEqual([{ desde: '2020-07', hasta: '2020-12', meses: 6 }]);
		expect(h.empleos.map((e) => e.meses.length)).toEqual([6, 4]);
		expect(h.empleos[1]).toMatchObject({ razonSocial: 'B', hasta: null });
	});

	it('gives an empty history for a person with no employment', () => {
		expect(summarizeHistoria([], [])).toEqual({
			empleos: [],
			totales: { mesesConAportes: 0, anios: 0, meses: 0 },
			lagunas: []
		});
	});
});

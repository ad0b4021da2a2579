import { describe, expect, it } from 'vitest';
import {
	contenidoAportes,
	contenidoCuil,
	contenidoPrestacion,
	dniConPuntos,
	mensajeConRegistros,
	mesesEnPalabras,
	pesos,
	registrosNegativa,
	type Persona
} from './contenido';
import type { PrestacionRow } from '../servicios/queries';

const persona: Persona = {
	cuil: '23304567899',
	dni: '30456789',
	nombres: 'Martín Ezequiel',
	apellidos: 'Sosa',
	fecha_nacimiento: '1983-09-21'
};

describe('wording helpers', () => {
	it('write amounts, DNIs and months as people read them', () => {
		expect(pesos(40882034)).toBe('$ 408.820,34');
		expect(pesos(5)).toBe('$ 0,05');
		expect(pesos(123456789012)).toBe('$ 1.234.567.890,12');
		expect(dniConPuntos('5123456')).toBe('5.123.456');
		expect(mesesEnPalabras(1)).toBe('1 mes');
		expect(mesesEnPalabras(12)).toBe('12 meses (1 año)');
		expect(mesesEnPalabras(229)).toBe('229 meses (19 años y 1 mes)');
	});

	it('certify the CUIL in the expected sentence', () => {
		const { datos, hechos } = contenidoCuil(persona);
		expect(datos.texto).toBe(
			'ANSES certifica que Martín Ezequiel Sosa, DNI 30.456.789, tiene asignado el Código Único de Identificación Laboral (CUIL) N.º 23-30456789-9, con el que se registran su historia laboral, sus aportes y sus prestaciones de la seguridad social.'
		);
		expect(datos.titular).toEqual({
			nombre: 'Martín Ezequiel Sosa',
			cuil: '23-30456789-9',
			dni: '30.456.789'
		});
		expect(hechos).toEqual({ dni: '30456789' });
		expect('tabla' in datos).toBe(false);
	});
});

describe('registrosNegativa', () => {
	const empleo = {
		id: 1,
		cuit: '30546651234',
		razon_social: 'Metalúrgica Córdoba Norte S.A.',
		desde: '2010-02',
		hasta: '2026-04'
	};
	const base = { denominacion: 'Prestación por desempleo', estado: 'finalizada' as const, hijo_nombre: null };

	it('counts an employment by its dates or by any month with aportes in the period', () => {
		expect(registrosNegativa('2026-05', '2026-11', [empleo], [], [], [])).toEqual([]);
		expect(registrosNegativa('2026-04', '2026-11', [empleo], [], [], [])).toHaveLength(1);
		// Dates say it ended in April, but a month was declared in June: it counts.
		const tarde = [{ empleo_id: 1, periodo: '2026-06', remuneracion: 1, aportes: 1 }];
		expect(registrosNegativa('2026-05', '2026-11', [empleo], tarde, [], [])[0].detalle).toBe(
			'Metalúrgica Córdoba Norte S.A. (CUIT 30-54665123-4)'
		);
	});

	it('ends a benefit the month before its baja, and counts a jubilación en trámite always', () => {
		const desempleo = { ...base, tipo: 'desempleo' as const, alta: '2025-11-01', baja: '2026-05-01' };
		expect(registrosNegativa('2026-05', '2026-11', [], [], [desempleo], [])).toEqual([]);
		expect(registrosNegativa('2026-04', '2026-11', [], [], [desempleo], [])).toMatchObject([
			{ tipo: 'desempleo', desde: '2025-11', hasta: '2026-04' }
		]);
		const tramite = {
			...base,
			tipo: 'jubilacion' as const,
			denominacion: 'Jubilación ordinaria',
			estado: 'en_tramite' as const,
			alta: '2027-01-01',
			baja: null
		};
		expect(registrosNegativa('2026-05', '2026-06', [], [], [tramite], [])).toMatchObject([
			{ tipo: 'jubilacion_pension', detalle: 'Jubilación ordinaria (en trámite)', hasta: null }
		]);
	});

	it('names every record in the refusal', () => {
		const registros = registrosNegativa(
			'2026-05',
			'2026-11',
			[{ ...empleo, hasta: null }],
			[],
			[],
			[{ tipo: 'progresar', detalle: 'Beca Progresar, nivel superior', desde: '2026-03', hasta: null }]
		);
		expect(mensajeConRegistros(registros)).toBe(
			'No podemos emitir la Certificación Negativa: en ese período registrás Trabajo en relación de dependencia declarado por un empleador (Metalúrgica Córdoba Norte S.A. (CUIT 30-54665123-4)) y Beca Progresar (Beca Progresar, nivel superior).'
		);
	});
});

describe('nothing to certify', () => {
	it('returns null for aportes without months and prestación without an active paid benefit', () => {
		expect(contenidoAportes(persona, [], [])).toBeNull();
		const suspendida = { estado: 'suspendida', pago_id: 1, periodo: '2026-10' } as PrestacionRow;
		expect(contenidoPrestacion(persona, [suspendida])).toBeNull();
		const sinPago = { estado: 'activa', pago_id: null, periodo: null } as PrestacionRow;
		expect(contenidoPrestacion(persona, [sinPago])).toBeNull();
	});
});

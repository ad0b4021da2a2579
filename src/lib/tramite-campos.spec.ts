import { describe, expect, it } from 'vitest';
import { bodyFrom, checkCampo } from './tramite-campos';

const TODAY = '2026-03-10';

describe('checkCampo', () => {
	it('asks for required fields and lets optional ones be empty', () => {
		expect(
			checkCampo({ nombre: 'hijoDni', etiqueta: 'DNI de tu hijo', tipo: 'dni', requerido: true }, ' ', TODAY)
		).toBe('Completá «DNI de tu hijo».');
		expect(
			checkCampo({ nombre: 'periodo', etiqueta: 'Mes', tipo: 'periodo', requerido: false }, '', TODAY)
		).toBeNull();
	});

	it('checks a CBU with the shared rule', () => {
		const cbu = { nombre: 'cbu', etiqueta: 'CBU', tipo: 'cbu' as const, requerido: true };
		expect(checkCampo(cbu, '2850590940090418135201', TODAY)).toBeNull();
		expect(checkCampo(cbu, '2850590940090418135202', TODAY)).not.toBeNull();
	});

	it('refuses a future date', () => {
		const fecha = { nombre: 'f', etiqueta: 'Fecha', tipo: 'fecha' as const, requerido: true };
		expect(checkCampo(fecha, '2026-03-11', TODAY)).toBe('La fecha no puede ser futura.');
		expect(checkCampo(fecha, '2026-03-10', TODAY)).toBeNull();
	});
});

describe('bodyFrom', () => {
	it('sends benefits as numbers and leaves out empty optional fields', () => {
		const campos = [
			{ nombre: 'prestacionId', etiqueta: 'Prestación', tipo: 'prestacion' as const, requerido: false },
			{ nombre: 'periodo', etiqueta: 'Mes', tipo: 'periodo' as const, requerido: false },
			{ nombre: 'detalle', etiqueta: 'Qué pasó', tipo: 'texto_largo' as const, requerido: true }
		];
		expect(bodyFrom(campos, { prestacionId: '7', periodo: '', detalle: ' No cobré ' })).toEqual({
			prestacionId: 7,
			detalle: 'No cobré'
		});
	});
});

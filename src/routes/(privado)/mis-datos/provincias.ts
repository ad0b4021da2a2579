import type { Domicilio } from '$lib/domain/api/servicios';

/**
 * The API's list (PROVINCIAS in $lib/domain/api/servicios.ts), repeated here because that module
 * carries zod at runtime; `satisfies` keeps every name one the API accepts.
 */
export const PROVINCIAS = [
	'Ciudad Autónoma de Buenos Aires',
	'Buenos Aires',
	'Catamarca',
	'Chaco',
	'Chubut',
	'Córdoba',
	'Corrientes',
	'Entre Ríos',
	'Formosa',
	'Jujuy',
	'La Pampa',
	'La Rioja',
	'Mendoza',
	'Misiones',
	'Neuquén',
	'Río Negro',
	'Salta',
	'San Juan',
	'San Luis',
	'Santa Cruz',
	'Santa Fe',
	'Santiago del Estero',
	'Tierra del Fuego, Antártida e Islas del Atlántico Sur',
	'Tucumán'
] as const satisfies readonly Domicilio['provincia'][];

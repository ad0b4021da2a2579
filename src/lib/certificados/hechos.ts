import { formatoMes, type TipoCertificado } from '../domain/certificados/tipos';
import { formatCuil } from '../domain/cuil';

/**
 * The signed key facts (`d` claim) in words, for a verifier who has only the QR: label and value pairs.
 * Keys per type follow the API contract (src/lib/domain/api/certificados.ts, `Hechos`); a key this page
 * does not know is still shown, as it came, so nothing signed is hidden.
 */

const pesos = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
const atNoon = (date: string) => new Date(`${date}T12:00:00Z`);
const dia = new Intl.DateTimeFormat('es-AR', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'America/Argentina/Buenos_Aires'
});

/** '2026-12-24' → '24 de diciembre de 2026'. */
export function formatoDia(fecha: string): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(fecha) ? dia.format(atNoon(fecha)) : fecha;
}

/** '2026-12-24' → '24/12'. */
export function formatoDiaCorto(fecha: string): string {
	const [, m, d] = fecha.split('-');
	return `${d}/${m}`;
}

const ETIQUETAS: Record<string, string> = {
	dni: 'DNI',
	desde: 'Desde',
	hasta: 'Hasta',
	meses: 'Meses',
	empleadores: 'Empleadores',
	aportes: 'Total de aportes',
	prestacion: 'Prestación',
	periodo: 'Mes del pago',
	fecha: 'Fecha de pago',
	neto: 'Monto neto cobrado',
	empleador: 'CUIT del empleador',
	remuneraciones: 'Total de remuneraciones'
};

function valor(clave: string, v: string | number): string {
	if ((clave === 'aportes' || clave === 'neto' || clave === 'remuneraciones') && typeof v === 'number')
		return pesos.format(v / 100);
	if (clave === 'empleador' && /^\d{11}$/.test(String(v))) return formatCuil(String(v));
	if ((clave === 'desde' || clave === 'hasta' || clave === 'periodo') && /^\d{4}-\d{2}$/.test(String(v)))
		return formatoMes(String(v));
	if (clave === 'fecha') return formatoDia(String(v));
	if (clave === 'dni' && /^\d+$/.test(String(v))) return new Intl.NumberFormat('es-AR').format(Number(v));
	return String(v);
}

export function hechosEnPalabras(
	_tipo: TipoCertificado,
	d: Record<string, string | number>
): { etiqueta: string; valor: string }[] {
	return Object.entries(d).map(([clave, v]) => ({
		etiqueta: ETIQUETAS[clave] ?? clave,
		valor: valor(clave, v)
	}));
}

export function formatoCuilTitular(cuil: string): string {
	return formatCuil(cuil);
}

export type Estado = 'vigente' | 'vencido' | 'revocado';

/** "Vigente hasta el 24/12", "Vencido", "Anulado". */
export function textoEstado(estado: Estado, vence: string): string {
	if (estado === 'revocado') return 'Anulado';
	if (estado === 'vencido') return 'Vencido';
	return `Vigente hasta el ${formatoDiaCorto(vence)}`;
}

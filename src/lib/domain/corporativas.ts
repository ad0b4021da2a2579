/**
 * Rules of the corporate application "Certificación de Servicios y Remuneraciones" (form PS 6.2), written
 * once for the page (which checks before sending) and the Worker (which decides). No framework here.
 *
 * An employer's representative certifies, for a former or current employee, the months worked and the
 * remuneración of each month. Amounts are integer centavos; months are 'YYYY-MM'.
 */
import { addMonths, isPeriodo, monthsBetween, todayInArgentina } from './cronograma';

/**
 * Personal aporte to SIPA (jubilación): 11 % of the remuneración (Ley 24.241, art. 11). A rate set by
 * law, not an amount that changes every month, so it is a constant; the seed uses the same rate.
 */
export const TASA_APORTE_PERSONAL = 0.11;

export function aportePersonal(remuneracion: number): number {
	return Math.round(remuneracion * TASA_APORTE_PERSONAL);
}

/**
 * At most 120 months per certification: the jubilación is computed from the last 120 remuneraciones,
 * which is what the PS 6.2 is asked for. It also bounds the request (16 KiB body limit) and the PDF.
 */
export const MAX_MESES_CERTIFICACION = 120;

/**
 * A bound on a month's remuneración: $ 1.000.000.000 (10^11 centavos). Not a business rule (the real
 * tope imponible is data and changes), only a sanity limit so that a typo of many zeros, or a number
 * past what D1 and the PDF should hold, is refused instead of certified.
 */
export const MAX_REMUNERACION_CENTAVOS = 100_000_000_000;

export interface EmpleoCertificable {
	/** First month of the employment, 'YYYY-MM'. */
	desde: string;
	/** Last month, or null while it goes on. */
	hasta: string | null;
}

export interface Certificacion {
	desde: string;
	hasta: string;
	remuneraciones: { periodo: string; remuneracion: number }[];
}

const MESES = [
	'enero',
	'febrero',
	'marzo',
	'abril',
	'mayo',
	'junio',
	'julio',
	'agosto',
	'septiembre',
	'octubre',
	'noviembre',
	'diciembre'
];
const mes = (p: string) => `${MESES[Number(p.slice(5, 7)) - 1]} de ${p.slice(0, 4)}`;

/** The last month that can be certified for an employment: its end, or the current month. */
export function ultimoMesCertificable(empleo: EmpleoCertificable, hoy: string = todayInArgentina()): string {
	const actual = hoy.slice(0, 7);
	return empleo.hasta && empleo.hasta < actual ? empleo.hasta : actual;
}

/** Every month from desde to hasta, inclusive. */
export function mesesEntre(desde: string, hasta: string): string[] {
	const out: string[] = [];
	for (let p = desde; p <= hasta; p = addMonths(p, 1)) out.push(p);
	return out;
}

export interface ProblemaCertificacion {
	/** The field it belongs to: 'desde', 'hasta' or 'remuneraciones.<i>'. */
	path: string;
	message: string;
}

/**
 * Why a certification cannot be accepted, in Spanish, or an empty list. The period must lie within the
 * employment's dates (never a month before it started, after it ended, or in the future), span at most
 * MAX_MESES_CERTIFICACION months, and carry exactly one remuneración per month of the period, each a
 * whole number of centavos between 0 and MAX_REMUNERACION_CENTAVOS.
 */
export function problemasCertificacion(
	c: Certificacion,
	empleo: EmpleoCertificable,
	hoy: string = todayInArgentina()
): ProblemaCertificacion[] {
	const problemas: ProblemaCertificacion[] = [];
	const ultimo = ultimoMesCertificable(empleo, hoy);
	const rango = `Elegí meses entre ${mes(empleo.desde)} y ${mes(ultimo)}, las fechas del empleo.`;
	if (!isPeriodo(c.desde) || c.desde < empleo.desde || c.desde > ultimo)
		problemas.push({ path: 'desde', message: rango });
	if (!isPeriodo(c.hasta) || c.hasta < empleo.desde || c.hasta > ultimo)
		problemas.push({ path: 'hasta', message: rango });
	if (problemas.length > 0) return problemas;
	if (c.desde > c.hasta)
		return [{ path: 'hasta', message: 'El mes de fin tiene que ser igual o posterior al de inicio.' }];
	if (monthsBetween(c.desde, c.hasta) + 1 > MAX_MESES_CERTIFICACION)
		return [
			{
				path: 'desde',
				message: `Se pueden certificar hasta ${MAX_MESES_CERTIFICACION} meses (las últimas 120 remuneraciones). Acortá el período.`
			}
		];
	const esperados = mesesEntre(c.desde, c.hasta);
	const vistos = new Set<string>();
	c.remuneraciones.forEach((r, i) => {
		const path = `remuneraciones.${i}`;
		if (!esperados.includes(r.periodo))
			problemas.push({ path, message: `${r.periodo} no está dentro del período certificado.` });
		else if (vistos.has(r.periodo)) problemas.push({ path, message: `${mes(r.periodo)} figura dos veces.` });
		vistos.add(r.periodo);
		if (!Number.isSafeInteger(r.remuneracion) || r.remuneracion < 0)
			problemas.push({
				path,
				message: `La remuneración de ${isPeriodo(r.periodo) ? mes(r.periodo) : r.periodo} tiene que ser un importe en pesos, sin signo negativo.`
			});
		else if (r.remuneracion > MAX_REMUNERACION_CENTAVOS)
			problemas.push({
				path,
				message: `La remuneración de ${isPeriodo(r.periodo) ? mes(r.periodo) : r.periodo} es demasiado alta. Revisá que no sobren ceros.`
			});
	});
	const faltan = esperados.filter((p) => !vistos.has(p));
	if (faltan.length > 0)
		problemas.push({
			path: 'remuneraciones',
			message: `Falta la remuneración de ${faltan.length === 1 ? mes(faltan[0]) : `${faltan.length} meses (desde ${mes(faltan[0])})`}.`
		});
	return problemas;
}

/**
 * "1.234.567,89" (what a person types, with or without thousands dots, with a decimal comma) → centavos,
 * or null when it is not an amount. The page converts with this before sending; the API takes centavos.
 */
export function centavosDeTexto(texto: string): number | null {
	const limpio = texto.trim().replace(/^\$\s*/, '');
	if (!/^\d{1,3}(\.?\d{3})*(,\d{1,2})?$/.test(limpio)) return null;
	const [enteros, decimales = ''] = limpio.replace(/\./g, '').split(',');
	const n = Number(enteros) * 100 + Number(decimales.padEnd(2, '0'));
	return Number.isSafeInteger(n) ? n : null;
}

/** Centavos → "1.234.567,89" for an input field (no currency sign). */
export function textoDeCentavos(centavos: number): string {
	const enteros = String(Math.floor(centavos / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return `${enteros},${String(centavos % 100).padStart(2, '0')}`;
}

/**
 * ANSES's payment calendar (cronograma de pagos), written once for the page and the Worker.
 *
 * Payments go by the last digit of the DNI, on business days (no weekends, no day in `feriados.ts`).
 * The rule, derived so that it reproduces the published January 2026 calendar (ending 0 on Friday 9,
 * ending 1 on Monday 12 … ending 9 on Thursday 22; 1 January a holiday) and the usual "from about the
 * 8th–10th" of every other month:
 *
 * - The calendar opens on the **6th business day** of the month (January 2026: 2, 5, 6, 7, 8 → the 9th).
 * - Jubilaciones y pensiones up to the haber mínimo: ending d on business day 6 + d (10 days).
 * - Above the haber mínimo: endings in pairs (0–1, 2–3 … 8–9) on business days 16 to 20, the five after.
 * - AUH and Asignación Familiar por Hijo: one ending per day, on the same ten days as the mínimo.
 * - Prestación por desempleo: a window for every ending, from business day 6 to business day 20.
 *
 * A month short of business days (February 2026 has 18, with Carnaval) continues on the first business
 * days of the next month, as ANSES does when a calendar does not fit; the desempleo window instead
 * closes on the month's last business day.
 *
 * Dates are ISO strings (yyyy-mm-dd) and periods `yyyy-mm`; days are counted on the calendar of
 * Argentina, so no time zone enters once "today" is known (`todayInArgentina`).
 */
import { isFeriado } from './feriados';

export const TIPOS_PRESTACION = ['jubilacion', 'pension', 'auh', 'asignacion_familiar', 'desempleo'] as const;
export type TipoPrestacion = (typeof TIPOS_PRESTACION)[number];

/** Which of the calendar's lanes a benefit is paid in. */
export type Esquema = 'minimo' | 'sobre_minimo' | 'por_terminacion' | 'ventana';

export interface PaymentWindow {
	/** The month whose payment this is, `yyyy-mm`. */
	periodo: string;
	esquema: Esquema;
	/** First day the money can be collected. */
	desde: string;
	/** Last day of the window; the same as `desde` for payments by DNI ending. */
	hasta: string;
}

/** The calendar opens on this business day of the month (1-based). */
export const FIRST_BUSINESS_DAY = 6;
const MINIMO_DAYS = 10;
const SOBRE_MINIMO_DAYS = 5;

const pad = (n: number) => String(n).padStart(2, '0');

function toIso(d: Date): string {
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isPeriodo(value: string): boolean {
	return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** `addMonths('2026-12', 1)` is `'2027-01'`. */
export function addMonths(periodo: string, months: number): string {
	const [y, m] = periodo.split('-').map(Number);
	const total = y * 12 + (m - 1) + months;
	return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** Months from `a` to `b` (negative when b is earlier). */
export function monthsBetween(a: string, b: string): number {
	const [ya, ma] = a.split('-').map(Number);
	const [yb, mb] = b.split('-').map(Number);
	return (yb - ya) * 12 + (mb - ma);
}

export function isBusinessDay(isoDate: string): boolean {
	const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
	return day !== 0 && day !== 6 && !isFeriado(isoDate);
}

/** The business days of a month, in order, as ISO dates. */
export function businessDays(periodo: string): string[] {
	const [y, m] = periodo.split('-').map(Number);
	const out: string[] = [];
	for (let d = new Date(Date.UTC(y, m - 1, 1)); d.getUTCMonth() === m - 1; d.setUTCDate(d.getUTCDate() + 1)) {
		const iso = toIso(d);
		if (isBusinessDay(iso)) out.push(iso);
	}
	return out;
}

/** The n-th business day (1-based) counted from the start of `periodo`, continuing into later months. */
function nthBusinessDay(periodo: string, n: number): string {
	let month = periodo;
	let left = n;
	for (;;) {
		const days = businessDays(month);
		if (left <= days.length) return days[left - 1];
		left -= days.length;
		month = addMonths(month, 1);
	}
}

export function esquemaDe(tipo: TipoPrestacion, sobreMinimo: boolean): Esquema {
	switch (tipo) {
		case 'jubilacion':
		case 'pension':
			return sobreMinimo ? 'sobre_minimo' : 'minimo';
		case 'auh':
		case 'asignacion_familiar':
			return 'por_terminacion';
		case 'desempleo':
			return 'ventana';
	}
}

/** The last digit of a DNI (or of a CUIL's DNI), which orders the calendar. */
export function dniEnding(dni: string | number): number {
	const digits = String(dni).replace(/\D/g, '');
	if (digits === '') throw new Error('A DNI needs at least one digit');
	return Number(digits[digits.length - 1]);
}

/** When the payment of `periodo` is made for a DNI ending, by calendar lane. */
export function windowFor(periodo: string, esquema: Esquema, ending: number): PaymentWindow {
	if (!isPeriodo(periodo)) throw new Error(`Not a period: ${periodo}`);
	if (!Number.isInteger(ending) || ending < 0 || ending > 9) throw new Error(`Not a DNI ending: ${ending}`);
	const first = FIRST_BUSINESS_DAY;
	let from: number;
	let to: number;
	switch (esquema) {
		case 'minimo':
		case 'por_terminacion':
			from = to = first + ending;
			break;
		case 'sobre_minimo':
			from = to = first + MINIMO_DAYS + Math.floor(ending / 2);
			break;
		case 'ventana':
			from = first;
			to = first + MINIMO_DAYS + SOBRE_MINIMO_DAYS - 1;
			break;
	}
	const desde = nthBusinessDay(periodo, from);
	let hasta = nthBusinessDay(periodo, to);
	// A window for everyone closes with its month even when the month is short of business days.
	if (esquema === 'ventana' && hasta.slice(0, 7) !== periodo) hasta = businessDays(periodo).at(-1)!;
	return { periodo, esquema, desde, hasta };
}

/** The payment of `periodo` for a benefit and a DNI ending. */
export function paymentWindow(
	periodo: string,
	tipo: TipoPrestacion,
	ending: number,
	opts: { sobreMinimo?: boolean } = {}
): PaymentWindow {
	return windowFor(periodo, esquemaDe(tipo, opts.sobreMinimo ?? false), ending);
}

/**
 * The next payment on or after `today`: the first window (of last month, this month or a later one)
 * that has not closed yet. A payment whose window is open today counts as next: it can still be collected.
 */
export function nextPaymentDate(
	tipo: TipoPrestacion,
	ending: number,
	today: string,
	opts: { sobreMinimo?: boolean } = {}
): PaymentWindow {
	const current = today.slice(0, 7);
	// Last month's calendar may run into this month when it did not fit (see the module comment).
	for (let k = -1; k <= 2; k++) {
		const w = paymentWindow(addMonths(current, k), tipo, ending, opts);
		if (w.hasta >= today) return w;
	}
	throw new Error('unreachable: every month has a payment window');
}

/** Today's date in Argentina (America/Argentina/Buenos_Aires), where the calendar is counted. */
export function todayInArgentina(now: number = Date.now()): string {
	// en-CA formats as yyyy-mm-dd.
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'America/Argentina/Buenos_Aires',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

/**
 * Argentine national holidays (feriados nacionales) as data, for the payment calendar: ANSES pays
 * through banks, so a day the banks close is not a payment day.
 *
 * Listed as they fall after the moves of Ley 27.399 (movable holidays on a Tuesday or Wednesday go to
 * the Monday before, on a Thursday or Friday to the Monday after; Güemes and Soberanía follow their own
 * dates each year), plus the tourist bridges (días no laborables con fines turísticos) the national
 * government decreed for 2025 and 2026, and Holy Thursday, a non-working day on which banks do not open.
 * The 2027 bridges had not been decreed when this list was written: add them here when they are.
 */

export type FeriadoKind = 'inamovible' | 'trasladable' | 'puente' | 'no_laborable';

export interface Feriado {
	/** ISO date, yyyy-mm-dd. */
	fecha: string;
	nombre: string;
	kind: FeriadoKind;
}

export const FERIADOS: readonly Feriado[] = [
	// 2025
	{ fecha: '2025-01-01', nombre: 'Año Nuevo', kind: 'inamovible' },
	{ fecha: '2025-03-03', nombre: 'Carnaval', kind: 'inamovible' },
	{ fecha: '2025-03-04', nombre: 'Carnaval', kind: 'inamovible' },
	{
		fecha: '2025-03-24',
		nombre: 'Día Nacional de la Memoria por la Verdad y la Justicia',
		kind: 'inamovible'
	},
	{
		fecha: '2025-04-02',
		nombre: 'Día del Veterano y de los Caídos en la Guerra de Malvinas',
		kind: 'inamovible'
	},
	{ fecha: '2025-04-17', nombre: 'Jueves Santo', kind: 'no_laborable' },
	{ fecha: '2025-04-18', nombre: 'Viernes Santo', kind: 'inamovible' },
	{ fecha: '2025-05-01', nombre: 'Día del Trabajador', kind: 'inamovible' },
	{ fecha: '2025-05-02', nombre: 'Feriado con fines turísticos', kind: 'puente' },
	{ fecha: '2025-05-25', nombre: 'Día de la Revolución de Mayo', kind: 'inamovible' },
	{
		fecha: '2025-06-16',
		nombre: 'Paso a la Inmortalidad del General Martín Miguel de Güemes',
		kind: 'trasladable'
	},
	{ fecha: '2025-06-20', nombre: 'Paso a la Inmortalidad del General Manuel Belgrano', kind: 'inamovible' },
	{ fecha: '2025-07-09', nombre: 'Día de la Independencia', kind: 'inamovible' },
	{ fecha: '2025-08-15', nombre: 'Feriado con fines turísticos', kind: 'puente' },
	{
		fecha: '2025-08-17',
		nombre: 'Paso a la Inmortalidad del General José de San Martín',
		kind: 'trasladable'
	},
	{ fecha: '2025-10-12', nombre: 'Día del Respeto a la Diversidad Cultural', kind: 'trasladable' },
	{ fecha: '2025-11-21', nombre: 'Feriado con fines turísticos', kind: 'puente' },
	{ fecha: '2025-11-24', nombre: 'Día de la Soberanía Nacional', kind: 'trasladable' },
	{ fecha: '2025-12-08', nombre: 'Inmaculada Concepción de María', kind: 'inamovible' },
	{ fecha: '2025-12-25', nombre: 'Navidad', kind: 'inamovible' },
	// 2026
	{ fecha: '2026-01-01', nombre: 'Año Nuevo', kind: 'inamovible' },
	{ fecha: '2026-02-16', nombre: 'Carnaval', kind: 'inamovible' },
	{ fecha: '2026-02-17', nombre: 'Carnaval', kind: 'inamovible' },
	{ fecha: '2026-03-23', nombre: 'Feriado con fines turísticos', kind: 'puente' },
	{
		fecha: '2026-03-24',
		nombre: 'Día Nacional de la Memoria por la Verdad y la Justicia',
		kind: 'inamovible'
	},
	// Holy Thursday 2026 is 2 April, already the Malvinas holiday.
	{
		fecha: '2026-04-02',
		nombre: 'Día del Veterano y de los Caídos en la Guerra de Malvinas',
		kind: 'inamovible'
	},
	{ fecha: '2026-04-03', nombre: 'Viernes Santo', kind: 'inamovible' },
	{ fecha: '2026-05-01', nombre: 'Día del Trabajador', kind: 'inamovible' },
	{ fecha: '2026-05-25', nombre: 'Día de la Revolución de Mayo', kind: 'inamovible' },
	{
		fecha: '2026-06-15',
		nombre: 'Paso a la Inmortalidad del General Martín Miguel de Güemes',
		kind: 'trasladable'
	},
	{ fecha: '2026-06-20', nombre: 'Paso a la Inmortalidad del General Manuel Belgrano', kind: 'inamovible' },
	{ fecha: '2026-07-09', nombre: 'Día de la Independencia', kind: 'inamovible' },
	{ fecha: '2026-07-10', nombre: 'Feriado con fines turísticos', kind: 'puente' },
	{
		fecha: '2026-08-17',
		nombre: 'Paso a la Inmortalidad del General José de San Martín',
		kind: 'trasladable'
	},
	{ fecha: '2026-10-12', nombre: 'Día del Respeto a la Diversidad Cultural', kind: 'trasladable' },
	{ fecha: '2026-11-23', nombre: 'Día de la Soberanía Nacional', kind: 'trasladable' },
	{ fecha: '2026-12-07', nombre: 'Feriado con fines turísticos', kind: 'puente' },
	{ fecha: '2026-12-08', nombre: 'Inmaculada Concepción de María', kind: 'inamovible' },
	{ fecha: '2026-12-25', nombre: 'Navidad', kind: 'inamovible' },
	// 2027 (bridges not yet decreed)
	{ fecha: '2027-01-01', nombre: 'Año Nuevo', kind: 'inamovible' },
	{ fecha: '2027-02-08', nombre: 'Carnaval', kind: 'inamovible' },
	{ fecha: '2027-02-09', nombre: 'Carnaval', kind: 'inamovible' },
	{
		fecha: '2027-03-24',
		nombre: 'Día Nacional de la Memoria por la Verdad y la Justicia',
		kind: 'inamovible'
	},
	{ fecha: '2027-03-25', nombre: 'Jueves Santo', kind: 'no_laborable' },
	{ fecha: '2027-03-26', nombre: 'Viernes Santo', kind: 'inamovible' },
	{
		fecha: '2027-04-02',
		nombre: 'Día del Veterano y de los Caídos en la Guerra de Malvinas',
		kind: 'inamovible'
	},
	{ fecha: '2027-05-01', nombre: 'Día del Trabajador', kind: 'inamovible' },
	{ fecha: '2027-05-25', nombre: 'Día de la Revolución de Mayo', kind: 'inamovible' },
	{
		fecha: '2027-06-21',
		nombre: 'Paso a la Inmortalidad del General Martín Miguel de Güemes',
		kind: 'trasladable'
	},
	{ fecha: '2027-06-20', nombre: 'Paso a la Inmortalidad del General Manuel Belgrano', kind: 'inamovible' },
	{ fecha: '2027-07-09', nombre: 'Día de la Independencia', kind: 'inamovible' },
	{
		fecha: '2027-08-16',
		nombre: 'Paso a la Inmortalidad del General José de San Martín',
		kind: 'trasladable'
	},
	{ fecha: '2027-10-11', nombre: 'Día del Respeto a la Diversidad Cultural', kind: 'trasladable' },
	{ fecha: '2027-11-20', nombre: 'Día de la Soberanía Nacional', kind: 'trasladable' },
	{ fecha: '2027-12-08', nombre: 'Inmaculada Concepción de María', kind: 'inamovible' },
	{ fecha: '2027-12-25', nombre: 'Navidad', kind: 'inamovible' }
];

/** Years this list covers; the calendar outside them only skips weekends, and says so. */
export const FERIADOS_FIRST_YEAR = 2025;
export const FERIADOS_LAST_YEAR = 2027;

const CLOSED = new Set(FERIADOS.map((f) => f.fecha));

export function isFeriado(isoDate: string): boolean {
	return CLOSED.has(isoDate);
}

export function feriadoOf(isoDate: string): Feriado | undefined {
	return FERIADOS.find((f) => f.fecha === isoDate);
}

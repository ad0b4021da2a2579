/** Office appointments (turnos): which slots an office offers on a day. Shared by page and Worker. */
import { isFeriado } from './feriados';

export interface Horario {
	/** Minutes after midnight, Argentina. */
	abre: number;
	cierra: number;
	turnoMinutos: number;
}

export const MOTIVOS_TURNO = { validacion_identidad: 'Validación de identidad (nivel 3)' } as const;
export type MotivoTurno = keyof typeof MOTIVOS_TURNO;

/** How far ahead a person may book. */
export const DIAS_ADELANTE = 30;

const hhmm = (m: number) =>
	`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Offices open Monday to Friday, except national holidays. */
export function isOfficeDay(isoDate: string): boolean {
	const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
	return day >= 1 && day <= 5 && !isFeriado(isoDate);
}

/** The start times of a day's slots ("08:00", "08:20"…), each ending before closing time. */
export function slotsOf(h: Horario, isoDate: string): string[] {
	if (!isOfficeDay(isoDate)) return [];
	const out: string[] = [];
	for (let m = h.abre; m + h.turnoMinutos <= h.cierra; m += h.turnoMinutos) out.push(hhmm(m));
	return out;
}

export function addDays(isoDate: string, days: number): string {
	const d = new Date(`${isoDate}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** A slot may be booked from tomorrow up to DIAS_ADELANTE days ahead, on an office day, at a slot start. */
export function isBookable(h: Horario, fecha: string, hora: string, today: string): boolean {
	return fecha > today && fecha <= addDays(today, DIAS_ADELANTE) && slotsOf(h, fecha).includes(hora);
}

import { formatPaymentDay } from './date-time';
import type { VentanaPago } from './domain/api/servicios';

/** "viernes 9 de enero", or "del lunes 12 de enero al miércoles 28 de enero" for a window. */
export function describeWindow(v: VentanaPago): string {
	return v.desde === v.hasta
		? formatPaymentDay(v.desde)
		: `del ${formatPaymentDay(v.desde)} al ${formatPaymentDay(v.hasta)}`;
}

/** Whether the calendar went by the last number of the DNI (not a window for everyone). */
export const byDniEnding = (v: VentanaPago) => v.esquema !== 'ventana';

const longDate = new Intl.DateTimeFormat('es-AR', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'America/Argentina/Buenos_Aires'
});

/** "25 de noviembre de 2026", on Argentina's calendar whatever the device's time zone. */
export function formatLongDate(iso: string): string {
	return longDate.format(new Date(iso));
}

const dateTime = new Intl.DateTimeFormat('es-AR', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
	timeZone: 'America/Argentina/Buenos_Aires'
});

/** "25 de noviembre de 2026 a las 13:07", on Argentina's clock whatever the device's time zone. */
export function formatDateTime(iso: string): string {
	return dateTime.format(new Date(iso));
}

const TZ = 'America/Argentina/Buenos_Aires';

/** A calendar date (`2026-01-09`) read at noon UTC, which is the same day in Buenos Aires. */
const atNoon = (date: string) => new Date(`${date.slice(0, 10)}T12:00:00Z`);

const dayFormat = new Intl.DateTimeFormat('es-AR', {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	timeZone: TZ
});

/** "viernes 9 de enero", for a payment date (`2026-01-09`). */
export function formatPaymentDay(date: string): string {
	return dayFormat.format(atNoon(date)).replace(',', '');
}

const shortDate = new Intl.DateTimeFormat('es-AR', {
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	timeZone: TZ
});

/** "09/01/2026", for tables; takes a calendar date or an instant. */
export function formatShortDate(iso: string): string {
	return shortDate.format(iso.length === 10 ? atNoon(iso) : new Date(iso));
}

/** "9 de enero de 2026", for a calendar date (`2026-01-09`). */
export function formatDay(date: string): string {
	return longDate.format(atNoon(date));
}

const monthFormat = new Intl.DateTimeFormat('es-AR', { month: 'long', year: 'numeric', timeZone: TZ });
const monthShort = new Intl.DateTimeFormat('es-AR', { month: 'short', year: '2-digit', timeZone: TZ });

/** "enero de 2026", for a period (`2026-01`). */
export function formatPeriodo(periodo: string): string {
	return monthFormat.format(atNoon(`${periodo}-15`));
}

/** "ene 26", for a chart's axis. */
export function formatPeriodoShort(periodo: string): string {
	return monthShort.format(atNoon(`${periodo}-15`)).replace('.', '');
}

const snapshotFormat = new Intl.DateTimeFormat('es-AR', {
	day: '2-digit',
	month: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
	timeZone: TZ
});

/**
 * "12/11 14:30", "03/12 09:05": when the copy kept on this device was loaded. Built from the parts
 * because ICU's es-AR pattern drops the leading zero of the day even when asked for `2-digit`.
 */
export function formatSnapshotDate(iso: string): string {
	const part = Object.fromEntries(snapshotFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
	const two = (v: string) => v.padStart(2, '0');
	return `${two(part.day)}/${two(part.month)} ${two(part.hour)}:${two(part.minute)}`;
}

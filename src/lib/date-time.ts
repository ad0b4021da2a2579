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

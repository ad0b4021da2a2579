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

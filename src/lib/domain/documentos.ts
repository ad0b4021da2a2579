/**
 * Documents a person hands in (issue 7, point 6): what kinds of file, how large, and what each is for.
 * Shared by the page (checks before queueing, so the person hears at once, even offline, that a file
 * will not do) and the Worker (checks again: whatever a browser says about a file can be forged).
 */

/** 10 MiB: a phone photo of a Libreta page is 2–5 MB; a scanned PDF of a few pages fits. */
export const DOCUMENTO_MAX_BYTES = 10 * 1024 * 1024;

export const TIPOS_DOCUMENTO = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type TipoDocumento = (typeof TIPOS_DOCUMENTO)[number];

export const MOTIVOS_DOCUMENTO = ['libreta_auh', 'tramite'] as const;
export type MotivoDocumento = (typeof MOTIVOS_DOCUMENTO)[number];

/** The AUH began in November 2009: the first Libreta certifies 2010. */
export const LIBRETA_PRIMER_ANIO = 2010;

/**
 * What a file really is, from its first bytes (its "magic number"), never from its name or the
 * Content-Type it was sent with: both are chosen by the sender. JPEG starts FF D8 FF, PNG with its
 * 8-byte signature, PDF with "%PDF-". Anything else is refused (ASVS 5.0 5.2.2).
 */
export function detectarTipo(bytes: Uint8Array): TipoDocumento | null {
	const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
	if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
	return null;
}

/** How many leading bytes `detectarTipo` needs. */
export const BYTES_FIRMA = 8;

export const MENSAJE_TIPO = 'El archivo tiene que ser una foto (JPG o PNG) o un PDF.';
export const MENSAJE_VACIO = 'El archivo está vacío. Elegí otro o sacá la foto de nuevo.';
export const MENSAJE_GRANDE =
	'El archivo pesa más de 10 MB. Sacá la foto con menos resolución o elegí otro archivo.';

/** The page's check before queueing: null when the file may be sent. */
export function problemaArchivo(size: number, firma: Uint8Array): string | null {
	if (size === 0) return MENSAJE_VACIO;
	if (size > DOCUMENTO_MAX_BYTES) return MENSAJE_GRANDE;
	if (!detectarTipo(firma)) return MENSAJE_TIPO;
	return null;
}

/** "2,4 MB", "830 KB": sizes as a person reads them. */
export function tamanoLegible(bytes: number): string {
	if (bytes >= 1024 * 1024)
		return `${(bytes / (1024 * 1024)).toLocaleString('es-AR', { maximumFractionDigits: 1 })} MB`;
	return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** An Idempotency-Key: a UUID as crypto.randomUUID() writes it (lowercase, 36 characters). */
export const UUID_PATRON = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Years a child's Libreta AUH can be handed in for, newest first: from the year the AUH started (or
 * five years back, whichever is later) to the year it ended (or this year).
 */
export function aniosLibreta(alta: string, baja: string | null, hoy: string): number[] {
	const actual = Number(hoy.slice(0, 4));
	const desde = Math.max(Number(alta.slice(0, 4)), actual - 4, LIBRETA_PRIMER_ANIO);
	const hasta = Math.min(baja ? Number(baja.slice(0, 4)) : actual, actual);
	const anios: number[] = [];
	for (let a = hasta; a >= desde; a--) anios.push(a);
	return anios;
}

/**
 * The certificate as a PDF: A4, the official layout, the certifying text, the holder, the details, an
 * optional table (paginated), the verification code in large type and the QR drawn as vector squares.
 *
 * Pure: no Env, no D1, no clock (the issue time comes in), so the same input gives the same bytes and a
 * Node unit test (pdf.spec.ts) can build one and read its text back with pdf.js.
 *
 * Fonts: the 14 standard PDF fonts (Helvetica) need no embedding, which keeps a certificate at a few
 * KiB, but they only encode WinAnsi (Windows-1252). Spanish fits (ñ, tildes, ¿ ¡ º ª °); anything else
 * (→ ✓ ≥ №, emoji, a stray tab) makes pdf-lib throw. Every string goes through `aWinAnsi` first.
 */
import {
	PDFDocument,
	PageSizes,
	StandardFonts,
	fill,
	popGraphicsState,
	pushGraphicsState,
	rectangle,
	rgb,
	setFillingRgbColor,
	type PDFFont,
	type PDFPage
} from 'pdf-lib';
import QRCode from 'qrcode';
import type { DatosCertificado } from '../../src/lib/domain/api/certificados';

export interface PdfCertificado {
	datos: DatosCertificado;
	codigo: string;
	/** YYYY-MM-DD (Argentina). */
	emitido: string;
	vence: string;
	/** Epoch ms of issue: the PDF's creation date, so that a rebuild gives the same bytes. */
	emitidoAt: number;
	/** What the QR holds: `<origin>/verificar#<jws>` (sello.ts textoQr). */
	qr: string;
	/** Where to verify by code, printed under the QR. */
	origin: string;
}

// --- WinAnsi ------------------------------------------------------------------------------------------

/** The characters of Windows-1252 outside Latin-1 (its 0x80–0x9F block). */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

function enWinAnsi(cp: number): boolean {
	return (
		(cp >= 0x20 && cp <= 0x7e) ||
		(cp >= 0xa0 && cp <= 0xff) ||
		CP1252_EXTRA.includes(String.fromCodePoint(cp))
	);
}

/**
 * Text the standard fonts can draw. Line breaks and tabs become spaces (lines are split by the layout);
 * a character outside WinAnsi becomes its decomposition without accents when that fits (ﬁ → fi,
 * ő → o, № → No), otherwise '?'. Never throws: a name with an unusual letter must not stop a certificate.
 */
export function aWinAnsi(texto: string): string {
	let out = '';
	for (const ch of texto.normalize('NFC').replace(/[\t\n\r\f\v\u2028\u2029]/g, ' ')) {
		const cp = ch.codePointAt(0)!;
		if (enWinAnsi(cp)) {
			out += ch;
			continue;
		}
		const simple = [...ch.normalize('NFKD').replace(/\p{M}/gu, '')]
			.filter((c) => enWinAnsi(c.codePointAt(0)!))
			.join('');
		out += simple === '' ? '?' : simple;
	}
	return out;
}

// --- Layout -------------------------------------------------------------------------------------------

const [ANCHO, ALTO] = PageSizes.A4;
const MARGEN = 56;
const UTIL = ANCHO - 2 * MARGEN;
const AZUL = rgb(0, 0.447, 0.733);
const GRIS = rgb(0.35, 0.35, 0.35);
const NEGRO = rgb(0.1, 0.1, 0.1);
const FONDO = rgb(0.93, 0.95, 0.98);
/** Height of the verification block at the foot of the first page. */
const BLOQUE = 178;
const QR_LADO = 140;
const PIE = 30;

/** dd/mm/aaaa, as dates are written in Argentina. */
export function fechaCorta(iso: string): string {
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
}

/** Splits text into lines no wider than `ancho`; a word longer than a line is cut where it must be. */
export function partirLineas(texto: string, font: PDFFont, size: number, ancho: number): string[] {
	const lineas: string[] = [];
	let actual = '';
	const cabe = (s: string) => font.widthOfTextAtSize(s, size) <= ancho;
	for (const palabra of texto.split(' ').filter((p) => p !== '')) {
		const candidata = actual === '' ? palabra : `${actual} ${palabra}`;
		if (cabe(candidata)) {
			actual = candidata;
			continue;
		}
		if (actual !== '') lineas.push(actual);
		let resto = palabra;
		while (!cabe(resto)) {
			let n = resto.length - 1;
			while (n > 1 && !cabe(resto.slice(0, n))) n--;
			lineas.push(resto.slice(0, n));
			resto = resto.slice(n);
		}
		actual = resto;
	}
	if (actual !== '') lineas.push(actual);
	return lineas.length ? lineas : [''];
}

/** Cuts a cell to its column with an ellipsis (tables are summaries: nothing in a cell is long). */
function ajustar(texto: string, font: PDFFont, size: number, ancho: number): string {
	if (font.widthOfTextAtSize(texto, size) <= ancho) return texto;
	let n = texto.length;
	while (n > 0 && font.widthOfTextAtSize(`${texto.slice(0, n)}…`, size) > ancho) n--;
	return `${texto.slice(0, n)}…`;
}

/**
 * Dark modules as rectangles, one per horizontal run: a 77×77 symbol is ~1,500 runs instead of ~3,000
 * squares, and no hairline gaps appear inside a run when a printer or a screen rasterises it.
 */
export function rectangulosQr(texto: string): {
	size: number;
	runs: [fila: number, desde: number, largo: number][];
} {
	const { modules } = QRCode.create(texto, { errorCorrectionLevel: 'M' });
	const size = modules.size;
	const runs: [number, number, number][] = [];
	for (let r = 0; r < size; r++) {
		let c = 0;
		while (c < size) {
			if (!modules.get(r, c)) {
				c++;
				continue;
			}
			const start = c;
			while (c < size && modules.get(r, c)) c++;
			runs.push([r, start, c - start]);
		}
	}
	return { size, runs };
}

export async function construirPdf(cert: PdfCertificado): Promise<Uint8Array> {
	const { datos } = cert;
	// updateMetadata: false, then every field set from the input: no "now" and no random id in the file.
	const doc = await PDFDocument.create({ updateMetadata: false });
	const fecha = new Date(cert.emitidoAt);
	doc.setTitle(aWinAnsi(`${datos.titulo} ${cert.codigo}`));
	doc.setAuthor('ANSES');
	doc.setSubject(aWinAnsi(datos.titulo));
	doc.setCreator('mi ANSES');
	doc.setProducer('mi ANSES');
	doc.setLanguage('es-AR');
	doc.setCreationDate(fecha);
	doc.setModificationDate(fecha);

	const normal = await doc.embedFont(StandardFonts.Helvetica);
	const negrita = await doc.embedFont(StandardFonts.HelveticaBold);

	const paginas: PDFPage[] = [];
	let page!: PDFPage;
	let y = 0;
	/** Lowest y content may reach on the current page (the first keeps room for the verification block). */
	let piso = 0;

	const nuevaPagina = () => {
		page = doc.addPage([ANCHO, ALTO]);
		paginas.push(page);
		const primera = paginas.length === 1;
		// Header band on every page: who issues it, and the country.
		page.drawRectangle({ x: 0, y: ALTO - 70, width: ANCHO, height: 70, color: AZUL });
		page.drawText(aWinAnsi('ANSES — Administración Nacional de la Seguridad Social'), {
			x: MARGEN,
			y: ALTO - 36,
			size: 13,
			font: negrita,
			color: rgb(1, 1, 1)
		});
		page.drawText(aWinAnsi('República Argentina'), {
			x: MARGEN,
			y: ALTO - 54,
			size: 10,
			font: normal,
			color: rgb(1, 1, 1)
		});
		y = ALTO - 70 - 36;
		piso = MARGEN + PIE + (primera ? BLOQUE + 14 : 0);
	};

	const espacio = (alto: number) => {
		if (y - alto < piso) nuevaPagina();
	};

	const texto = (t: string, size: number, font: PDFFont, color = NEGRO, x = MARGEN, ancho = UTIL) => {
		const alto = size * 1.38;
		for (const linea of partirLineas(aWinAnsi(t), font, size, ancho)) {
			espacio(alto);
			y -= alto;
			page.drawText(linea, { x, y, size, font, color });
		}
	};

	nuevaPagina();

	// Title.
	texto(datos.titulo, 19, negrita, AZUL);
	y -= 14;

	// The certifying sentence.
	texto(datos.texto, 11.5, normal);
	y -= 16;

	// Holder and detail pairs, label in bold on the left, value on the right.
	const pares: { etiqueta: string; valor: string }[] = [
		{ etiqueta: 'Titular', valor: datos.titular.nombre },
		{ etiqueta: 'CUIL', valor: datos.titular.cuil },
		{ etiqueta: 'DNI', valor: datos.titular.dni },
		...datos.detalles
	];
	const colEtiqueta = 150;
	for (const par of pares) {
		const lineas = partirLineas(aWinAnsi(par.valor), normal, 10.5, UTIL - colEtiqueta);
		espacio(14.5 * Math.min(lineas.length, 3));
		const top = y;
		page.drawText(ajustar(aWinAnsi(par.etiqueta), negrita, 10.5, colEtiqueta - 8), {
			x: MARGEN,
			y: top - 14.5,
			size: 10.5,
			font: negrita,
			color: GRIS
		});
		for (const linea of lineas) {
			espacio(14.5);
			y -= 14.5;
			page.drawText(linea, { x: MARGEN + colEtiqueta, y, size: 10.5, font: normal, color: NEGRO });
		}
	}

	// Optional table: header row repeated on each page it continues on.
	if (datos.tabla && datos.tabla.filas.length > 0) {
		y -= 14;
		const [cabecera, ...filas] = datos.tabla.filas.map((f) => f.map(aWinAnsi));
		const size = 9;
		const columnas = cabecera.length;
		// Column widths from the widest cell of each column, scaled to the usable width.
		const anchos = Array.from({ length: columnas }, (_, i) =>
			Math.max(30, ...[cabecera, ...filas].map((f) => negrita.widthOfTextAtSize(f[i] ?? '', size) + 10))
		);
		const total = anchos.reduce((a, b) => a + b, 0);
		const escala = UTIL / total;
		const cols = anchos.map((a) => a * escala);
		const fila = (celdas: string[], font: PDFFont, fondo?: boolean) => {
			const alto = size * 1.9;
			y -= alto;
			if (fondo) page.drawRectangle({ x: MARGEN, y, width: UTIL, height: alto, color: FONDO });
			let x = MARGEN;
			celdas.forEach((celda, i) => {
				page.drawText(ajustar(celda, font, size, cols[i] - 8), {
					x: x + 4,
					y: y + alto * 0.32,
					size,
					font,
					color: NEGRO
				});
				x += cols[i];
			});
		};
		espacio(14 + size * 1.9 * 2);
		texto(datos.tabla.titulo, 11, negrita);
		y -= 4;
		fila(cabecera, negrita, true);
		for (const f of filas) {
			if (y - size * 1.9 < piso) {
				nuevaPagina();
				texto(`${datos.tabla.titulo} (continuación)`, 11, negrita);
				y -= 4;
				fila(cabecera, negrita, true);
			}
			fila(f, normal);
		}
	}

	// Verification block at the foot of the first page: dates, the code in large type, the QR.
	const primera = paginas[0];
	const base = MARGEN + PIE;
	primera.drawRectangle({
		x: MARGEN,
		y: base,
		width: UTIL,
		height: BLOQUE,
		borderColor: AZUL,
		borderWidth: 1,
		color: rgb(1, 1, 1)
	});
	const izq = MARGEN + 14;
	const anchoIzq = UTIL - QR_LADO - 42;
	// yb is the top of the next line; each line's baseline sits one font size below its top.
	let yb = base + BLOQUE - 14;
	const linea = (t: string, size: number, font: PDFFont, color = NEGRO) => {
		for (const l of partirLineas(aWinAnsi(t), font, size, anchoIzq)) {
			primera.drawText(l, { x: izq, y: yb - size, size, font, color });
			yb -= size * 1.35;
		}
	};
	linea(`Fecha de emisión: ${fechaCorta(cert.emitido)}`, 10.5, normal);
	linea(`Válido hasta: ${fechaCorta(cert.vence)} inclusive`, 10.5, normal);
	yb -= 6;
	linea('Código de verificación', 10, negrita, GRIS);
	yb -= 6;
	linea(cert.codigo, 24, negrita, AZUL);
	yb -= 2;
	linea(
		`Escaneá el código o ingresá el código en ${cert.origin}/verificar para comprobar que este certificado es auténtico.`,
		8.5,
		normal,
		GRIS
	);

	const { size, runs } = rectangulosQr(cert.qr);
	const modulo = QR_LADO / size;
	const qx = MARGEN + UTIL - QR_LADO - 14;
	const qyTop = base + (BLOQUE + QR_LADO) / 2;
	// One path of ~1,500 rectangles filled once: drawRectangle per run costs a graphics state each
	// (≈ 100 ms for a QR on a slow CPU); raw operators take a few ms and give a smaller file.
	primera.pushOperators(
		pushGraphicsState(),
		setFillingRgbColor(0, 0, 0),
		...runs.map(([fila, desde, largo]) =>
			rectangle(
				qx + desde * modulo,
				qyTop - (fila + 1) * modulo,
				largo * modulo,
				// A hair taller than a module: rows overlap instead of leaving white lines between them.
				modulo * 1.02
			)
		),
		fill(),
		popGraphicsState()
	);

	// Footer on every page: page number and the code, so a loose second page still names its certificate.
	paginas.forEach((p, i) => {
		p.drawText(
			aWinAnsi(
				`Página ${i + 1} de ${paginas.length} · Certificado ${cert.codigo} · Emitido por ANSES a través de mi ANSES`
			),
			{ x: MARGEN, y: MARGEN, size: 8, font: normal, color: GRIS }
		);
	});

	return doc.save({ useObjectStreams: false });
}

/**
 * The PDF builder in Node: the text a reader extracts (pdf.js, as a browser or a bank's tool would),
 * the characters the standard font cannot draw, the layout (nothing overlaps, long tables continue on
 * the next page), determinism, and that the QR drawn as rectangles decodes back to its text (jsQR).
 */
import jsQR from 'jsqr';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DatosCertificado } from '../../src/lib/domain/api/certificados';
import { aWinAnsi, construirPdf, partirLineas, rectangulosQr, type PdfCertificado } from './pdf';

const QR = `http://localhost:8787/verificar#eyJhbGciOiJFUzI1NiIsImtpZCI6ImxvY2FsLTIwMjYxMTI1LTYzM2QifQ.${'eyJj'.repeat(90)}.${'a'.repeat(86)}`;

function certificado(datos: Partial<DatosCertificado> = {}): PdfCertificado {
	return {
		datos: {
			titulo: 'Certificación Negativa',
			texto:
				'ANSES certifica que María José Muñoz Núñez, CUIL 27-30111222-4, no registra, entre mayo de 2026 y noviembre de 2026, trabajo en relación de dependencia declarado por un empleador, ni jubilación o pensión nacional otorgada o en trámite.',
			titular: { nombre: 'María José Muñoz Núñez', cuil: '27-30111222-4', dni: '30.111.222' },
			detalles: [{ etiqueta: 'Período certificado', valor: 'mayo de 2026 a noviembre de 2026' }],
			...datos
		},
		codigo: 'K7M3-Q9XD-2F4H',
		emitido: '2026-11-25',
		vence: '2026-12-24',
		emitidoAt: Date.UTC(2026, 10, 25, 15, 30),
		qr: QR,
		origin: 'http://localhost:8787'
	};
}

interface Item {
	str: string;
	x: number;
	y: number;
	w: number;
	h: number;
}

async function leer(bytes: Uint8Array) {
	const doc = await getDocument({
		data: bytes.slice(),
		isEvalSupported: false,
		// pdf.js reads the metrics of the 14 standard fonts from here (else it warns on every page).
		standardFontDataUrl: fileURLToPath(
			new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url)
		)
	}).promise;
	const paginas: Item[][] = [];
	for (let i = 1; i <= doc.numPages; i++) {
		const page = await doc.getPage(i);
		const { items } = await page.getTextContent();
		paginas.push(
			items
				.filter(
					(it): it is typeof it & { str: string; transform: number[]; width: number; height: number } =>
						'str' in it
				)
				.map((it) => ({ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h: it.height }))
		);
	}
	const meta = await doc.getMetadata();
	return { paginas, texto: paginas.map((p) => p.map((i) => i.str).join('\n')).join('\n'), meta };
}

describe('aWinAnsi', () => {
	it('keeps every Spanish character and replaces what Helvetica cannot encode', () => {
		expect(aWinAnsi('Núñez ¿Muñoz? ¡Sí! 1.º 2.ª 30° € «a» – … “b”')).toBe(
			'Núñez ¿Muñoz? ¡Sí! 1.º 2.ª 30° € «a» – … “b”'
		);
		expect(aWinAnsi('a → b ✓ ≥ 😀')).toBe('a ? b ? ? ?');
		// Decomposable letters keep their base letter; compatibility forms their plain form.
		expect(aWinAnsi('Łódź Ōsaka ﬁn № 5 ő')).toBe('?ódz Osaka fin No 5 o');
		expect(aWinAnsi('uno\tdos\ntres\r\ncuatro')).toBe('uno dos tres  cuatro');
		// A decomposed tilde (n + U+0303) becomes the composed ñ.
		expect(aWinAnsi('Mun\u0303oz')).toBe('Muñoz');
	});

	it('only lets through characters the standard font really encodes', async () => {
		const doc = await PDFDocument.create();
		const font = await doc.embedFont(StandardFonts.Helvetica);
		let todos = '';
		for (let cp = 0; cp <= 0x2122; cp++) todos += String.fromCodePoint(cp);
		const limpio = aWinAnsi(todos);
		expect(() => font.encodeText(limpio)).not.toThrow();
		expect(() => font.encodeText('→')).toThrow();
	});
});

describe('the certificate PDF', () => {
	it('carries the title, the header and names with ñ and tildes as text a reader extracts', async () => {
		const bytes = await construirPdf(certificado());
		expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
		const { texto, meta, paginas } = await leer(bytes);
		expect(paginas).toHaveLength(1);
		for (const s of [
			'ANSES — Administración Nacional de la Seguridad Social',
			'República Argentina',
			'Certificación Negativa',
			'María José Muñoz Núñez',
			'Muñoz',
			'Núñez',
			'27-30111222-4',
			'K7M3-Q9XD-2F4H',
			'Fecha de emisión: 25/11/2026',
			'Válido hasta: 24/12/2026 inclusive',
			'Período certificado',
			'Página 1 de 1'
		])
			expect(texto).toContain(s);
		expect(texto.replace(/\s+/g, ' ')).toContain(
			'ingresá el código en http://localhost:8787/verificar para comprobar'
		);
		const info = meta.info as Record<string, string>;
		expect(info.Title).toBe('Certificación Negativa K7M3-Q9XD-2F4H');
		expect(info.Author).toBe('ANSES');
		expect(info.Producer).toBe('mi ANSES');
		expect(info.Creator).toBe('mi ANSES');
		expect(info.CreationDate).toMatch(/^D:20261125153000/);
	});

	it('replaces characters outside WinAnsi instead of throwing', async () => {
		const bytes = await construirPdf(
			certificado({
				titular: { nombre: 'Zoë Łukasz → Núñez 😀', cuil: '27-30111222-4', dni: '30.111.222' },
				texto: 'Texto con ✓ y ≥ y\tun tab\ny un salto.'
			})
		);
		const { texto } = await leer(bytes);
		expect(texto).toContain('Zoë ?ukasz ? Núñez ?');
		expect(texto).toContain('Texto con ? y ? y un tab y un salto.');
	});

	it('gives the same bytes for the same input (no clock, no random id)', async () => {
		const a = await construirPdf(certificado());
		const b = await construirPdf(certificado());
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
	});

	it('wraps long text within the margins and never overlaps two lines', async () => {
		const largo = `ANSES certifica que ${'Pérez '.repeat(80)}fin.`;
		const { paginas } = await leer(await construirPdf(certificado({ texto: largo })));
		const items = paginas[0].filter((i) => i.str.trim() !== '');
		for (const i of items) {
			expect(i.x).toBeGreaterThanOrEqual(55);
			expect(i.x + i.w).toBeLessThanOrEqual(595.28 - 55);
		}
		for (let a = 0; a < items.length; a++)
			for (let b = a + 1; b < items.length; b++) {
				const p = items[a];
				const q = items[b];
				const cruzan =
					p.x < q.x + q.w - 0.5 && q.x < p.x + p.w - 0.5 && p.y < q.y + q.h - 1 && q.y < p.y + p.h - 1;
				expect(cruzan, `"${p.str}" overlaps "${q.str}"`).toBe(false);
			}
	});

	it('continues a long table on the next pages, repeating its header, with every page numbered', async () => {
		const filas = [['Empleador', 'Año', 'Meses', 'Remuneraciones', 'Aportes']];
		for (let y = 1990; y < 2050; y++)
			filas.push(['Metalúrgica Córdoba Norte S.A.', String(y), '12', '$ 1.234.567,89', '$ 135.802,47']);
		const { paginas, texto } = await leer(
			await construirPdf(certificado({ tabla: { titulo: 'Aportes por empleador y año', filas } }))
		);
		expect(paginas.length).toBeGreaterThanOrEqual(2);
		expect(texto).toContain('Aportes por empleador y año (continuación)');
		for (const y of ['1990', '2049']) expect(texto).toContain(y);
		paginas.forEach((p, i) =>
			expect(p.map((x) => x.str).join(' ')).toContain(`Página ${i + 1} de ${paginas.length}`)
		);
		// Table rows on the first page stay above the verification block (which ends at y ≈ 264).
		const primeras = paginas[0].filter((i) => /^(19|20)\d\d$/.test(i.str));
		expect(Math.min(...primeras.map((i) => i.y))).toBeGreaterThan(264);
	});

	it('draws a QR that decodes back to the verification URL', () => {
		const { size, runs } = rectangulosQr(QR);
		const escala = 4;
		const borde = 4;
		const lado = (size + 2 * borde) * escala;
		const rgba = new Uint8ClampedArray(lado * lado * 4).fill(255);
		for (const [fila, desde, largo] of runs)
			for (let c = desde; c < desde + largo; c++)
				for (let dy = 0; dy < escala; dy++)
					for (let dx = 0; dx < escala; dx++) {
						const px = ((fila + borde) * escala + dy) * lado + (c + borde) * escala + dx;
						rgba.fill(0, px * 4, px * 4 + 3);
					}
		expect(jsQR(rgba, lado, lado)?.data).toBe(QR);
	});

	it('splits words longer than a line', async () => {
		const doc = await PDFDocument.create();
		const font = await doc.embedFont(StandardFonts.Helvetica);
		const lineas = partirLineas(`corto ${'x'.repeat(300)} fin`, font, 10, 200);
		expect(lineas.length).toBeGreaterThan(2);
		for (const l of lineas) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(200);
		expect(lineas.join('').replace(/ /g, '')).toBe(`corto${'x'.repeat(300)}fin`);
	});
});

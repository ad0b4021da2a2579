import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { jwsDeTexto, textoQr } from '../domain/certificados/sello';
import { leerConProgreso, progreso, tamanioEsperado } from './descarga';
import { formatoBytes, textoEspacio } from './espacio';
import { hechosEnPalabras, textoEstado } from './hechos';
import { qrPath, qrViewBox } from './qr-svg';

describe('progreso', () => {
	it('is the whole percent received, capped at 100, or null without a size', () => {
		expect(progreso(0, 1000)).toBe(0);
		expect(progreso(399, 1000)).toBe(39);
		expect(progreso(400, 1000)).toBe(40);
		expect(progreso(1200, 1000)).toBe(100);
		expect(progreso(10, 0)).toBeNull();
		expect(progreso(10, null)).toBeNull();
	});

	it('measures against Content-Length, else the size the list announced', () => {
		expect(tamanioEsperado(new Response('x', { headers: { 'content-length': '500' } }), 9)).toBe(500);
		expect(tamanioEsperado(new Response('x'), 900)).toBe(900);
		expect(tamanioEsperado(new Response('x'))).toBeNull();
	});

	it('reads a body chunk by chunk, reporting each step, into a PDF blob', async () => {
		const chunks = [new Uint8Array(400), new Uint8Array(400), new Uint8Array(200)];
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (const c of chunks) controller.enqueue(c);
				controller.close();
			}
		});
		const seen: (number | null)[] = [];
		const blob = await leerConProgreso(
			new Response(body, { headers: { 'content-length': '1000' } }),
			undefined,
			(p) => seen.push(p)
		);
		expect(seen).toEqual([0, 40, 80, 100, 100]);
		expect(blob.size).toBe(1000);
		expect(blob.type).toBe('application/pdf');
	});
});

describe('storage line', () => {
	it('formats sizes the Argentine way', () => {
		expect(formatoBytes(1_234_567)).toBe('1,2 MB');
		expect(formatoBytes(2_300_000_000)).toBe('2,3 GB');
		expect(formatoBytes(512)).toBe('512 bytes');
		expect(formatoBytes(150_000)).toBe('150 KB');
	});

	it('says how much is used of what is available, or nothing when the browser does not say', () => {
		expect(textoEspacio({ usage: 1_234_567, quota: 2_300_000_000 })).toBe(
			'Usás 1,2 MB de 2,3 GB disponibles en este teléfono.'
		);
		expect(textoEspacio(undefined)).toBeNull();
		expect(textoEspacio({})).toBeNull();
	});
});

describe('QR as one SVG path', () => {
	it('covers exactly the dark modules of the matrix, merged by rows', () => {
		const qr = QRCode.create('https://mi.anses.gob.ar/verificar#aaa.bbb.ccc', { errorCorrectionLevel: 'M' });
		const d = qrPath(qr.modules);
		// Rebuild the matrix from the path and compare with the library's.
		const size = qr.modules.size;
		const back = new Uint8Array(size * size);
		for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
			const [x, y, w] = [Number(m[1]) - 4, Number(m[2]) - 4, Number(m[3])];
			for (let i = 0; i < w; i++) back[y * size + x + i] = 1;
		}
		expect([...back]).toEqual([...qr.modules.data].map((v) => (v ? 1 : 0)));
		expect(qrViewBox(qr.modules)).toBe(`0 0 ${size + 8} ${size + 8}`);
	});

	it('draws a row of three dark modules as one rectangle', () => {
		expect(qrPath({ size: 3, data: [1, 1, 1, 0, 0, 0, 0, 1, 0] }, 0)).toBe('M0 0h3v1h-3zM1 2h1v1h-1z');
	});
});

describe('the JWS in a scanned text or in the address', () => {
	it('takes it from the fragment of the Verificar link, or as it is', () => {
		expect(jwsDeTexto(textoQr('https://mi.anses.gob.ar', 'aa.bb.cc'))).toBe('aa.bb.cc');
		expect(jwsDeTexto('#aa.bb.cc')).toBe('aa.bb.cc');
		expect(jwsDeTexto('  aa.bb.cc \n')).toBe('aa.bb.cc');
		expect(jwsDeTexto('hola')).toBeNull();
		expect(jwsDeTexto('')).toBeNull();
	});
});

describe('facts and state in words', () => {
	it('names the signed facts of a Certificación Negativa and a payment', () => {
		expect(hechosEnPalabras('negativa', { desde: '2026-05', hasta: '2026-10' })).toEqual([
			{ etiqueta: 'Desde', valor: 'mayo de 2026' },
			{ etiqueta: 'Hasta', valor: 'octubre de 2026' }
		]);
		const pago = hechosEnPalabras('prestacion', { neto: 41929932, fecha: '2026-11-10', otro: 'x' });
		expect(pago[0]).toEqual({ etiqueta: 'Monto neto cobrado', valor: expect.stringMatching(/419\.299,32/) });
		expect(pago[1]).toEqual({ etiqueta: 'Fecha de pago', valor: '10 de noviembre de 2026' });
		// Nothing signed is hidden, even a fact this page does not know.
		expect(pago[2]).toEqual({ etiqueta: 'otro', valor: 'x' });
	});

	it('says the state in the words of the list', () => {
		expect(textoEstado('vigente', '2026-12-24')).toBe('Vigente hasta el 24/12');
		expect(textoEstado('vencido', '2026-12-24')).toBe('Vencido');
		expect(textoEstado('revocado', '2026-12-24')).toBe('Anulado');
	});
});

/**
 * A Worker used only by `npm run bench` (started by certificados-pdf.ts): builds and signs one
 * certificate per request with the production code (worker/certificados/pdf.ts and sello.ts), exactly
 * the CPU work of POST /api/certificados without D1 and R2. `?n=0` does nothing, so the driver can
 * subtract the cost of a request from the cost of a build.
 */
import {
	firmar,
	hashDatos,
	pdfParaHash,
	sellarPdf,
	sha256,
	textoQr,
	type Claims
} from '../../src/lib/domain/certificados/sello';
import type { DatosCertificado } from '../../src/lib/domain/api/certificados';
import { construirPdf } from '../../worker/certificados/pdf';

// Bench only: a fixed key generated for this file, never used anywhere else.
const CLAVE = {
	kty: 'EC',
	crv: 'P-256',
	x: 'E4IBe44odsxnzJg-0PsOFqE94B0bUfnwTPEt4aBWhus',
	y: 'jK1FnHOldRRk4zeEqfWkjIoyyml65Djw8kHYQ3pgLqY',
	d: 'ffYy0k7yGT57Ryjj2wOHSz4E54A65NdHOibCPBYOeXM',
	kid: 'bench-1'
};
const ORIGIN = 'http://localhost:8787';

function datos(tipo: string): DatosCertificado {
	const titular = { nombre: 'Martín Ezequiel Sosa', cuil: '23-30456789-9', dni: '30.456.789' };
	if (tipo === 'aportes') {
		// Martín's 19 years summarised by employer and year: 22 rows, two pages.
		const filas = [['Empleador', 'Año', 'Meses', 'Remuneraciones', 'Aportes']];
		for (let y = 2006; y <= 2027; y++)
			filas.push(['Metalúrgica Córdoba Norte S.A.', String(y), '12', '$ 20.400.000,00', '$ 2.244.000,00']);
		return {
			titulo: 'Constancia de aportes',
			texto:
				'ANSES certifica que Martín Ezequiel Sosa, CUIL 23-30456789-9, registra 229 meses (19 años y 1 mes) con aportes personales al Sistema Integrado Previsional Argentino (SIPA) entre marzo de 2006 y noviembre de 2026, declarados por 4 empleadores, por un total de $ 41.234.567,89 en aportes personales.',
			titular,
			detalles: [
				{ etiqueta: 'Período', valor: 'marzo de 2006 a noviembre de 2026' },
				{ etiqueta: 'Meses con aportes', valor: '229 meses (19 años y 1 mes)' }
			],
			tabla: { titulo: 'Aportes por empleador y año', filas }
		};
	}
	return {
		titulo: 'Certificación Negativa',
		texto:
			'ANSES certifica que Martín Ezequiel Sosa, CUIL 23-30456789-9, no registra, entre mayo de 2026 y noviembre de 2026, trabajo en relación de dependencia declarado por un empleador, declaraciones de provincias fuera del SIPA, pagos como trabajador autónomo, monotributista o de casas particulares, asignación por maternidad para casas particulares, prestación por desempleo, programas sociales, Asignación Universal por Hijo o por Embarazo, asignaciones familiares, Beca Progresar, ni jubilación o pensión nacional otorgada o en trámite.',
		titular,
		detalles: [{ etiqueta: 'Período certificado', valor: 'mayo de 2026 a noviembre de 2026' }]
	};
}

async function emitir(tipo: string): Promise<number> {
	const d = datos(tipo);
	const claims: Claims = {
		v: 1,
		c: 'K7M3-Q9XD-2F4H',
		t: tipo === 'aportes' ? 'aportes' : 'negativa',
		s: '23304567899',
		n: 'Martín Ezequiel Sosa',
		d:
			tipo === 'aportes'
				? { desde: '2006-03', hasta: '2026-11', meses: 229, aportes: 4123456789 }
				: { desde: '2026-05', hasta: '2026-11' },
		i: '2026-11-25',
		e: '2026-12-24'
	};
	const qr = await firmar(claims, CLAVE);
	const pdf = await construirPdf({
		datos: d,
		codigo: claims.c,
		emitido: claims.i,
		vence: claims.e,
		emitidoAt: Date.UTC(2026, 10, 25, 15),
		qr: textoQr(ORIGIN, qr),
		origin: ORIGIN
	});
	const sello = await firmar({ ...claims, h: await sha256(pdfParaHash(pdf)), x: await hashDatos(d) }, CLAVE);
	return sellarPdf(pdf, sello).length;
}

export default {
	async fetch(request: Request): Promise<Response> {
		const url = new URL(request.url);
		const n = Math.min(Number(url.searchParams.get('n') ?? '1'), 20);
		let bytes = 0;
		for (let i = 0; i < n; i++) bytes = await emitir(url.searchParams.get('tipo') ?? 'negativa');
		return new Response(String(bytes));
	}
};

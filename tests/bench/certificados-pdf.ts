/**
 * PDF generation + signing time of one certificate inside workerd, as POST /api/certificados does it
 * (build the PDF with the QR, sign the QR claims, hash the PDF, sign the seal, append it), without D1
 * and R2. Inside workerd the clock does not move during computation, so each build is timed from
 * outside: 50 requests that build one certificate each, minus the median of 50 requests that build
 * none. Reports median and p95 per build, for a one-page Certificación Negativa and for the largest
 * certificate (Martín's Constancia de aportes, two pages), and the sealed PDF sizes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PORTS, startServer } from './server';
const PORT = PORTS.certificadosPdf;
const N = 50;

const quantile = (xs: number[], q: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function timed(url: string): Promise<{ ms: number; body: string }> {
	const t = performance.now();
	const res = await fetch(url);
	const body = await res.text();
	return { ms: performance.now() - t, body };
}

export interface CertificadosPdfBench {
	negativa: { medianMs: number; p95Ms: number; bytes: number };
	aportes: { medianMs: number; p95Ms: number; bytes: number };
	builds: number;
}

export async function benchCertificadosPdf(): Promise<CertificadosPdfBench> {
	const server = await startServer({
		port: PORT,
		args: ['tests/bench/certificados-worker.ts', '--config', 'tests/bench/wrangler.bench.toml'],
		ready: '/?n=0'
	});
	try {
		const base = `http://127.0.0.1:${PORT}/?`;
		const out = {} as CertificadosPdfBench;
		for (const tipo of ['negativa', 'aportes'] as const) {
			for (let i = 0; i < 5; i++) await timed(`${base}n=1&tipo=${tipo}`); // warm up pdf-lib, fonts, keys
			const vacio: number[] = [];
			const una: number[] = [];
			let bytes = 0;
			for (let i = 0; i < N; i++) {
				vacio.push((await timed(`${base}n=0`)).ms);
				const r = await timed(`${base}n=1&tipo=${tipo}`);
				una.push(r.ms);
				bytes = Number(r.body);
			}
			const fijo = quantile(vacio, 0.5);
			const porBuild = una.map((ms) => Math.max(0, ms - fijo));
			out[tipo] = {
				medianMs: Number(quantile(porBuild, 0.5).toFixed(1)),
				p95Ms: Number(quantile(porBuild, 0.95).toFixed(1)),
				bytes
			};
		}
		out.builds = N;
		return out;
	} finally {
		server.stop();
	}
}

// `npx tsx tests/bench/certificados-pdf.ts` runs it alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]))
	console.log(JSON.stringify(await benchCertificadosPdf(), null, 2));

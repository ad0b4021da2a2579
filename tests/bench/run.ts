/**
 * `npm run bench`: measurements that are too slow or too noisy for `npm test`. Prints a table and writes
 * JSON to tests/reports/bench.json. Figures and dates are recorded in docs/PERFORMANCE.md.
 *
 * - Clave hash: CPU time of one Argon2id hash (OWASP parameters) inside workerd.
 * - Passkey: Worker time to verify one passkey sign-in (SimpleWebAuthn, ES256) inside workerd.
 * - Certificates: PDF generation + both signatures of one certificate inside workerd, median and p95
 *   (certificados-pdf.ts).
 * - Login screen under Slow 4G + 4× CPU, cold and warm from the service worker: LCP and network bytes
 *   (load-slow4g.ts, own JSON).
 * - Scale: the busiest screens' queries with 1,000 and 1,000,000 seeded citizens (`--no-scale` skips).
 * - Login page first load: gzip bytes of the HTML, JS and CSS the browser fetches for /ingresar,
 *   read from a real Chromium page load against the built app (fonts and images listed apart).
 * - Lighthouse (mobile, Slow 4G) on /ingresar, /verificar, /certificados and a static floor page
 *   (lighthouse.ts); every screen's first-load bytes and the Worker bundle (bundle.ts); requests per
 *   second against a bare route with autocannon (throughput.ts); the surge projection (surge.ts).
 *
 * Servers are started by server.ts on ports 8830–8839. A module that breaks is reported and skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchBundle } from './bundle';
import { benchCertificadosPdf } from './certificados-pdf';
import { benchCertificadosOffline } from './certificados-offline';
import { benchLighthouse } from './lighthouse';
import { benchLoadSlow4g } from './load-slow4g';
import { PORTS, ensureBuild, kib, launchChromium, median, root, signInCookie, startServer } from './server';
import { benchThroughput } from './throughput';
import { surge } from './surge';

const LOGIN_BUDGET = 50 * 1024;

async function timeRequest(url: string): Promise<number> {
	const t = performance.now();
	const res = await fetch(url);
	await res.text();
	return performance.now() - t;
}

/** Milliseconds of Worker time per operation: (median time of 1+K) − (median time of 1), over K. */
async function perOperation(port: number, what: string, K: number) {
	const base = `http://127.0.0.1:${port}/?what=${what}&n=`;
	for (let i = 0; i < 3; i++) await timeRequest(base + '1'); // warm up the isolate, Wasm and keys
	const one: number[] = [];
	const many: number[] = [];
	for (let i = 0; i < 7; i++) {
		one.push(await timeRequest(base + '1'));
		many.push(await timeRequest(base + String(1 + K)));
	}
	return (median(many) - median(one)) / K;
}

async function benchWorkerOps() {
	const port = PORTS.hashWorker;
	const server = await startServer({
		port,
		args: ['--config', 'tests/bench/wrangler.bench.toml'],
		ready: '/?n=1'
	});
	try {
		return {
			msPerHash: await perOperation(port, 'hash', 10),
			msPerPasskey: await perOperation(port, 'passkey', 40)
		};
	} finally {
		server.stop();
	}
}

async function benchLoginBytes() {
	ensureBuild();
	const port = PORTS.loginBytes;
	const server = await startServer({ port, state: '.wrangler/bench' });
	try {
		const browser = await launchChromium();
		const page = await browser.newPage();
		const files: { url: string; type: string; raw: number; gzip: number }[] = [];
		page.on('response', async (res) => {
			const url = res.url();
			if (!url.startsWith(`http://127.0.0.1:${port}/`) || url.includes('/api/')) return;
			try {
				const body = await res.body();
				files.push({
					url: url.replace(`http://127.0.0.1:${port}`, ''),
					type: res.request().resourceType(),
					raw: body.length,
					gzip: gzipSync(body, { level: 9 }).length
				});
			} catch {
				/* redirects have no body */
			}
		});
		await page.goto(`http://127.0.0.1:${port}/ingresar`, { waitUntil: 'networkidle' });
		await browser.close();
		const code = files.filter((f) => ['document', 'script', 'stylesheet'].includes(f.type));
		const other = files.filter((f) => !code.includes(f));
		return {
			htmlJsCssGzip: code.reduce((n, f) => n + f.gzip, 0),
			otherGzip: other.reduce((n, f) => n + f.gzip, 0),
			files
		};
	} finally {
		server.stop();
	}
}

/**
 * The busiest screens' queries against a small and a large population, side by side. Each database is
 * seeded once into its own folder under .wrangler/ and reused by later runs (the million takes minutes
 * and about 2 GB). Times are medians of signed-in requests from this process on loopback.
 */
const SCALES = [
	{ name: '1k', citizens: 1_000 },
	{ name: '1M', citizens: 1_000_000 }
];
const SCREENS = [
	['prestaciones', '/api/servicios/prestaciones'],
	['pagos', '/api/servicios/pagos?limit=12'],
	['cobro', '/api/servicios/cobro'],
	['historia laboral', '/api/servicios/historia-laboral'],
	['tramites', '/api/servicios/tramites'],
	['sesión', '/api/auth/session']
] as const;

async function benchScale() {
	const out: Record<string, Record<string, number>> = {};
	for (const [i, scale] of SCALES.entries()) {
		const server = await startServer({
			port: i === 0 ? PORTS.scale1k : PORTS.scale1M,
			state: `.wrangler/bench-${scale.name.toLowerCase()}`,
			seed: scale.citizens,
			seedIfEmpty: true
		});
		const port = server.port;
		try {
			out[scale.name] = {};
			for (const [cuil, clave] of [
				['27051234567', 'Mate-Lluvia-73!'],
				['23304567899', 'Tornillo.Azul-58']
			]) {
				const cookie = await signInCookie(server.origin, cuil, clave);
				for (const [screen, url] of SCREENS) {
					const times: number[] = [];
					for (let k = 0; k < 30; k++) {
						const t = performance.now();
						await (await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie } })).text();
						times.push(performance.now() - t);
					}
					const key = `${screen} (${cuil === '27051234567' ? 'Rosa' : 'Martín'})`;
					out[scale.name][key] = median(times.slice(5));
				}
			}
		} finally {
			server.stop();
		}
	}
	return out;
}

const hash = await benchWorkerOps();
const login = await benchLoginBytes();
const certificados = await benchCertificadosPdf();
// Offline tap-to-render with 500 certificates, /verificar and /certificados first-load bytes (own JSON).
await benchCertificadosOffline();
// Cold and warm load of /ingresar under Slow 4G (own JSON, tests/reports/bench-load.json).
await benchLoadSlow4g();
/** A module that breaks is reported and skipped: the rest of the run still measures. */
async function attempt<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
	try {
		return await fn();
	} catch (error) {
		console.error(`\n[bench] ${name} failed: ${error instanceof Error ? error.message : error}`);
		return null;
	}
}
// Lighthouse on /ingresar, /verificar, /certificados and the static floor (own JSON).
await attempt('lighthouse', benchLighthouse);
// Every screen's first-load gzip bytes and the Worker bundle against 3 MiB (own JSON).
await attempt('bundle', benchBundle);
// Requests per second of the main routes against a bare route, with autocannon (own JSON).
await attempt('throughput', benchThroughput);
const scale = process.argv.includes('--no-scale') ? null : await benchScale();
const projection = surge(hash);
const results = {
	date: new Date().toISOString(),
	node: process.version,
	claveHash: { msPerHash: Number(hash.msPerHash.toFixed(1)), params: 'argon2id m=19456 t=2 p=1' },
	passkeyVerify: { msPerVerification: Number(hash.msPerPasskey.toFixed(2)), algorithm: 'ES256' },
	loginFirstLoad: {
		htmlJsCssGzipBytes: login.htmlJsCssGzip,
		budgetBytes: LOGIN_BUDGET,
		fontsAndImagesGzipBytes: login.otherGzip,
		files: login.files
	},
	certificadosPdf: certificados,
	scale,
	surge: projection
};
fs.mkdirSync(path.join(root, 'tests/reports'), { recursive: true });
fs.writeFileSync(path.join(root, 'tests/reports/bench.json'), JSON.stringify(results, null, 2));

console.log('\nmeasure                                  value          target');
console.log(`clave hash in workerd (Argon2id, OWASP)  ${`${hash.msPerHash.toFixed(1)} ms`.padEnd(14)} —`);
console.log(`passkey sign-in verification (ES256)     ${`${hash.msPerPasskey.toFixed(2)} ms`.padEnd(14)} —`);
console.log(
	`login first load, HTML+JS+CSS (gzip)     ${kib(login.htmlJsCssGzip).padEnd(14)} ≤ ${kib(LOGIN_BUDGET)} ${login.htmlJsCssGzip <= LOGIN_BUDGET ? 'ok' : 'OVER'}`
);
console.log(`login first load, fonts/images (gzip)    ${kib(login.otherGzip).padEnd(14)} —`);
for (const [tipo, r] of Object.entries({ negativa: certificados.negativa, aportes: certificados.aportes }))
	console.log(
		`certificate PDF + signing (${tipo})${' '.repeat(13 - tipo.length)}${`${r.medianMs} ms`.padEnd(14)} p95 ${r.p95Ms} ms, ${kib(r.bytes)} (workerd, ${certificados.builds} builds)`
	);
if (scale) {
	console.log('\nscreen query (median ms)                  1k        1M     ratio');
	for (const key of Object.keys(scale['1k'])) {
		const a = scale['1k'][key];
		const b = scale['1M'][key];
		console.log(
			`${key.padEnd(40)} ${a.toFixed(2).padStart(7)}  ${b.toFixed(2).padStart(8)}  ${(b / a).toFixed(2).padStart(6)}`
		);
	}
}
const usd = projection.usdPerMonthIfEveryDayIsSurge;
console.log(
	`\nsurge: 1.6 M clave sign-ins/day, peaks of 2,000/s  one such day ≈ US$ ${projection.usdForOneSurgeDay}; a month of them ≈ US$ ${usd.total} (D1 writes US$ ${usd.d1Writes}, CPU US$ ${usd.cpu})`
);
console.log(
	`at the peak: ${projection.atPeak.cpuCoresBusy} CPU cores busy hashing; ${projection.atPeak.d1WriteTransactionsPerSecond} D1 write transactions/s = ${projection.atPeak.d1PrimaryLoad}× one primary → saturates first: ${projection.saturatesFirst}`
);
console.log('\nwritten to tests/reports/bench*.json');

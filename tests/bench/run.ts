/**
 * `npm run bench`: measurements that are too slow or too noisy for `npm test`. Prints a table and writes
 * JSON to tests/reports/bench.json. Figures and dates are recorded in docs/PERFORMANCE.md.
 *
 * - Clave hash: wall time and workerd CPU time of one Argon2id hash (OWASP parameters), by difference
 *   (hash.ts; the Worker's own clock stands still during computation).
 * - Passkey: the same for one passkey sign-in verification (SimpleWebAuthn, ES256).
 * - Certificates: PDF generation + both signatures of one certificate inside workerd, median and p95
 *   (certificados-pdf.ts).
 * - Login screen under Slow 4G + 4× CPU, cold and warm from the service worker: LCP and network bytes
 *   (load-slow4g.ts, own JSON).
 * - Scale: the busiest screens' queries with 1,000 and 1,000,000 seeded citizens, side by side
 *   (scale.ts, `--no-scale` skips, `--scale-dir DIR` keeps the two databases elsewhere).
 * - Login page first load: gzip bytes of the HTML, JS and CSS the browser fetches for /ingresar,
 *   read from a real Chromium page load against the built app (fonts and images listed apart).
 * - Lighthouse (mobile, Slow 4G) on /ingresar, /verificar, /certificados and a static floor page
 *   (lighthouse.ts); every screen's first-load bytes and the Worker bundle (bundle.ts); requests per
 *   second against a bare route with autocannon (throughput.ts); the surge projection (surge.ts).
 *
 * Servers are started by server.ts on ports 8830–8839. `--only hash,scale` runs just the modules named
 * (hash, login-bytes, certificate-pdf, offline-certificates, load-slow4g, lighthouse, bundle,
 * throughput, scale, surge); most also run alone with `npx tsx tests/bench/<module>.ts`.
 *
 * The bench never fails on a number: a figure over its budget is printed as OVER and the run exits 0.
 * A module that crashes is reported (table and JSON, `modules.<name>` with its error) and the run goes
 * on with the next one; bench.json is rewritten after every module, so a killed run keeps what it
 * measured. After the last module, the exit code is 1 if any module crashed: a crash is not a
 * measurement but a broken bench (or an app that no longer starts), and a script or CI job running the
 * bench should notice it instead of recording a table with holes.
 */
import { gzipSync } from 'node:zlib';
import { benchBundle } from './bundle';
import { benchCertificadosPdf } from './certificados-pdf';
import { benchCertificadosOffline } from './certificados-offline';
import { benchLighthouse } from './lighthouse';
import { benchLoadSlow4g } from './load-slow4g';
import { benchHash, printHash, type HashBench } from './hash';
import { PORTS, ensureBuild, kib, launchChromium, startServer, writeReport } from './server';
import { benchScale, printScale, scaleDirFromArgs, type ScaleBench } from './scale';
import { benchThroughput } from './throughput';
import { surge } from './surge';

const LOGIN_BUDGET = 50 * 1024;

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

type Outcome =
	| { status: 'running' }
	| { status: 'ok'; seconds: number }
	| { status: 'failed'; seconds: number; error: string }
	| { status: 'skipped'; reason: string };

const results: Record<string, unknown> & { modules: Record<string, Outcome> } = {
	date: new Date().toISOString(),
	node: process.version,
	modules: {}
};
/** Rewritten after every module: a run killed half-way still leaves what it measured. */
const save = () => writeReport('bench.json', results);

/** `--only hash,scale` runs just those modules (names as in the status table at the end). */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1]?.split(',') : undefined;

/** Runs one module; a crash is recorded with its message and the run goes on. */
async function attempt<T>(name: string, fn: () => Promise<T> | T): Promise<T | null> {
	if (only && !only.includes(name)) {
		skip(name, 'not in --only');
		return null;
	}
	results.modules[name] = { status: 'running' };
	save();
	const t = performance.now();
	const seconds = () => Number(((performance.now() - t) / 1000).toFixed(1));
	try {
		const value = await fn();
		results.modules[name] = { status: 'ok', seconds: seconds() };
		return value;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		console.error(`\n[bench] ${name} failed: ${message}`);
		results.modules[name] = { status: 'failed', seconds: seconds(), error: message };
		return null;
	} finally {
		save();
	}
}

function skip(name: string, reason: string) {
	results.modules[name] = { status: 'skipped', reason };
	save();
}

const hash: HashBench | null = await attempt('hash', async () => {
	const h = await benchHash();
	results.claveHash = {
		wallMsPerHash: Number(h.hash.wallMs.toFixed(1)),
		cpuMsPerHash: h.hash.cpuMs === null ? null : Number(h.hash.cpuMs.toFixed(1)),
		params: 'argon2id m=19456 t=2 p=1'
	};
	results.passkeyVerify = {
		wallMsPerVerification: Number(h.passkey.wallMs.toFixed(2)),
		cpuMsPerVerification: h.passkey.cpuMs === null ? null : Number(h.passkey.cpuMs.toFixed(2)),
		algorithm: 'ES256'
	};
	return h;
});
const login = await attempt('login-bytes', async () => {
	const l = await benchLoginBytes();
	results.loginFirstLoad = {
		htmlJsCssGzipBytes: l.htmlJsCssGzip,
		budgetBytes: LOGIN_BUDGET,
		fontsAndImagesGzipBytes: l.otherGzip,
		files: l.files
	};
	return l;
});
const certificados = await attempt(
	'certificate-pdf',
	async () => (results.certificadosPdf = await benchCertificadosPdf())
);
// Offline tap-to-render with 500 certificates, /verificar and /certificados first-load bytes (own JSON).
await attempt('offline-certificates', benchCertificadosOffline);
// Cold and warm load of /ingresar under Slow 4G (own JSON, tests/reports/bench-load.json).
await attempt('load-slow4g', benchLoadSlow4g);
// Lighthouse on /ingresar, /verificar, /certificados and the static floor (own JSON).
await attempt('lighthouse', benchLighthouse);
// Every screen's first-load gzip bytes and the Worker bundle against 3 MiB (own JSON).
await attempt('bundle', benchBundle);
// Requests per second of the main routes against a bare route, with autocannon (own JSON).
await attempt('throughput', benchThroughput);
let scale: ScaleBench | null = null;
if (process.argv.includes('--no-scale')) skip('scale', '--no-scale');
else scale = await attempt('scale', async () => (results.scale = await benchScale(scaleDirFromArgs())));
// The surge prices CPU: the workerd CPU time per hash where /proc has it, the wall time otherwise.
const projection = hash
	? await attempt('surge', () => {
			const basis = hash.hash.cpuMs === null ? 'wall' : 'cpu';
			results.surgeBasis = `${basis} time per clave hash`;
			return (results.surge = surge({
				msPerHash: hash.hash.cpuMs ?? hash.hash.wallMs,
				msPerPasskey: hash.passkey.cpuMs ?? hash.passkey.wallMs
			}));
		})
	: (skip('surge', 'needs the hash module'), null);

const failed = (name: string) => {
	const o = results.modules[name];
	return o.status === 'failed' ? `FAILED: ${o.error}` : o.status === 'skipped' ? `skipped (${o.reason})` : '';
};
console.log('\nmeasure                                  value          target');
if (hash) printHash(hash);
else console.log(`clave hash and passkey verification      ${failed('hash')}`);
if (login) {
	console.log(
		`login first load, HTML+JS+CSS (gzip)     ${kib(login.htmlJsCssGzip).padEnd(14)} ≤ ${kib(LOGIN_BUDGET)} ${login.htmlJsCssGzip <= LOGIN_BUDGET ? 'ok' : 'OVER'}`
	);
	console.log(`login first load, fonts/images (gzip)    ${kib(login.otherGzip).padEnd(14)} —`);
} else console.log(`login first load                         ${failed('login-bytes')}`);
if (certificados)
	for (const [tipo, r] of Object.entries({ negativa: certificados.negativa, aportes: certificados.aportes }))
		console.log(
			`certificate PDF + signing (${tipo})${' '.repeat(13 - tipo.length)}${`${r.medianMs} ms`.padEnd(14)} p95 ${r.p95Ms} ms, ${kib(r.bytes)} (workerd, ${certificados.builds} builds)`
		);
else console.log(`certificate PDF + signing                ${failed('certificate-pdf')}`);
if (scale) printScale(scale);
if (projection) {
	const usd = projection.usdPerMonthIfEveryDayIsSurge;
	console.log(
		`\nsurge: 1.6 M clave sign-ins/day, peaks of 2,000/s  one such day ≈ US$ ${projection.usdForOneSurgeDay}; a month of them ≈ US$ ${usd.total} (D1 writes US$ ${usd.d1Writes}, CPU US$ ${usd.cpu})`
	);
	console.log(
		`at the peak: ${projection.atPeak.cpuCoresBusy} CPU cores busy hashing; ${projection.atPeak.d1WriteTransactionsPerSecond} D1 write transactions/s = ${projection.atPeak.d1PrimaryLoad}× one primary → saturates first: ${projection.saturatesFirst}`
	);
}
console.log('\nmodule                 status');
for (const [name, o] of Object.entries(results.modules))
	console.log(`${name.padEnd(22)} ${o.status === 'ok' ? `ok (${o.seconds} s)` : failed(name)}`);
console.log('\nwritten to tests/reports/bench*.json');
if (Object.values(results.modules).some((o) => o.status === 'failed')) {
	console.error(
		'[bench] at least one module crashed: exit code 1 (its figures are missing, the rest are above)'
	);
	process.exitCode = 1;
}

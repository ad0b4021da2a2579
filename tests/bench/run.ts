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
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { benchCertificadosPdf } from './certificados-pdf';
import { benchCertificadosOffline } from './certificados-offline';
import { benchLoadSlow4g } from './load-slow4g';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
const LOGIN_BUDGET = 50 * 1024;

function startWrangler(args: string[], port: number): ChildProcess {
	return spawn('npx', ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', ...args], {
		cwd: root,
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
}

async function waitFor(url: string, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		try {
			if ((await fetch(url)).status < 500) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${url} did not answer in time`);
}

function stop(child: ChildProcess) {
	try {
		process.kill(-child.pid!, 'SIGTERM');
	} catch {
		/* already gone */
	}
}

async function timeRequest(url: string): Promise<number> {
	const t = performance.now();
	const res = await fetch(url);
	await res.text();
	return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
	const port = 8790;
	const child = startWrangler(['--config', 'tests/bench/wrangler.bench.toml'], port);
	try {
		await waitFor(`http://127.0.0.1:${port}/?n=1`);
		return {
			msPerHash: await perOperation(port, 'hash', 10),
			msPerPasskey: await perOperation(port, 'passkey', 40)
		};
	} finally {
		stop(child);
	}
}

async function benchLoginBytes() {
	if (!fs.existsSync(path.join(root, 'build/index.html'))) {
		const built = spawnSync('npm', ['run', 'build'], { cwd: root, env, stdio: 'inherit' });
		if (built.status !== 0) throw new Error('build failed');
	}
	const port = 8791;
	const persist = path.join(root, '.wrangler/bench');
	const child = startWrangler(['--persist-to', persist], port);
	try {
		await waitFor(`http://127.0.0.1:${port}/api/health`);
		const executablePath = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
		const browser = await chromium.launch({
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		});
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
		stop(child);
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

function run(cmd: string, args: string[]) {
	const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

async function benchScale() {
	const out: Record<string, Record<string, number>> = {};
	for (const [i, scale] of SCALES.entries()) {
		const persist = path.join(root, `.wrangler/bench-${scale.name.toLowerCase()}`);
		run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
		run('npx', [
			'tsx',
			'worker/seed/cli.ts',
			'--citizens',
			String(scale.citizens),
			'--if-empty',
			'--persist-to',
			persist
		]);
		const port = 8792 + i;
		const origin = `http://localhost:${port}`;
		const child = startWrangler(['--persist-to', persist, '--var', `ALLOWED_ORIGINS:${origin}`], port);
		try {
			await waitFor(`http://127.0.0.1:${port}/api/health`);
			out[scale.name] = {};
			for (const [cuil, clave] of [
				['27051234567', 'Mate-Lluvia-73!'],
				['23304567899', 'Tornillo.Azul-58']
			]) {
				const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin },
					body: JSON.stringify({ cuil, clave })
				});
				if (res.status !== 200) throw new Error(`bench sign-in failed: ${res.status}`);
				const cookie = res.headers
					.getSetCookie()
					.map((c) => c.split(';')[0])
					.join('; ');
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
			stop(child);
		}
	}
	return out;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const hash = await benchWorkerOps();
const login = await benchLoginBytes();
const certificados = await benchCertificadosPdf();
// Offline tap-to-render with 500 certificates, /verificar and /certificados first-load bytes (own JSON).
await benchCertificadosOffline();
// Cold and warm load of /ingresar under Slow 4G (own JSON, tests/reports/bench-load.json).
await benchLoadSlow4g();
const scale = process.argv.includes('--no-scale') ? null : await benchScale();
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
	scale
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
console.log('\nwritten to tests/reports/bench.json');

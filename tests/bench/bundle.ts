/**
 * Bundle sizes (issue 9): gzip bytes of each screen's first load (every +page.svelte in src/routes; the
 * document, scripts and styles a fresh browser fetches, service worker blocked; private screens signed
 * in with a session cookie), and the gzip size of the Worker as `wrangler deploy --dry-run` builds it,
 * against the Workers free plan's 3 MiB limit. Writes tests/reports/bench-bundle.json.
 * Alone: `npx tsx tests/bench/bundle.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { firstLoadBytes } from './certificados-offline';
import { PORTS, kib, launchChromium, root, run, startServer, writeReport } from './server';

const PORT = PORTS.routeBytes;
const STATE = '.wrangler/bench-bundle';
const FREE_PLAN_LIMIT = 3 * 1024 * 1024;
const ROSA = { cuil: '27-05123456-7', clave: 'Mate-Lluvia-73!' };
/** A value for each route parameter, so a dynamic screen loads its own code. */
const PARAMS: Record<string, string> = { id: '1', tipo: 'reclamo' };

/** Every screen as a URL: folders of src/routes holding a +page.svelte, groups dropped, params filled. */
export function screenUrls(): { url: string; private: boolean }[] {
	const dir = path.join(root, 'src/routes');
	const out: { url: string; private: boolean }[] = [];
	const walk = (d: string) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			if (e.isDirectory()) walk(path.join(d, e.name));
			else if (e.name === '+page.svelte') {
				const rel = path.relative(dir, d).split(path.sep);
				const url =
					'/' +
					rel
						.filter((s) => !/^\(.*\)$/.test(s))
						.map((s) => s.replace(/^\[(\w+)\]$/, (_, p: string) => PARAMS[p] ?? '1'))
						.join('/');
				out.push({ url, private: rel[0] === '(privado)' });
			}
		}
	};
	walk(dir);
	return out.sort((a, b) => a.url.localeCompare(b.url));
}

/** gzip bytes of what `wrangler deploy --dry-run --outdir` would upload (script, Wasm, source maps apart). */
function workerBundle() {
	const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mi-anses-bundle-'));
	try {
		run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir]);
		const files = fs
			.readdirSync(outdir, { recursive: true, withFileTypes: true })
			.filter((e) => e.isFile() && !e.name.endsWith('.map'))
			.map((e) => {
				const body = fs.readFileSync(path.join(e.parentPath, e.name));
				return { file: e.name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
			});
		return { gzipBytes: files.reduce((n, f) => n + f.gzip, 0), files };
	} finally {
		fs.rmSync(outdir, { recursive: true, force: true });
	}
}

export async function benchBundle() {
	const worker = workerBundle();
	const server = await startServer({ port: PORT, state: STATE, fresh: true, seed: 50 });
	const browser = await launchChromium();
	try {
		// Signed in through the API from a browser context, so its cookies are stored as the browser keeps them.
		const signedIn = await browser.newContext();
		const res = await signedIn.request.post(`${server.origin}/api/auth/login`, {
			headers: { origin: server.origin },
			data: { cuil: ROSA.cuil.replaceAll('-', ''), clave: ROSA.clave }
		});
		if (!res.ok()) throw new Error(`bench sign-in failed: ${res.status()}`);
		const state = await signedIn.storageState();
		await signedIn.close();
		const routes: Record<string, number> = {};
		for (const screen of screenUrls()) {
			const load = await firstLoadBytes(
				browser,
				server.origin + screen.url,
				screen.private ? state : undefined
			);
			routes[screen.url] = load.htmlJsCssGzip;
		}
		const results = {
			date: new Date().toISOString(),
			routesFirstLoadGzipBytes: routes,
			worker: { ...worker, freePlanLimitBytes: FREE_PLAN_LIMIT }
		};
		writeReport('bench-bundle.json', results);
		console.log('\nfirst load, HTML+JS+CSS (gzip)');
		for (const [url, bytes] of Object.entries(routes))
			console.log(`  ${url.padEnd(36)} ${kib(bytes).padStart(9)}`);
		console.log(
			`worker bundle (wrangler deploy --dry-run, gzip)   ${kib(worker.gzipBytes)} of ${kib(FREE_PLAN_LIMIT)} (free plan), ${((100 * worker.gzipBytes) / FREE_PLAN_LIMIT).toFixed(0)} %`
		);
		return results;
	} finally {
		await browser.close();
		server.stop();
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	await benchBundle();
}

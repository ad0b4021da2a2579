/**
 * Lighthouse (12.8.2, the last line that runs on Node 20) in its default mode: mobile, simulated Slow 4G
 * and 4× CPU, performance only. Four pages of the same Worker, side by side in one run:
 *
 * - /ingresar, /verificar, and /certificados signed in (the session cookie of an API sign-in, sent as a
 *   header by Lighthouse; the vault is empty, as on a first visit);
 * - the floor: static/bench/floor.html, the same login form as plain HTML with no script.
 *
 * For each: performance score, LCP, total bytes, JS bytes; and our LCP ÷ the floor's LCP, which holds
 * better than the milliseconds on a loaded machine. Median of RUNS runs per page.
 * Writes tests/reports/bench-lighthouse.json. Alone: `npx tsx tests/bench/lighthouse.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import {
	CHROMIUM_ARGS,
	CHROMIUM_PATH,
	PORTS,
	kib,
	median,
	signInCookie,
	startServer,
	writeReport
} from './server';

const PORT = PORTS.lighthouse;
const STATE = '.wrangler/bench-lighthouse';
const RUNS = 3;
const ROSA = { cuil: '27-05123456-7', clave: 'Mate-Lluvia-73!' };

type Row = { score: number; lcpMs: number; totalBytes: number; jsBytes: number };

async function audit(port: number, url: string, cookie?: string): Promise<Row> {
	const result = await lighthouse(url, {
		port,
		output: 'json',
		logLevel: 'error',
		onlyCategories: ['performance'],
		...(cookie ? { extraHeaders: { Cookie: cookie } } : {})
	});
	const lhr = result!.lhr;
	const summary = (
		lhr.audits['resource-summary'].details as unknown as {
			items: { resourceType: string; transferSize: number }[];
		}
	).items;
	return {
		score: Math.round((lhr.categories.performance.score ?? 0) * 100),
		lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue ?? 0),
		totalBytes: Math.round(lhr.audits['total-byte-weight'].numericValue ?? 0),
		jsBytes: summary.find((i) => i.resourceType === 'script')?.transferSize ?? 0
	};
}

export async function benchLighthouse() {
	const server = await startServer({ port: PORT, state: STATE, fresh: true, seed: 50 });
	const chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM_PATH,
		chromeFlags: ['--headless=new', ...CHROMIUM_ARGS]
	});
	try {
		const cookie = await signInCookie(server.origin, ROSA.cuil, ROSA.clave);
		const pages: [string, string, string?][] = [
			['floor (static HTML, no script)', '/bench/floor.html'],
			['/ingresar', '/ingresar'],
			['/verificar', '/verificar'],
			['/certificados (signed in)', '/certificados', cookie]
		];
		const rows: Record<string, Row & { lcpVsFloor: number }> = {};
		for (const [name, url, withCookie] of pages) {
			const runs: Row[] = [];
			for (let i = 0; i < RUNS; i++) runs.push(await audit(chrome.port, server.origin + url, withCookie));
			const pick = (k: keyof Row) => median(runs.map((r) => r[k]));
			rows[name] = {
				score: pick('score'),
				lcpMs: pick('lcpMs'),
				totalBytes: pick('totalBytes'),
				jsBytes: pick('jsBytes'),
				lcpVsFloor: 0
			};
		}
		const floor = rows['floor (static HTML, no script)'].lcpMs;
		for (const row of Object.values(rows)) row.lcpVsFloor = Number((row.lcpMs / floor).toFixed(2));
		const results = {
			date: new Date().toISOString(),
			lighthouse: '12.8.2',
			mode: 'mobile, simulated Slow 4G (150 ms RTT, 1.6 Mbps) and 4× CPU (Lighthouse defaults)',
			runs: RUNS,
			pages: rows
		};
		writeReport('bench-lighthouse.json', results);
		console.log('\nLighthouse (mobile, Slow 4G)          score   LCP ms   total     JS        LCP ÷ floor');
		for (const [name, r] of Object.entries(rows))
			console.log(
				`${name.padEnd(38)} ${String(r.score).padStart(5)}  ${String(r.lcpMs).padStart(7)}  ${kib(r.totalBytes).padStart(9)} ${kib(r.jsBytes).padStart(9)}  ${r.lcpVsFloor.toFixed(2).padStart(6)}`
			);
		return results;
	} finally {
		chrome.kill();
		server.stop();
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	await benchLighthouse();
}

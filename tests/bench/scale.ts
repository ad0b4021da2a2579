/**
 * Scale: the busiest screens' queries against a small and a large population (1,000 and 1,000,000
 * seeded citizens), side by side. Both databases are seeded first (the million takes ~7 minutes and
 * ~2 GB), then both servers run at once and every request to one is followed by the same request to the
 * other, so that whatever else the machine is doing slows both alike and the ratio holds. Times are
 * medians of signed-in requests from this process on loopback (the first 5 of 30 dropped as warm-up).
 *
 * Each database lives in its own folder under `--scale-dir DIR` (default `.wrangler`, as
 * `bench-1k` and `bench-1m`) and is reused by later runs (`--if-empty`). Never point it at
 * `.wrangler/state` (the database `npm start` uses).
 *
 *   npx tsx tests/bench/scale.ts [--scale-dir /tmp/mia-scale]   runs it alone (own JSON, bench-scale.json)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PORTS, median, signInCookie, startServer, writeReport, type Server } from './server';

export const SCALES = [
	{ name: '1k', citizens: 1_000, port: PORTS.scale1k },
	{ name: '1M', citizens: 1_000_000, port: PORTS.scale1M }
] as const;

const SCREENS = [
	['prestaciones', '/api/servicios/prestaciones'],
	['pagos', '/api/servicios/pagos?limit=12'],
	['cobro', '/api/servicios/cobro'],
	['historia laboral', '/api/servicios/historia-laboral'],
	['tramites', '/api/servicios/tramites'],
	['sesión', '/api/auth/session']
] as const;

/** Two demo accounts: Rosa (one benefit, few rows) and Martín (the longest work history). */
const ACCOUNTS = [
	['Rosa', '27051234567', 'Mate-Lluvia-73!'],
	['Martín', '23304567899', 'Tornillo.Azul-58']
] as const;

const REQUESTS = 30;
const WARM_UP = 5;

export type ScaleRow = { '1k': number; '1M': number; ratio: number };
export type ScaleBench = {
	citizens: Record<string, number>;
	requestsPerCell: number;
	/** Median milliseconds per screen and account, keyed "screen (account)". */
	rows: Record<string, ScaleRow>;
};

/** `--scale-dir DIR` from the command line, or `.wrangler` (relative to the repository). */
export function scaleDirFromArgs(argv = process.argv): string {
	const i = argv.indexOf('--scale-dir');
	return i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]) : '.wrangler';
}

async function timed(url: string, cookie: string): Promise<number> {
	const t = performance.now();
	const res = await fetch(url, { headers: { cookie } });
	await res.text();
	if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
	return performance.now() - t;
}

export async function benchScale(dir = scaleDirFromArgs()): Promise<ScaleBench> {
	const servers: Server[] = [];
	try {
		// Seeding and starting one after the other (the seed is the slow part); measuring together.
		for (const scale of SCALES)
			servers.push(
				await startServer({
					port: scale.port,
					state: path.join(dir, `bench-${scale.name.toLowerCase()}`),
					seed: scale.citizens,
					seedIfEmpty: true
				})
			);
		const rows: Record<string, ScaleRow> = {};
		for (const [name, cuil, clave] of ACCOUNTS) {
			const cookies = await Promise.all(servers.map((s) => signInCookie(s.origin, cuil, clave)));
			for (const [screen, url] of SCREENS) {
				const times: number[][] = servers.map(() => []);
				for (let k = 0; k < REQUESTS; k++)
					for (const [i, s] of servers.entries())
						times[i].push(await timed(`http://127.0.0.1:${s.port}${url}`, cookies[i]));
				const [small, large] = times.map((t) => median(t.slice(WARM_UP)));
				rows[`${screen} (${name})`] = {
					'1k': Number(small.toFixed(2)),
					'1M': Number(large.toFixed(2)),
					ratio: Number((large / small).toFixed(2))
				};
			}
		}
		return {
			citizens: Object.fromEntries(SCALES.map((s) => [s.name, s.citizens])),
			requestsPerCell: REQUESTS - WARM_UP,
			rows
		};
	} finally {
		for (const s of servers) s.stop();
	}
}

export function printScale(scale: ScaleBench) {
	console.log('\nscreen query (median ms)                  1k        1M     ratio');
	for (const [key, r] of Object.entries(scale.rows))
		console.log(
			`${key.padEnd(40)} ${r['1k'].toFixed(2).padStart(7)}  ${r['1M'].toFixed(2).padStart(8)}  ${r.ratio.toFixed(2).padStart(6)}`
		);
}

// `npx tsx tests/bench/scale.ts [--scale-dir DIR]` runs it alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const results = { date: new Date().toISOString(), node: process.version, scale: await benchScale() };
	writeReport('bench-scale.json', results);
	printScale(results.scale);
	console.log('\nwritten to tests/reports/bench-scale.json');
}

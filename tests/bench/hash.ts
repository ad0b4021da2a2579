/**
 * Clave hash (Argon2id, OWASP parameters) and passkey sign-in verification (SimpleWebAuthn, ES256),
 * each with the production code inside workerd (hash-worker.ts). Inside workerd the clock stands still
 * during computation, so each operation is measured from outside, by difference: requests doing 1+K
 * operations against requests doing 1, over K.
 *
 * - wall time: the requests' round trip measured by this process. It includes any time workerd waits
 *   for a core, so it grows with whatever else runs on the machine.
 * - CPU time: user + system time of the server's workerd process (all threads) read from /proc before
 *   and after each request (Linux only, 10 ms ticks; K operations make the difference hundreds of
 *   milliseconds). Waiting for a core is not counted, so it holds better on a busy machine; it is still
 *   this machine's CPU, not Cloudflare's.
 *
 *   npx tsx tests/bench/hash.ts   runs it alone (own JSON, bench-hash.json)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PORTS, groupCpuMs, median, startServer, writeReport, type Server } from './server';

export type PerOperation = { wallMs: number; cpuMs: number | null };
export type HashBench = { hash: PerOperation; passkey: PerOperation };

async function timeRequest(server: Server, url: string) {
	const cpu = groupCpuMs(server.pid);
	const t = performance.now();
	const res = await fetch(url);
	await res.text();
	const wall = performance.now() - t;
	const cpuAfter = groupCpuMs(server.pid);
	return { wall, cpu: cpu === null || cpuAfter === null ? null : cpuAfter - cpu };
}

/** Milliseconds per operation: (median of 1+K) − (median of 1), over K, for wall and CPU time. */
async function perOperation(server: Server, what: string, K: number): Promise<PerOperation> {
	const base = `http://127.0.0.1:${server.port}/?what=${what}&n=`;
	for (let i = 0; i < 3; i++) await timeRequest(server, base + '1'); // warm up the isolate, Wasm, keys
	const one: { wall: number; cpu: number | null }[] = [];
	const many: { wall: number; cpu: number | null }[] = [];
	for (let i = 0; i < 7; i++) {
		one.push(await timeRequest(server, base + '1'));
		many.push(await timeRequest(server, base + String(1 + K)));
	}
	const cpuKnown = [...one, ...many].every((r) => r.cpu !== null);
	return {
		wallMs: (median(many.map((r) => r.wall)) - median(one.map((r) => r.wall))) / K,
		cpuMs: cpuKnown ? (median(many.map((r) => r.cpu!)) - median(one.map((r) => r.cpu!))) / K : null
	};
}

export async function benchHash(): Promise<HashBench> {
	const server = await startServer({
		port: PORTS.hashWorker,
		args: ['--config', 'tests/bench/wrangler.bench.toml'],
		ready: '/?n=1'
	});
	try {
		// 10 hashes (~0.5–1 s) and 400 verifications (~100–200 ms): both well above the 10 ms tick.
		return {
			hash: await perOperation(server, 'hash', 10),
			passkey: await perOperation(server, 'passkey', 400)
		};
	} finally {
		server.stop();
	}
}

const ms = (v: number | null, digits: number) => (v === null ? 'n/a' : `${v.toFixed(digits)} ms`);

export function printHash(h: HashBench) {
	console.log(
		`clave hash in workerd (Argon2id, OWASP)  wall ${ms(h.hash.wallMs, 1)} per hash, CPU ${ms(h.hash.cpuMs, 1)}`
	);
	console.log(
		`passkey sign-in verification (ES256)     wall ${ms(h.passkey.wallMs, 2)}, CPU ${ms(h.passkey.cpuMs, 2)}`
	);
}

// `npx tsx tests/bench/hash.ts` runs it alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const results = { date: new Date().toISOString(), node: process.version, ...(await benchHash()) };
	writeReport('bench-hash.json', results);
	printHash(results);
}

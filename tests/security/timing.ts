/**
 * Account enumeration by timing (issue 9, point 2; ASVS 5.0 6.3.8): the median time of a failed
 * sign-in for a CUIL that has an account must be within 10 % of one for a CUIL that has none.
 *
 * Measured from Node against a real `wrangler dev` (inside the worker tests workerd's clock stands still
 * during computation, so nothing there can be timed). The throttle is left as it is in production:
 * each CUIL gets at most three tries (the free ones) and each request comes from its own address
 * (`CF-Connecting-IP`, which local workerd takes from the request), so no answer is a fast 429. If one
 * is, the run fails rather than measure it. Sign-ins go one at a time, in rounds of one of each kind
 * in a shuffled order, so drift in the machine's load falls on every kind alike.
 *
 *   npx tsx tests/security/timing.ts [--samples N] [--seed S]   (N per kind; default 120, npm test uses 90)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import setupWasm from 'argon2id/lib/setup.js';
import { cuilForDni } from '../../src/lib/domain/cuil';
import { hashClave, pepperBytes, type Argon2id } from '../../worker/auth/clave-hash';
import { median, root, startServer, writeReport } from '../bench/server';

/** Outside the bench's 8830–8839 and the e2e servers' 8788. */
const PORT = 8840;
const STATE = '.wrangler/security-timing';
const TRIES_PER_CUIL = 3;
const TOLERANCE = 0.1;
const CLAVE = 'Tiempo-Igual-2026!';
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

const { values } = parseArgs({
	options: { samples: { type: 'string', default: '120' }, seed: { type: 'string' } }
});
const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
const samples = Math.max(TRIES_PER_CUIL, Number(values.samples));
const perKind = Math.ceil(samples / TRIES_PER_CUIL);

function run(cmd: string, args: string[]) {
	const r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

async function nodeArgon2(): Promise<Argon2id> {
	const require = createRequire(import.meta.url);
	const load = (name: string) => (imports: WebAssembly.Imports) =>
		WebAssembly.instantiate(fs.readFileSync(require.resolve(`argon2id/dist/${name}`)), imports);
	return (await setupWasm(load('simd.wasm'), load('no-simd.wasm'))) as Argon2id;
}

/** The pepper `wrangler dev` will read, so the known accounts' clave really works (checked below). */
function pepper(): Uint8Array {
	const line = /^\s*(?:export\s+)?CLAVE_PEPPER\s*=\s*(.*?)\s*$/m.exec(
		fs.readFileSync(path.join(root, '.dev.vars'), 'utf8')
	);
	if (!line) throw new Error('.dev.vars has no CLAVE_PEPPER');
	return pepperBytes(line[1].replace(/^(['"])(.*)\1$/, '$2'));
}

/** A small seeded PRNG (mulberry32): the order is shuffled; `--seed` replays one. */
function shuffle<T>(xs: T[]): T[] {
	let a = seed;
	const rand = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const out = [...xs];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

type Kind = 'known' | 'noClave' | 'unknown';

async function main() {
	const started = Date.now();
	// wrangler.toml's assets folder must exist; the API needs no built page.
	fs.mkdirSync(path.join(root, 'build'), { recursive: true });
	run('node', ['worker/tools/dev-vars.mjs']);
	fs.rmSync(path.join(root, STATE), { recursive: true, force: true });
	run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE]);

	// Known accounts (with a clave), accounts without a clave yet, and CUILs nobody has: valid check
	// digits all, from DNI ranges the seed never uses.
	const cuils: Record<Kind, string[]> = { known: [], noClave: [], unknown: [] };
	// Twice the CUILs a measurement needs (plus one): the second half is kept for a confirmation.
	for (let i = 0; i < 2 * perKind + 1; i++) {
		cuils.known.push(cuilForDni(61_000_000 + i, 'F'));
		cuils.noClave.push(cuilForDni(62_000_000 + i, 'F'));
		cuils.unknown.push(cuilForDni(63_000_000 + i, 'F'));
	}
	const hash = hashClave(await nodeArgon2(), pepper(), CLAVE);
	const now = Date.now();
	const rows = [...cuils.known, ...cuils.noClave].map(
		(cuil) =>
			`('${cuil}', '${cuil.slice(2, 10)}', 'Prueba', 'Tiempo', 'F', '1980-01-01', NULL, NULL, 2, ${now}, '00123456789')`
	);
	const sql = [
		`INSERT INTO citizens (cuil, dni, nombres, apellidos, sexo, fecha_nacimiento, email, telefono, nivel, created_at, dni_tramite) VALUES ${rows.join(',\n')};`,
		`INSERT INTO claves (citizen_id, hash, created_at, updated_at) SELECT id, '${hash}', ${now}, ${now} FROM citizens WHERE dni LIKE '61%';`
	].join('\n');
	const file = path.join(root, STATE, 'timing-seed.sql');
	fs.writeFileSync(file, sql);
	run('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', STATE, '--file', file]);

	const server = await startServer({
		port: PORT,
		args: ['--persist-to', STATE, '--var', `ALLOWED_ORIGINS:http://localhost:${PORT}`]
	});
	let ip = 0;
	const nextIp = () => `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}`;
	const login = async (cuil: string, clave: string) => {
		const t0 = performance.now();
		const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: `http://localhost:${PORT}`,
				'cf-connecting-ip': nextIp()
			},
			body: JSON.stringify({ cuil, clave })
		});
		const headersMs = performance.now() - t0;
		const body = await res.text();
		return { ms: performance.now() - t0, headersMs, status: res.status, body };
	};

	try {
		// The known accounts are real: the last one signs in with its clave (it is not measured).
		const ok = await login(cuils.known.pop()!, CLAVE);
		if (ok.status !== 200) throw new Error(`the known account did not sign in (${ok.status} ${ok.body})`);
		cuils.noClave.pop();
		cuils.unknown.pop();
		// Warm-up: the isolate's first Argon2 set-up and the first Durable Objects are not measured.
		for (let i = 0; i < 6; i++) await login(cuilForDni(64_000_000 + i, 'F'), 'calentando-el-motor');

		// Rounds of one sign-in of each kind, in a shuffled order within the round: each kind meets the
		// machine's slow and fast moments alike.
		const measure = async (half: 0 | 1) => {
			const pick = (kind: Kind) => cuils[kind].slice(half * perKind, (half + 1) * perKind);
			const tries = (kind: Kind) =>
				pick(kind).flatMap((cuil) => Array.from({ length: TRIES_PER_CUIL }, (_, i) => ({ kind, cuil, i })));
			const byKind = (Object.keys(cuils) as Kind[]).map(tries);
			const plan = byKind[0].flatMap((_, n) => shuffle(byKind.map((list) => list[n])));
			const times: Record<Kind, number[]> = { known: [], noClave: [], unknown: [] };
			const headerTimes: Record<Kind, number[]> = { known: [], noClave: [], unknown: [] };
			for (const p of plan) {
				// A failed sign-in on an existing account writes its event after answering (waitUntil): a
				// short pause lets that finish, so it never lands inside the next request's measurement.
				await new Promise((r) => setTimeout(r, 30));
				const r = await login(p.cuil, `incorrecta-${p.i}-Xy`);
				if (r.status !== 401) unexpected.push(`${p.kind} ${p.cuil} → ${r.status} ${r.body.slice(0, 120)}`);
				else {
					times[p.kind].push(r.ms);
					headerTimes[p.kind].push(r.headersMs);
				}
				if (!bodies.has(p.kind)) bodies.set(p.kind, new Set());
				bodies.get(p.kind)!.add(r.body);
			}
			const m = Object.fromEntries(
				(Object.keys(times) as Kind[]).map((k) => [k, median(times[k])])
			) as Record<Kind, number>;
			return { plan, times, headerTimes, m };
		};
		const gap = (a: number, b: number) => Math.abs(a - b) / Math.min(a, b);
		const bodies = new Map<Kind, Set<string>>();
		const unexpected: string[] = [];
		// Medians of a few hundred sign-ins on a shared 2-core machine move by several per cent. When the
		// first measurement is over the limit, a second one with fresh CUILs decides: a real difference
		// (an account costing more work than none) shows in both, a burst of load on one kind does not.
		const first = await measure(0);
		const overFirst = gap(first.m.known, first.m.unknown) > TOLERANCE;
		const { plan, times, headerTimes, m } = overFirst ? await measure(1) : first;
		const sameBody = new Set([...bodies.values()].flatMap((s) => [...s])).size === 1;
		const report = {
			date: new Date().toISOString(),
			seed,
			samplesPerKind: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.length])),
			medianMs: m,
			medianHeadersMs: Object.fromEntries(Object.entries(headerTimes).map(([k, v]) => [k, median(v)])),
			gapKnownVsUnknown: gap(m.known, m.unknown),
			// Set when the first measurement was over the limit and a second one decided (see above).
			firstMeasurement: overFirst
				? { medianMs: first.m, gapKnownVsUnknown: gap(first.m.known, first.m.unknown) }
				: undefined,
			gapNoClaveVsUnknown: gap(m.noClave, m.unknown),
			tolerance: TOLERANCE,
			sameAnswerForAll: sameBody,
			unexpected,
			durationMs: Date.now() - started,
			// The issue's criterion: an account vs no account. A CUIL without a clave yet is reported too
			// (same path as a known one, failure event included).
			passed: unexpected.length === 0 && sameBody && gap(m.known, m.unknown) <= TOLERANCE
		};
		writeReport('security-timing.json', report);
		console.log(
			`timing: medians known ${m.known.toFixed(1)} ms, without clave ${m.noClave.toFixed(1)} ms, unknown ${m.unknown.toFixed(1)} ms ` +
				`(known vs unknown ${(report.gapKnownVsUnknown * 100).toFixed(1)} %, limit 10 %; without clave vs unknown ${(report.gapNoClaveVsUnknown * 100).toFixed(1)} %); ` +
				`${plan.length} sign-ins (seed ${seed})${overFirst ? `, after a first measurement over the limit (${(gap(first.m.known, first.m.unknown) * 100).toFixed(1)} %)` : ''}, same answer for all: ${sameBody}${unexpected.length ? `; unexpected: ${unexpected.slice(0, 5).join(' | ')}` : ''}`
		);
		process.exitCode = report.passed ? 0 : 1;
	} finally {
		server.stop();
	}
}

main().catch((error) => {
	console.error(error);
	writeReport('security-timing.json', { passed: false, error: String(error) });
	process.exit(1);
});

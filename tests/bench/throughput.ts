/**
 * Worker throughput (issue 9): autocannon, from this process, against `wrangler dev` (another process)
 * on loopback, at a fixed concurrency, one route after another in the same run:
 *
 * - bare: GET /api/health, a route with the same middleware and no work, the baseline;
 * - home data: GET /api/auth/session signed in (what Inicio renders: name, CUIL, nivel);
 * - certificate list: GET /api/certificados signed in;
 * - passkey sign-in verification: POST /api/passkeys/authentication/verify, each request a fresh
 *   assertion (challenges are single-use) signed beforehand by the soft authenticator the worker tests
 *   use, so the Worker does the real work: consume the challenge, verify ES256, write the session;
 * - clave sign-in: POST /api/auth/login (Argon2id with the production parameters).
 *
 * Requests per second that got a 2xx, p50 and p99 latency, non-2xx answers (by status), and each
 * route's rate ÷ the bare rate. The clave sign-ins take the four demo accounts in turn.
 * Writes tests/reports/bench-throughput.json. Alone: `npx tsx tests/bench/throughput.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SoftAuthenticator } from '../worker/soft-authenticator';
import { PORTS, signInCookie, startServer, writeReport } from './server';

const PORT = PORTS.throughput;
const STATE = '.wrangler/bench-throughput';
const CONNECTIONS = 10;
const SECONDS = 10;
/** Passkey sign-ins measured; each needs its own challenge and signature, made before the run. */
const ASSERTIONS = 400;
const ROSA = { cuil: '27-05123456-7', clave: 'Mate-Lluvia-73!' };
/** The demo accounts with a clave (README), taken in turn by the clave sign-in run. */
const DEMO = [
	ROSA,
	{ cuil: '23-30456789-9', clave: 'Tornillo.Azul-58' },
	{ cuil: '27-38765432-7', clave: 'Girasol-Rio-91!' },
	{ cuil: '27-49012345-3', clave: 'Lapacho-Verde-24!' }
];

type Measure = {
	rps: number;
	p50Ms: number;
	p99Ms: number;
	requests: number;
	non2xx: number;
	errors: number;
	statusCodes: Record<string, number>;
};

async function cannon(o: {
	url: string;
	method?: 'GET' | 'POST';
	headers?: Record<string, string>;
	body?: string;
	/** One body per request, used once each: the run is exactly this many requests. */
	bodies?: string[];
	/** Bodies taken in turn for SECONDS (several accounts, so one account's limits are not the measure). */
	cycle?: string[];
}): Promise<Measure> {
	const queue = o.bodies ? [...o.bodies] : undefined;
	let turn = 0;
	const result = await autocannon({
		url: o.url,
		method: o.method ?? 'GET',
		headers: o.headers,
		body: o.body,
		connections: CONNECTIONS,
		...(queue ? { amount: queue.length } : { duration: SECONDS }),
		...(queue
			? {
					requests: [
						{
							setupRequest: (req: Record<string, unknown>) => ({ ...req, body: queue.shift() ?? o.body })
						}
					]
				}
			: o.cycle
				? {
						requests: [
							{
								setupRequest: (req: Record<string, unknown>) => ({
									...req,
									body: o.cycle![turn++ % o.cycle!.length]
								})
							}
						]
					}
				: {})
	});
	return {
		// Answers that did the work only: a 429 from the sign-in throttle is not a sign-in.
		rps:
			Math.round(
				(10 * result.requests.average * (result.requests.total - result.non2xx)) /
					Math.max(1, result.requests.total)
			) / 10,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		requests: result.requests.total,
		non2xx: result.non2xx,
		errors: result.errors,
		statusCodes: Object.fromEntries(
			Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count])
		)
	};
}

async function post(origin: string, url: string, body: unknown, cookie?: string) {
	const res = await fetch(origin.replace('localhost', '127.0.0.1') + url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) },
		body: JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
	return res.json();
}

export async function benchThroughput() {
	const server = await startServer({ port: PORT, state: STATE, fresh: true, seed: 200 });
	try {
		const base = `http://127.0.0.1:${PORT}`;
		const origin = server.origin;
		const cookie = await signInCookie(origin, ROSA.cuil, ROSA.clave);

		// Rosa adds a passkey (allowed at nivel 2), then the bench signs ASSERTIONS fresh challenges with it.
		const auth = new SoftAuthenticator({ synced: true, origin });
		const regOptions = await post(origin, '/api/passkeys/registration/options', {}, cookie);
		await post(
			origin,
			'/api/passkeys/registration/verify',
			{ response: await auth.register(regOptions) },
			cookie
		);
		const assertions: string[] = [];
		for (let i = 0; i < ASSERTIONS; i++) {
			const options = await post(origin, '/api/passkeys/authentication/options', {});
			assertions.push(JSON.stringify({ response: await auth.authenticate(options) }));
		}

		const json = { 'content-type': 'application/json', origin };
		const results: Record<string, Measure & { vsBare: number }> = {};
		const add = (name: string, m: Measure) => (results[name] = { ...m, vsBare: 0 });
		add('bare route (GET /api/health)', await cannon({ url: `${base}/api/health` }));
		add(
			'home data (GET /api/auth/session)',
			await cannon({ url: `${base}/api/auth/session`, headers: { cookie } })
		);
		add(
			'certificate list (GET /api/certificados)',
			await cannon({ url: `${base}/api/certificados`, headers: { cookie } })
		);
		add(
			'passkey sign-in verification',
			await cannon({
				url: `${base}/api/passkeys/authentication/verify`,
				method: 'POST',
				headers: json,
				body: assertions[0],
				bodies: assertions
			})
		);
		add(
			'clave sign-in (POST /api/auth/login)',
			await cannon({
				url: `${base}/api/auth/login`,
				method: 'POST',
				headers: json,
				cycle: DEMO.map((a) => JSON.stringify({ cuil: a.cuil.replaceAll('-', ''), clave: a.clave }))
			})
		);
		const bare = results['bare route (GET /api/health)'].rps;
		for (const r of Object.values(results)) r.vsBare = Number((r.rps / bare).toFixed(3));

		const out = {
			date: new Date().toISOString(),
			connections: CONNECTIONS,
			secondsPerRoute: SECONDS,
			passkeyAssertions: ASSERTIONS,
			note: 'wrangler dev (one workerd) on loopback; autocannon in the bench process',
			routes: results
		};
		writeReport('bench-throughput.json', out);
		console.log(
			`\nworker throughput, ${CONNECTIONS} connections      req/s    p50 ms  p99 ms  non-2xx  ÷ bare`
		);
		for (const [name, r] of Object.entries(results))
			console.log(
				`${name.padEnd(42)} ${r.rps.toFixed(1).padStart(8)}  ${String(r.p50Ms).padStart(6)}  ${String(r.p99Ms).padStart(6)}  ${String(r.non2xx).padStart(7)}  ${r.vsBare.toFixed(3).padStart(6)}`
			);
		return out;
	} finally {
		server.stop();
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	await benchThroughput();
}

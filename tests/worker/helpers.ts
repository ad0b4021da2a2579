import { env, exports } from 'cloudflare:workers';
import { argon2 } from '../../worker/auth/argon2';
import { hashClave, pepperBytes, type Argon2Params } from '../../worker/auth/clave-hash';

export const ORIGIN = 'http://localhost:8787';
let nextDni = 30_000_000;

/** Builds a valid CUIL for a fresh DNI so that tests never share an account or a throttle. */
export async function createCitizen(
	opts: {
		clave?: string;
		params?: Argon2Params;
		nivel?: 2 | 3;
		tramite?: string;
		answers?: Record<string, string>;
		email?: string | null;
	} = {}
) {
	const { cuilForDni } = await import('../../src/lib/domain/cuil');
	const dni = nextDni++ + Math.floor(Math.random() * 1_000_000) * 10;
	const cuil = cuilForDni(dni, 'F');
	const now = Date.now();
	const { meta } = await env.DB.prepare(
		`INSERT INTO citizens (cuil, dni, nombres, apellidos, sexo, fecha_nacimiento, email, telefono, nivel, created_at, dni_tramite)
		VALUES (?, ?, 'María Laura', 'Gómez', 'F', '1980-03-15', ?, '+5491100000000', ?, ?, ?)`
	)
		.bind(
			cuil,
			String(dni),
			opts.email === undefined ? `maria.${dni}@example.com` : opts.email,
			opts.nivel ?? 2,
			now,
			opts.tramite ?? '00123456789'
		)
		.run();
	const id = meta.last_row_id;
	if (opts.clave !== undefined) {
		const hash = hashClave(await argon2(), pepperBytes(env.CLAVE_PEPPER), opts.clave, opts.params);
		await env.DB.prepare('INSERT INTO claves (citizen_id, hash, created_at, updated_at) VALUES (?, ?, ?, ?)')
			.bind(id, hash, now, now)
			.run();
	}
	if (opts.answers) {
		const { normalizeAnswer } = await import('../../src/lib/domain/security-questions');
		for (const [question, answer] of Object.entries(opts.answers))
			await env.DB.prepare(
				'INSERT INTO security_answers (citizen_id, question_id, hash, created_at) VALUES (?, ?, ?, ?)'
			)
				.bind(
					id,
					question,
					hashClave(await argon2(), pepperBytes(env.CLAVE_PEPPER), normalizeAnswer(answer)),
					now
				)
				.run();
	}
	return { id, cuil, dni: String(dni) };
}

/** The newest message queued for a citizen (what the dev mailbox would show). */
export async function lastMessage(citizenId: number, kind?: string) {
	return env.DB.prepare(
		'SELECT kind, recipient, subject, body FROM outbox WHERE citizen_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY id DESC LIMIT 1'
	)
		.bind(citizenId, kind ?? null)
		.first<{ kind: string; recipient: string; subject: string; body: string }>();
}

export interface CallOptions {
	method?: string;
	body?: unknown;
	rawBody?: string;
	cookie?: string;
	headers?: Record<string, string>;
	ip?: string;
}

export function call(path: string, opts: CallOptions = {}) {
	const headers: Record<string, string> = {
		origin: ORIGIN,
		'cf-connecting-ip': opts.ip ?? '203.0.113.7',
		...(opts.body !== undefined || opts.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
		...(opts.cookie ? { cookie: opts.cookie } : {}),
		...opts.headers
	};
	return exports.default.fetch(
		new Request(`${ORIGIN}${path}`, {
			method: opts.method ?? (opts.body !== undefined || opts.rawBody !== undefined ? 'POST' : 'GET'),
			headers,
			body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined)
		})
	);
}

export function login(cuil: string, clave: string, opts: Omit<CallOptions, 'body'> = {}) {
	return call('/api/auth/login', { ...opts, body: { cuil, clave } });
}

/** The `name=value` pairs a browser would send back, from a response's Set-Cookie headers. */
export function cookiesFrom(res: Response): Record<string, string> {
	const out: Record<string, string> = {};
	for (const line of res.headers.getSetCookie()) {
		const [pair] = line.split(';');
		const i = pair.indexOf('=');
		out[pair.slice(0, i)] = pair.slice(i + 1);
	}
	return out;
}

export function cookieHeader(cookies: Record<string, string>): string {
	return Object.entries(cookies)
		.filter(([, v]) => v !== '')
		.map(([k, v]) => `${k}=${v}`)
		.join('; ');
}

/** A random IP in TEST-NET-3 so that tests do not share the per-IP throttle unless they mean to. */
export function randomIp(): string {
	return `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
}

/**
 * Moves a throttle's clock back by `ms`: every recorded failure and pending attempt becomes that much
 * older, as if the person had waited. Tests use it instead of sleeping through 15-minute pauses.
 */
export async function rewindThrottle(key: string, ms: number) {
	const { runInDurableObject } = await import('cloudflare:test');
	const stub = env.LOGIN_THROTTLE.getByName(key);
	await runInDurableObject(stub, async (_instance, state) => {
		const s = await state.storage.get<{
			counters: Record<string, { lastFailureAt: number; touchedAt: number }>;
			pending: Record<string, { at: number }>;
		}>('state');
		if (!s) return;
		for (const c of Object.values(s.counters)) c.lastFailureAt -= ms;
		for (const p of Object.values(s.pending)) p.at -= ms;
		await state.storage.put('state', s);
	});
}

export async function throttleFailures(key: string, scope = 'account'): Promise<number> {
	const { runInDurableObject } = await import('cloudflare:test');
	const stub = env.LOGIN_THROTTLE.getByName(key);
	return runInDurableObject(stub, async (_instance, state) => {
		const s = await state.storage.get<{ counters: Record<string, { failures: number }> }>('state');
		return s?.counters[scope]?.failures ?? 0;
	});
}

/** Wrong attempts one after another, rewinding past each wait, as a patient guesser would. */
export async function failTimes(cuil: string, times: number, opts: Omit<CallOptions, 'body'> = {}) {
	let last: Response | undefined;
	for (let i = 0; i < times; i++) {
		last = await login(cuil, `incorrecta-${i}`, { ip: randomIp(), ...opts });
		if (i < times - 1) await rewindThrottle(`cuil:${cuil}`, 120_000);
	}
	return last!;
}

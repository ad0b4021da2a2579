import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { send } from './send';
import { API_VERSION } from '../../src/lib/domain/api/version';
import { newToken } from '../../worker/auth/tokens';
import { createCitizen, ORIGIN } from '../worker/helpers';
import { makeOperator, sessionFor } from '../worker/operators';
import { changesSince, lastChange, watchDatabase, type Change } from './db-watch';
import {
	endpoints,
	HOSTILE_STRINGS,
	hostileValue,
	mutatedValue,
	validValue,
	type Endpoint,
	type OpenApiDoc,
	type Parameter
} from './openapi';

/**
 * Issue 9, point 2: every operation of the live /api/openapi.json gets fuzzed requests (wrong types,
 * missing and extra fields, huge and deeply nested bodies, invalid UTF-8, wrong content types, bad
 * cookies and headers, hostile path and query values). For every one: no 5xx; every 4xx in the one error
 * shape `{ error: { code, message } }`; and a rejected (4xx) request changes nothing in D1 beyond the
 * writes listed in ALLOWED_ON_REJECTION. SECURITY_FUZZ_REQUESTS sets the budget (npm test: 1,500;
 * npm run test:security: 10,000); SECURITY_FUZZ_SEED replays a run.
 */
declare module 'vitest' {
	interface TaskMeta {
		fuzz?: FuzzReport;
	}
}

export interface FuzzReport {
	seed: number;
	requests: number;
	budget: number;
	operations: number;
	durationMs: number;
	statuses: Record<string, number>;
	serverErrors: number;
	badErrorShapes: number;
	rejectedWithWrites: number;
	allowedWritesOnRejection: Record<string, number>;
	perOperation: Record<string, { requests: number; statuses: Record<string, number> }>;
	violations: Violation[];
}

interface Violation {
	kind: '5xx' | 'error-shape' | 'write-on-rejection';
	operation: string;
	request: string;
	status: number;
	detail: string;
}

/**
 * Writes a rejected request may make, by design. Each one is a record of the failure itself, which the
 * security requirements ask for; none of them changes what a person or an attacker can do next.
 */
const ALLOWED_ON_REJECTION: { tbl: string; op: string; detail: string | null; why: string }[] = [
	// ASVS 5.0 16.3.1: failed sign-ins are logged for the account's activity list ("Actividad").
	{ tbl: 'security_events', op: 'INSERT', detail: 'ingreso_fallido', why: 'failed sign-in, logged' },
	{
		tbl: 'security_events',
		op: 'INSERT',
		detail: 'clave_pausada',
		why: 'the throttle paused the clave path'
	},
	{ tbl: 'security_events', op: 'INSERT', detail: 'clave_bloqueada', why: 'the 100-failure lock' },
	// An operator's refused validation or reset is written to the audit trail (oficina.test.ts).
	{ tbl: 'audit_log', op: 'INSERT', detail: 'validacion_rechazada', why: 'operator refusal, audited' },
	{ tbl: 'audit_log', op: 'INSERT', detail: 'clave_provisoria_rechazada', why: 'operator refusal, audited' },
	// "A search that finds nobody is still an action on someone's CUIL" (worker/oficina/routes.ts).
	{
		tbl: 'audit_log',
		op: 'INSERT',
		detail: 'busqueda_ciudadano',
		why: 'operator lookup, audited even when 404'
	}
];

const allowed = (c: Change) =>
	ALLOWED_ON_REJECTION.some((a) => a.tbl === c.tbl && a.op === c.op && a.detail === c.detail);

const BUDGET = Math.max(1, Number(env.SECURITY_FUZZ_REQUESTS) || 1500);
const SEED = Number(env.SECURITY_FUZZ_SEED) || Date.now() % 2 ** 31;

// ----- what a request is made of ---------------------------------------------------------------------

type Body = { kind: string; contentType?: string; bytes?: Uint8Array | string };

const enc = new TextEncoder();
const json = (v: unknown) => JSON.stringify(v) ?? 'null';

/** Byte sequences no UTF-8 decoder may accept: stray continuation, overlong, surrogate, past U+10FFFF. */
const BAD_UTF8 = [
	[0xff],
	[0xfe, 0xff],
	[0x80],
	[0xc0, 0xaf],
	[0xe0, 0x80, 0xaf],
	[0xed, 0xa0, 0x80],
	[0xf4, 0x90, 0x80, 0x80],
	[0xc3]
];

function invalidUtf8(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Uint8Array> {
	return fc.tuple(valid, fc.constantFrom(...BAD_UTF8), fc.nat()).map(([v, bad, at]) => {
		// Inside a JSON string when there is one, so the bytes reach the parser's string handling.
		const text = enc.encode(json(v));
		const quote = text.indexOf(0x22);
		const i = quote >= 0 ? quote + 1 : at % (text.length + 1);
		return new Uint8Array([...text.slice(0, i), ...bad, ...text.slice(i)]);
	});
}

function deep(): fc.Arbitrary<string> {
	return fc
		.tuple(fc.integer({ min: 50, max: 60_000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
		.map(([d, open, closed]) => {
			const close = open === '[' ? ']' : '}';
			return `${open.repeat(d)}1${closed ? close.repeat(d) : ''}`;
		});
}

function huge(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
	return fc.tuple(valid, fc.integer({ min: 16 * 1024 + 1, max: 256 * 1024 })).map(([v, n]) => {
		const head = json(v);
		return head.startsWith('{') && head.length > 2
			? `{"relleno":"${'x'.repeat(n)}",${head.slice(1)}`
			: `["${'x'.repeat(n)}"]`;
	});
}

const CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'application/json; charset=utf-16',
	'text/plain',
	'text/plain;charset=UTF-8',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=----x',
	'application/xml',
	'image/jpeg',
	'application/pdf',
	'application/json, text/html',
	'*/*',
	''
];

function bodyFor(doc: OpenApiDoc, e: Endpoint): fc.Arbitrary<Body | undefined> {
	if (e.method === 'GET') return fc.constant(undefined);
	const content = e.op.requestBody?.content ?? {};
	const declared = Object.keys(content);
	const schema = content['application/json']?.schema;
	const valid = validValue(doc, schema);
	const ct = declared.length
		? fc.oneof(
				{ weight: 8, arbitrary: fc.constantFrom(...declared) },
				{ weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }
			)
		: fc.constantFrom(...CONTENT_TYPES);
	const withCt = (kind: string, bytes: fc.Arbitrary<Uint8Array | string>) =>
		fc.tuple(bytes, ct).map(([b, contentType]): Body => ({ kind, bytes: b, contentType }));
	return fc.oneof(
		{ weight: 1, arbitrary: fc.constant(undefined) },
		{ weight: 4, arbitrary: withCt('valid', valid.map(json)) },
		{ weight: 6, arbitrary: withCt('mutated', mutatedValue(doc, schema).map(json)) },
		{ weight: 2, arbitrary: withCt('any-json', fc.jsonValue({ maxDepth: 4 }).map(json)) },
		{ weight: 1, arbitrary: withCt('hostile-json', hostileValue().map(json)) },
		{
			weight: 1,
			arbitrary: withCt(
				'malformed',
				fc.oneof(
					fc.tuple(valid.map(json), fc.nat()).map(([t, n]) => t.slice(0, n % Math.max(t.length, 1))),
					fc.string({ unit: 'binary', maxLength: 200 }),
					fc.constantFrom(
						'{',
						'{"a":}',
						"{'a':1}",
						'{"a":1,}',
						'NaN',
						'{"a":1e999999}',
						'\uFEFF{}',
						'{"a":"\\ud800"}'
					)
				)
			)
		},
		{ weight: 2, arbitrary: withCt('invalid-utf8', invalidUtf8(valid)) },
		{ weight: 1, arbitrary: withCt('huge', huge(valid)) },
		{ weight: 1, arbitrary: withCt('deep', deep()) },
		{ weight: 1, arbitrary: withCt('empty', fc.constant('')) }
	);
}

/** Header-safe ASCII (a Request refuses CR, LF and NUL in header values before anything is sent). */
const headerText = (maxLength: number) =>
	fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

type Who = 'citizen' | 'anonymous';

function cookieFor(): fc.Arbitrary<{ who: Who; cookie: (session: string) => string | undefined }> {
	const cookieOf = (f: (s: string) => string | undefined, who: Who = 'citizen') => ({ who, cookie: f });
	return fc.oneof(
		{ weight: 10, arbitrary: fc.constant(cookieOf((s) => s)) },
		{ weight: 3, arbitrary: fc.constant(cookieOf(() => undefined, 'anonymous')) },
		{
			weight: 1,
			arbitrary: headerText(40).map((g) => cookieOf(() => `__Host-mia_sesion=${g}`, 'anonymous'))
		},
		// A well-formed token nobody issued.
		{ weight: 1, arbitrary: fc.constant(cookieOf(() => `__Host-mia_sesion=${newToken()}`, 'anonymous')) },
		// The real token without its __Host- prefix: a cookie a subdomain or plain HTTP page could set.
		{ weight: 1, arbitrary: fc.constant(cookieOf((s) => s.replace('__Host-', ''), 'anonymous')) },
		{ weight: 1, arbitrary: headerText(60).map((g) => cookieOf((s) => `${s}; __Host-mia_sesion=${g}`)) },
		{ weight: 1, arbitrary: headerText(60).map((g) => cookieOf((s) => `__Host-mia_sesion=${g}; ${s}`)) },
		{
			weight: 1,
			arbitrary: headerText(200).map((g) => cookieOf((s) => `${s}; __Host-mia_dispositivo=${g}`))
		},
		{ weight: 1, arbitrary: headerText(300).map((g) => cookieOf((s) => `${g}; ${s}`)) },
		{
			weight: 1,
			arbitrary: fc
				.integer({ min: 4_000, max: 64_000 })
				.map((n) => cookieOf((s) => `${s}; relleno=${'x'.repeat(n)}`))
		},
		{
			weight: 1,
			arbitrary: fc
				.constantFrom(
					'=;;=;',
					'__Host-mia_sesion',
					'__Host-mia_sesion==',
					'__Host-mia_sesion=%ZZ%',
					'__Host-mia_sesion="a"'
				)
				.map((g) => cookieOf(() => g, 'anonymous'))
		}
	);
}

const ORIGINS = fc.oneof(
	{ weight: 20, arbitrary: fc.constant<string | undefined>(ORIGIN) },
	{
		weight: 1,
		arbitrary: fc.constantFrom<string | undefined>(
			undefined,
			'null',
			'https://evil.example',
			'http://localhost:8787.evil.example',
			'HTTP://LOCALHOST:8787',
			`${ORIGIN}/`,
			`${ORIGIN}, https://evil.example`
		)
	}
);

const EXTRA_HEADERS = fc.oneof(
	{ weight: 12, arbitrary: fc.constant<Record<string, string>>({}) },
	{
		weight: 1,
		arbitrary: fc
			.constantFrom(
				'',
				'0',
				'2',
				'999',
				'abc',
				' 1 ',
				'1,1',
				'-1',
				'1e0',
				'x'.repeat(10_000),
				String(API_VERSION)
			)
			.map((v) => ({ 'x-api-version': v }))
	},
	{
		weight: 1,
		arbitrary: fc.integer({ min: 8_000, max: 128_000 }).map((n) => ({ 'x-relleno': 'a'.repeat(n) }))
	},
	{
		weight: 1,
		arbitrary: fc.integer({ min: 300, max: 64_000 }).map((n) => ({ 'user-agent': 'U'.repeat(n) }))
	},
	{
		weight: 1,
		arbitrary: fc
			.constantFrom(
				'no-es-una-ip',
				'::',
				':::::::::',
				'1::2::3',
				'ffff:'.repeat(20),
				'999.999.999.999',
				'',
				'x'.repeat(5000)
			)
			.map((ip) => ({ 'cf-connecting-ip': ip }))
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom('cross-site', 'same-site', 'none', 'x').map((v) => ({ 'sec-fetch-site': v }))
	},
	{
		weight: 1,
		arbitrary: fc.oneof(fc.uuid(), headerText(80)).map((k) => ({ 'idempotency-key': k }))
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom('gzip', 'br', 'chunked', 'x').map((v) => ({ 'content-encoding': v }))
	}
);

/** Path segments that are not even valid percent-encoding, or that try to climb out of the route. */
const RAW_SEGMENTS = [
	'%',
	'%ZZ',
	'%FF',
	'%C0%AF',
	'%ED%A0%80',
	'%00',
	'..',
	'%2e%2e',
	'.%2F..',
	'%2F',
	'%20',
	'%u0041',
	';',
	'~'
];

/** encodeURIComponent, but a lone surrogate becomes its WTF-8 bytes instead of throwing. */
function encodeSegment(s: string): string {
	try {
		return encodeURIComponent(s);
	} catch {
		return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
	}
}

function paramValue(doc: OpenApiDoc, p: Parameter): fc.Arbitrary<string | undefined> {
	const enc = (v: unknown) => encodeSegment(typeof v === 'string' ? v : json(v));
	const valid = validValue(doc, p.schema).map((v) => encodeSegment(typeof v === 'string' ? v : String(v)));
	return fc.oneof(
		{ weight: 5, arbitrary: valid },
		{ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(enc) },
		{ weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
		{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map(enc) },
		{ weight: p.in === 'path' ? 0 : 2, arbitrary: fc.constant(undefined) }
	);
}

function urlFor(doc: OpenApiDoc, e: Endpoint): fc.Arbitrary<string> {
	const params = e.op.parameters ?? [];
	const inPath = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
	const pathArb = fc.tuple(
		...inPath.map((name) =>
			paramValue(doc, params.find((p) => p.in === 'path' && p.name === name) ?? { name, in: 'path' })
		)
	);
	const queryArb = fc.tuple(
		...params.filter((p) => p.in === 'query').map((p) => paramValue(doc, p).map((v) => [p.name, v] as const))
	);
	const extraQuery = fc.oneof(
		{ weight: 6, arbitrary: fc.constant('') },
		{ weight: 1, arbitrary: headerText(40).map((k) => `${encodeURIComponent(k)}=1`) },
		{
			weight: 1,
			arbitrary: fc.constantFrom(
				'a=%FF',
				'%=%',
				'cursor=%00',
				'limit=1&limit=2',
				'__proto__[nivel]=3',
				'x=' + 'y'.repeat(20_000)
			)
		}
	);
	return fc.tuple(pathArb, queryArb, extraQuery).map(([values, query, extra]) => {
		let i = 0;
		const path = e.path.replace(/\{(\w+)\}/g, () => values[i++] ?? '');
		const q = [
			...query.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`),
			...(extra ? [extra] : [])
		];
		return q.length ? `${path}?${q.join('&')}` : path;
	});
}

interface Fuzzed {
	url: string;
	body?: Body;
	cookie: { who: Who; cookie: (session: string) => string | undefined };
	origin?: string;
	headers: Record<string, string>;
}

function requestArb(doc: OpenApiDoc, e: Endpoint): fc.Arbitrary<Fuzzed> {
	return fc.record({
		url: urlFor(doc, e),
		body: bodyFor(doc, e),
		cookie: cookieFor(),
		origin: ORIGINS,
		headers: EXTRA_HEADERS
	});
}

function describeRequest(e: Endpoint, r: Fuzzed, cookie: string | undefined): string {
	const b = r.body?.bytes;
	const body =
		b === undefined
			? 'no body'
			: `${r.body!.kind} body (${r.body!.contentType || 'no content-type'}, ${typeof b === 'string' ? b.length : b.byteLength} bytes): ${typeof b === 'string' ? b.slice(0, 200) : [...b.slice(0, 60)].join(',')}`;
	const headers = Object.entries(r.headers).map(
		([k, v]) => `${k}: ${v.slice(0, 60)}${v.length > 60 ? `… (${v.length})` : ''}`
	);
	return [
		`${e.method} ${r.url.slice(0, 300)}`,
		`origin: ${r.origin ?? '(none)'}`,
		`cookie: ${cookie === undefined ? '(none)' : cookie.slice(0, 120)}`,
		...headers,
		body
	].join(' | ');
}

// ----- the run ------------------------------------------------------------------------------------------

let doc: OpenApiDoc;
let operations: Endpoint[];
let citizen: { id: number; cuil: string };

beforeAll(async () => {
	const res = await send(new Request(`${ORIGIN}/api/openapi.json`));
	expect(res.status).toBe(200);
	doc = await res.json<OpenApiDoc>();
	operations = endpoints(doc);
	// The fuzzing account can reach every operation's validation: nivel 3, an operator at UDAI 1 and an
	// employer's representative, signed in with a passkey a moment ago (no step-up in the way).
	citizen = await createCitizen({ clave: 'Fuzz-Clave-Larga-2026!', nivel: 3 });
	await makeOperator(citizen.id, 1);
	await env.DB.batch([
		env.DB.prepare(
			"INSERT OR IGNORE INTO empleadores (cuit, razon_social) VALUES ('30694102871', 'Supermercados del Litoral S.A.')"
		),
		env.DB.prepare(
			"INSERT INTO representantes (citizen_id, cuit, cargo, otorgado_at) VALUES (?, '30694102871', 'Recursos Humanos', ?)"
		).bind(citizen.id, Date.now())
	]);
	await watchDatabase();
});

describe('fuzzing every operation of /api/openapi.json', () => {
	it('never answers 5xx, always answers 4xx in the one error shape, and never writes on a rejection', async ({
		task
	}) => {
		const started = Date.now();
		const report: FuzzReport = {
			seed: SEED,
			requests: 0,
			budget: BUDGET,
			operations: operations.length,
			durationMs: 0,
			statuses: {},
			serverErrors: 0,
			badErrorShapes: 0,
			rejectedWithWrites: 0,
			allowedWritesOnRejection: {},
			perOperation: {},
			violations: []
		};
		expect(operations.length).toBeGreaterThan(50);
		const runsPerOperation = Math.ceil(BUDGET / operations.length);

		for (const [n, e] of operations.entries()) {
			const name = `${e.method} ${e.path}`;
			const mine = (report.perOperation[name] = { requests: 0, statuses: {} as Record<string, number> });
			await fc.assert(
				fc.asyncProperty(requestArb(doc, e), async (r) => {
					// A fresh session per request: a fuzzed sign-out, "close other sessions" or clave change
					// must not leave the rest of the run anonymous.
					const session = await sessionFor(citizen.id, 'passkey');
					const cookie = r.cookie.cookie(session);
					const headers: Record<string, string> = {
						'cf-connecting-ip': `198.18.${n % 250}.${(mine.requests % 250) + 1}`,
						...(r.origin !== undefined ? { origin: r.origin } : {}),
						...(cookie !== undefined ? { cookie } : {}),
						...(r.body?.contentType ? { 'content-type': r.body.contentType } : {}),
						...r.headers
					};
					const before = await lastChange();
					const res = await send(
						new Request(`${ORIGIN}${r.url}`, { method: e.method, headers, body: r.body?.bytes })
					);
					// Bytes, then UTF-8: a PDF answer read with .text() makes workerd warn on every request.
					const text = new TextDecoder().decode(await res.arrayBuffer());
					report.requests++;
					mine.requests++;
					const s = String(res.status);
					report.statuses[s] = (report.statuses[s] ?? 0) + 1;
					mine.statuses[s] = (mine.statuses[s] ?? 0) + 1;
					const violation = (kind: Violation['kind'], detail: string) =>
						report.violations.length < 50 &&
						report.violations.push({
							kind,
							operation: name,
							request: describeRequest(e, r, cookie),
							status: res.status,
							detail
						});

					if (res.status >= 500) {
						report.serverErrors++;
						violation('5xx', text.slice(0, 300));
					}
					if (res.status >= 400 && res.status < 500) {
						if (!isErrorShape(res, text)) {
							report.badErrorShapes++;
							violation('error-shape', `${res.headers.get('content-type')}: ${text.slice(0, 300)}`);
						}
						const changes = await changesSince(before);
						for (const c of changes.filter(allowed)) {
							const key = `${c.tbl}:${c.detail}`;
							report.allowedWritesOnRejection[key] = (report.allowedWritesOnRejection[key] ?? 0) + 1;
						}
						const forbidden = changes.filter((c) => !allowed(c));
						if (forbidden.length) {
							report.rejectedWithWrites++;
							violation(
								'write-on-rejection',
								forbidden.map((c) => `${c.op} ${c.tbl}${c.detail ? ` (${c.detail})` : ''}`).join(', ')
							);
						}
					}
				}),
				{ numRuns: runsPerOperation, seed: SEED + n, endOnFailure: true }
			);
		}

		report.durationMs = Date.now() - started;

		task.meta.fuzz = report;
		console.log(
			`fuzz: ${report.requests} requests to ${report.operations} operations in ${(report.durationMs / 1000).toFixed(1)} s (seed ${SEED}); ` +
				`statuses ${JSON.stringify(report.statuses)}; 5xx ${report.serverErrors}; bad error shapes ${report.badErrorShapes}; writes on rejection ${report.rejectedWithWrites}`
		);
		for (const v of report.violations) console.log(`  ${v.kind} ${v.status} ${v.request}\n    → ${v.detail}`);
		expect(report.requests).toBeGreaterThanOrEqual(BUDGET);
		expect(report.violations).toEqual([]);
	});
});

function isErrorShape(res: Response, text: string): boolean {
	if (!/^application\/json/.test(res.headers.get('content-type') ?? '')) return false;
	try {
		const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
		return (
			typeof body.error?.code === 'string' &&
			body.error.code.length > 0 &&
			typeof body.error.message === 'string' &&
			body.error.message.length > 0
		);
	} catch {
		return false;
	}
}

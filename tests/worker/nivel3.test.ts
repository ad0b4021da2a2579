import { beforeAll, describe, expect, it } from 'vitest';
import { call, createCitizen } from './helpers';
import { CLAVE, makeOperator, operatorSignedIn, sessionFor } from './operators';

/**
 * Issue 8, proof: "a nivel-2 session refused on every nivel-3 route (enumerate them)". The routes are
 * not listed here: every operation that carries `x-mi-anses-nivel: 3` in /api/openapi.json is found
 * and tried, so a route added later (the corporate applications, anything else) is covered the day it
 * is marked, and a route that forgets its guard fails here.
 */
const EXTENSION = 'x-mi-anses-nivel';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Schema {
	type?: string | string[];
	format?: string;
	example?: unknown;
	examples?: unknown[];
	enum?: unknown[];
	pattern?: string;
}
interface Parameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: Schema;
	example?: unknown;
}
interface Operation {
	[EXTENSION]?: unknown;
	parameters?: Parameter[];
	requestBody?: unknown;
}
interface Doc {
	paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}

/** A value a real page could send for a parameter: its example, first enum value, or one by type. */
function sampleValue(p: Parameter): string {
	const s = p.schema ?? {};
	const given = p.example ?? s.example ?? s.examples?.[0] ?? s.enum?.[0];
	if (given !== undefined) return String(given);
	const type = Array.isArray(s.type) ? s.type[0] : s.type;
	if (type === 'integer' || type === 'number') return '1';
	if (type === 'boolean') return 'true';
	if (s.format === 'date') return '2026-12-04';
	if (s.format === 'uuid') return '3f1c9a52-6b1e-4c8e-9d0a-2b7c4e5f6a71';
	if (/cuil|cuit/i.test(p.name)) return '20172543597';
	return 'abc123';
}

function requestFor(path: string, op: Operation) {
	const params = op.parameters ?? [];
	const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
		const p = params.find((x) => x.in === 'path' && x.name === name) ?? { name, in: 'path' as const };
		return encodeURIComponent(sampleValue(p));
	});
	const query = params
		.filter((p) => p.in === 'query' && p.required)
		.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(sampleValue(p))}`)
		.join('&');
	return query ? `${url}?${query}` : url;
}

let doc: Doc;
let marked: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
	const res = await call('/api/openapi.json');
	expect(res.status).toBe(200);
	doc = await res.json<Doc>();
	marked = Object.entries(doc.paths).flatMap(([path, item]) =>
		METHODS.flatMap((method) => {
			const op = item[method];
			return op && op[EXTENSION] === 3 ? [{ method, path, op }] : [];
		})
	);
});

describe('every route marked nivel 3 in the OpenAPI document', () => {
	it('is discovered from the document, includes the office console, and is not empty', () => {
		const names = marked.map((m) => `${m.method.toUpperCase()} ${m.path}`);
		expect(names.length).toBeGreaterThan(0);
		expect(names).toEqual(
			expect.arrayContaining([
				'GET /api/oficina/yo',
				'GET /api/oficina/turnos',
				'POST /api/oficina/busqueda',
				'POST /api/oficina/validaciones',
				'POST /api/oficina/claves-provisorias'
			])
		);
	});

	it('refuses a nivel-2 session, whether signed in with the clave or with a passkey just now', async () => {
		const plain = await createCitizen({ clave: CLAVE, nivel: 2 });
		// The strongest nivel-2 session there is: an operator row and a passkey sign-in. Only the level
		// is missing, so a refusal here is the level check and nothing else.
		const strong = await createCitizen({ clave: CLAVE, nivel: 2 });
		await makeOperator(strong.id);
		const sessions = {
			'nivel 2, clave': await sessionFor(plain.id, 'clave'),
			'nivel 2, passkey now, operator role': await sessionFor(strong.id, 'passkey')
		};
		for (const { method, path, op } of marked)
			for (const [kind, cookie] of Object.entries(sessions)) {
				const url = requestFor(path, op);
				const res = await call(url, {
					method: method.toUpperCase(),
					cookie,
					...(op.requestBody !== undefined ? { body: {} } : {})
				});
				const label = `${method.toUpperCase()} ${url} (${kind})`;
				// 403 before any validation: the guard runs first, so the body's shape does not matter.
				expect(res.status, label).toBe(403);
				const body = await res.json<{ error?: { code?: unknown; message?: unknown } }>();
				expect(typeof body.error?.code, label).toBe('string');
				expect(typeof body.error?.message, label).toBe('string');
			}
	});

	it('the same sessions work once the account is nivel 3 (the refusal above is about the level)', async () => {
		const op = await operatorSignedIn();
		const res = await call('/api/oficina/yo', { cookie: op.cookie });
		expect(res.status).toBe(200);
	});
});

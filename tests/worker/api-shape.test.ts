import { describe, expect, it } from 'vitest';
import { call, createCitizen, login, ORIGIN, randomIp } from './helpers';

async function expectError(res: Response, status: number, code?: string) {
	expect(res.status).toBe(status);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	const body = await res.json<{ error: { code: string; message: string } }>();
	expect(typeof body.error.code).toBe('string');
	expect(body.error.message.length).toBeGreaterThan(0);
	if (code) expect(body.error.code).toBe(code);
	return body;
}

describe('untrusted input never produces a 5xx', () => {
	const bad: [string, string, number][] = [
		['malformed JSON', '{"cuil": "20172543597", "clave": ', 400],
		['JSON null', 'null', 400],
		['a JSON array', '[1,2,3]', 400],
		['a number', '42', 400],
		['wrong types', '{"cuil": 20172543597, "clave": true}', 400],
		['missing clave', '{"cuil": "20-17254359-7"}', 400],
		['empty clave', '{"cuil": "20-17254359-7", "clave": ""}', 400],
		['an invalid CUIL', '{"cuil": "20-17254359-6", "clave": "x"}', 400],
		['unknown fields', '{"cuil": "20-17254359-7", "clave": "x", "admin": true}', 400],
		[
			'a prototype pollution attempt',
			'{"cuil": "20-17254359-7", "clave": "x", "__proto__": {"nivel": 3}}',
			400
		],
		['deep nesting', '{"cuil":' + '['.repeat(5000) + ']'.repeat(5000) + ', "clave": "x"}', 400],
		['a body over 16 KiB', JSON.stringify({ cuil: '20-17254359-7', clave: 'a'.repeat(20_000) }), 413]
	];
	for (const [what, rawBody, status] of bad)
		it(`answers ${what} with ${status} in the one error shape`, async () => {
			await expectError(await call('/api/auth/login', { rawBody, ip: randomIp() }), status);
		});

	it('names the fields that failed, in Spanish', async () => {
		const body = await expectError(
			await call('/api/auth/login', { body: { cuil: '20-17254359-6', clave: '' }, ip: randomIp() }),
			400,
			'datos_invalidos'
		);
		const fields = (body.error as unknown as { fields: { path: string; message: string }[] }).fields;
		expect(fields.map((f) => f.path).sort()).toEqual(['clave', 'cuil']);
		expect(fields.find((f) => f.path === 'cuil')!.message).toMatch(/Revisá el CUIL/);
	});

	it('answers a non-JSON content type with 415', async () => {
		const res = await call('/api/auth/login', {
			rawBody: 'cuil=20172543597&clave=x',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		await expectError(res, 415);
	});

	it('answers unknown routes and methods with a JSON 404', async () => {
		await expectError(await call('/api/nada'), 404, 'no_encontrado');
		await expectError(await call('/api/auth/login'), 404);
		await expectError(await call('/api/auth/session', { method: 'DELETE' }), 404);
	});

	it('answers a body of the wrong encoding without a 5xx', async () => {
		const res = await call('/api/auth/login', { rawBody: '\uFFFF\uD800{', ip: randomIp() });
		expect(res.status).toBeLessThan(500);
	});
});

describe('CSRF', () => {
	it('refuses an unsafe request without an Origin or from another site', async () => {
		const { cuil } = await createCitizen({ clave: 'Girasol-Rio-91!' });
		const body = { cuil, clave: 'Girasol-Rio-91!' };
		await expectError(
			await call('/api/auth/login', { body, headers: { origin: 'https://evil.example' } }),
			403,
			'origen_no_permitido'
		);
		await expectError(
			await call('/api/auth/login', { body, headers: { origin: 'null' } }),
			403,
			'origen_no_permitido'
		);
		const noOrigin = await (
			await import('cloudflare:workers')
		).exports.default.fetch(
			new Request(`${ORIGIN}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			})
		);
		await expectError(noOrigin, 403, 'origen_no_permitido');
		// The same request from our own origin goes through.
		expect((await login(cuil, 'Girasol-Rio-91!', { ip: randomIp() })).status).toBe(200);
	});

	it('refuses a cross-site form post', async () => {
		const res = await call('/api/auth/logout', {
			method: 'POST',
			rawBody: 'a=1',
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded',
				'sec-fetch-site': 'cross-site'
			}
		});
		await expectError(res, 403);
	});
});

describe('security headers', () => {
	it('puts a strict CSP, HSTS and the other headers on every API response, errors included', async () => {
		for (const res of [
			await call('/api/health'),
			await call('/api/nada'),
			await call('/api/auth/login', { rawBody: '{', ip: randomIp() })
		]) {
			const h = res.headers;
			expect(h.get('content-security-policy')).toMatch(/default-src 'none'/);
			expect(h.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
			expect(h.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
			expect(h.get('x-content-type-options')).toBe('nosniff');
			expect(h.get('referrer-policy')).toBe('no-referrer');
			expect(h.get('permissions-policy')).toMatch(/camera=\(\)/);
			expect(h.get('cache-control')).toBe('no-store');
		}
	});
});

describe('OpenAPI document', () => {
	it('is a valid OpenAPI 3.1 document covering every route, with every $ref resolvable', async () => {
		const res = await call('/api/openapi.json');
		expect(res.status).toBe(200);
		const doc = await res.json<{
			openapi: string;
			info: { title: string; version: string };
			paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
			components: { schemas: Record<string, unknown> };
		}>();
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.info.title).toBeTruthy();
		expect(doc.info.version).toBeTruthy();
		expect(Object.keys(doc.paths).sort()).toEqual([
			'/api/auth/login',
			'/api/auth/logout',
			'/api/auth/reauth',
			'/api/auth/session',
			'/api/certificados',
			'/api/certificados/de-empleadores',
			'/api/certificados/negativa',
			'/api/certificados/verificar/{codigo}',
			'/api/certificados/{id}',
			'/api/certificados/{id}/anular',
			'/api/certificados/{id}/pdf',
			'/api/clave/alta/confirmar',
			'/api/clave/alta/inicio',
			'/api/clave/cambio',
			'/api/clave/estado',
			'/api/clave/no-fui-yo',
			'/api/clave/preguntas',
			'/api/clave/provisoria/clave',
			'/api/clave/provisoria/ingreso',
			'/api/clave/recuperacion/clave',
			'/api/clave/recuperacion/codigo',
			'/api/clave/recuperacion/inicio',
			'/api/clave/recuperacion/respuestas',
			'/api/corporativas/certificaciones',
			'/api/corporativas/empleadores',
			'/api/corporativas/empleadores/{cuit}/empleados/{cuil}',
			'/api/cuenta/actividad',
			'/api/cuenta/sesiones/cerrar-otras',
			'/api/cuenta/sesiones/{id}',
			'/api/dev/buzon',
			'/api/documentos',
			'/api/documentos/opciones',
			'/api/keys',
			'/api/oficina/busqueda',
			'/api/oficina/claves-provisorias',
			'/api/oficina/turnos',
			'/api/oficina/validaciones',
			'/api/oficina/yo',
			'/api/passkeys',
			'/api/passkeys/authentication/options',
			'/api/passkeys/authentication/verify',
			'/api/passkeys/registration/options',
			'/api/passkeys/registration/verify',
			'/api/passkeys/{id}',
			'/api/servicios/cobro',
			'/api/servicios/datos',
			'/api/servicios/datos/confirmar',
			'/api/servicios/historia-laboral',
			'/api/servicios/pagos',
			'/api/servicios/pagos/{id}',
			'/api/servicios/prestaciones',
			'/api/servicios/tramites',
			'/api/servicios/tramites/catalogo',
			'/api/servicios/tramites/{id}',
			'/api/turnos',
			'/api/turnos/disponibles',
			'/api/turnos/udais',
			'/api/turnos/{id}'
		]);
		for (const [path, ops] of Object.entries(doc.paths))
			for (const [method, op] of Object.entries(ops)) {
				expect(['get', 'post', 'put', 'patch', 'delete'], `${method} ${path}`).toContain(method);
				expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
			}
		expect(Object.keys(doc.components.schemas)).toEqual(
			expect.arrayContaining(['LoginRequest', 'SessionInfo', 'Error', 'Cuil'])
		);
		const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
		expect(refs.length).toBeGreaterThan(0);
		for (const ref of refs) {
			expect(ref).toMatch(/^#\/components\/schemas\//);
			expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
		}
	});
});

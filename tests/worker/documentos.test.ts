import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2 } from '../../worker/auth/argon2';
import { hashClave, pepperBytes } from '../../worker/auth/clave-hash';
import { cuilForDni } from '../../src/lib/domain/cuil';
import { ListaDocumentos, OpcionesDocumento, type Documento } from '../../src/lib/domain/api/documentos';
import { DOCUMENTO_MAX_BYTES } from '../../src/lib/domain/documentos';
import { LIMITE_DIARIO } from '../../worker/documentos/routes';
import { ORIGIN, call, cookieHeader, cookiesFrom, login, randomIp } from './helpers';

const CLAVE = 'Girasol-Rio-91!';
type ErrorBody = { error: { code: string; message: string } };

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 1, 2, 3, 4]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

let claveHash: string;
const usedDnis = new Set<number>();
const anio = new Date().getFullYear();

beforeAll(async () => {
	claveHash = hashClave(await argon2(), pepperBytes(env.CLAVE_PEPPER), CLAVE);
});

/** A signed-in person with two AUH children and one trámite waiting for papers, one finished. */
async function person() {
	let dni: number;
	do dni = 25_000_000 + Math.floor(Math.random() * 9_000_000);
	while (usedDnis.has(dni));
	usedDnis.add(dni);
	const cuil = cuilForDni(dni, 'F');
	const now = Date.now();
	const { meta } = await env.DB.prepare(
		`INSERT INTO citizens (cuil, dni, nombres, apellidos, sexo, fecha_nacimiento, email, telefono, nivel, created_at)
		VALUES (?, ?, 'Daiana', 'Prueba', 'F', '1992-04-10', ?, '+54 9 381 400-0000', 2, ?)`
	)
		.bind(cuil, String(dni), `d.${dni}@example.com`, now)
		.run();
	const id = meta.last_row_id;
	await env.DB.prepare('INSERT INTO claves (citizen_id, hash, created_at, updated_at) VALUES (?, ?, ?, ?)')
		.bind(id, claveHash, now, now)
		.run();
	const hijos: number[] = [];
	for (const [nombre, alta] of [
		['Thiago Benjamín Prueba', '2016-05-02'],
		['Mía Valentina Prueba', '2020-10-01']
	]) {
		const r = await env.DB.prepare(
			`INSERT INTO prestaciones (citizen_id, tipo, denominacion, estado, motivo, alta, haber, hijo_nombre, hijo_dni, updated_at)
			VALUES (?, 'auh', 'Asignación Universal por Hijo', 'activa', 'Cobrás el 80 %.', ?, 100, ?, '55312884', ?)`
		)
			.bind(id, alta, nombre, now)
			.run();
		hijos.push(r.meta.last_row_id);
	}
	const tramite = async (estado: string) => {
		const r = await env.DB.prepare(
			`INSERT INTO tramites (citizen_id, tipo, datos, estado, created_at, updated_at) VALUES (?, 'asignacion_nacimiento', '{}', ?, ?, ?)`
		)
			.bind(id, estado, now, now)
			.run();
		await env.DB.prepare(
			'INSERT INTO tramite_estados (tramite_id, orden, estado, fecha, nota) VALUES (?, 1, ?, ?, ?)'
		)
			.bind(r.meta.last_row_id, estado, now, 'Subí una foto de la partida de nacimiento.')
			.run();
		return r.meta.last_row_id;
	};
	const pendiente = await tramite('requiere_documentacion');
	const resuelto = await tramite('resuelto');
	const res = await login(cuil, CLAVE, { ip: randomIp() });
	expect(res.status).toBe(200);
	const cookie = cookieHeader({ '__Host-mia_sesion': cookiesFrom(res)['__Host-mia_sesion'] });
	return { id, cuil, cookie, hijos, pendiente, resuelto };
}

function subir(
	cookie: string | undefined,
	query: string,
	body: Uint8Array,
	opts: { clave?: string | null; type?: string; headers?: Record<string, string> } = {}
) {
	const headers: Record<string, string> = {
		origin: ORIGIN,
		'content-type': opts.type ?? 'image/jpeg',
		...(cookie ? { cookie } : {}),
		...(opts.clave === null ? {} : { 'idempotency-key': opts.clave ?? crypto.randomUUID() }),
		...opts.headers
	};
	return exports.default.fetch(
		new Request(`${ORIGIN}/api/documentos?${query}`, { method: 'POST', headers, body })
	);
}

const libreta = (prestacion: number, a = anio - 1) => `motivo=libreta_auh&prestacion=${prestacion}&anio=${a}`;

async function filasDe(citizenId: number) {
	const { results } = await env.DB.prepare('SELECT * FROM documentos WHERE citizen_id = ? ORDER BY id')
		.bind(citizenId)
		.all<{ id: number; tipo: string; r2_key: string; idempotency_key: string }>();
	return results;
}

async function objetosDe(citizenId: number) {
	const list = await env.ARCHIVOS.list({ prefix: `documentos/${citizenId}/` });
	return list.objects.map((o) => o.key);
}

async function documento(res: Response): Promise<Documento> {
	return ((await res.json()) as { documento: Documento }).documento;
}

describe('upload', () => {
	it('stores a Libreta AUH photo in R2 and its row in D1, and lists it', async () => {
		const p = await person();
		const clave = crypto.randomUUID();
		const res = await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave });
		expect(res.status).toBe(201);
		const doc = await documento(res);
		expect(doc).toMatchObject({
			motivo: 'libreta_auh',
			prestacionId: p.hijos[0],
			anio: anio - 1,
			tramiteId: null,
			tipo: 'image/jpeg',
			bytes: JPEG.length,
			clave,
			descripcion: `Libreta AUH ${anio - 1} de Thiago Benjamín Prueba`
		});
		const objeto = await env.ARCHIVOS.get(`documentos/${p.id}/${clave}`);
		expect(objeto?.httpMetadata?.contentType).toBe('image/jpeg');
		expect(new Uint8Array(await objeto!.arrayBuffer())).toEqual(JPEG);

		const lista = ListaDocumentos.parse(await (await call('/api/documentos', { cookie: p.cookie })).json());
		expect(lista.documentos.map((d) => d.id)).toEqual([doc.id]);
	});

	it('takes a PDF for a trámite that asks for documentation', async () => {
		const p = await person();
		const res = await subir(p.cookie, `motivo=tramite&tramite=${p.pendiente}`, PDF, {
			type: 'application/pdf'
		});
		expect(res.status).toBe(201);
		expect(await documento(res)).toMatchObject({
			motivo: 'tramite',
			tramiteId: p.pendiente,
			tipo: 'application/pdf',
			descripcion: `Documentación para Asignación por Nacimiento (trámite ${p.pendiente})`
		});
	});

	it('offers each AUH child with the years a Libreta can be for, and the trámites that ask for papers', async () => {
		const p = await person();
		const res = await call('/api/documentos/opciones', { cookie: p.cookie });
		expect(res.status).toBe(200);
		const o = OpcionesDocumento.parse(await res.json());
		expect(o.hijos.map((h) => h.prestacionId)).toEqual(p.hijos);
		expect(o.hijos[0].anios).toEqual([anio, anio - 1, anio - 2, anio - 3, anio - 4]);
		expect(o.tramites).toEqual([
			{
				id: p.pendiente,
				titulo: 'Asignación por Nacimiento',
				nota: 'Subí una foto de la partida de nacimiento.'
			}
		]);
	});

	it('asks for a session', async () => {
		const res = await subir(undefined, libreta(1), JPEG);
		expect(res.status).toBe(401);
	});
});

describe('what the file is: magic bytes, not the Content-Type', () => {
	it('refuses a program sent as image/jpeg (415, nothing stored)', async () => {
		const p = await person();
		const res = await subir(p.cookie, libreta(p.hijos[0]), EXE, { type: 'image/jpeg' });
		expect(res.status).toBe(415);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe('tipo_no_permitido');
		expect(body.error.message).toMatch(/JPG o PNG\) o un PDF/);
		expect(await filasDe(p.id)).toEqual([]);
		expect(await objetosDe(p.id)).toEqual([]);
	});

	it('refuses plain text and an empty file', async () => {
		const p = await person();
		const texto = await subir(
			p.cookie,
			libreta(p.hijos[0]),
			new TextEncoder().encode('hola, soy un archivo'),
			{
				type: 'application/pdf'
			}
		);
		expect(texto.status).toBe(415);
		const vacio = await subir(p.cookie, libreta(p.hijos[0]), new Uint8Array(0));
		expect(vacio.status).toBe(400);
		expect(((await vacio.json()) as ErrorBody).error.code).toBe('archivo_vacio');
		expect(await filasDe(p.id)).toEqual([]);
	});

	it('stores a PNG sent as application/pdf as what it is, image/png', async () => {
		const p = await person();
		const clave = crypto.randomUUID();
		const res = await subir(p.cookie, libreta(p.hijos[1]), PNG, { type: 'application/pdf', clave });
		expect(res.status).toBe(201);
		expect((await documento(res)).tipo).toBe('image/png');
		expect((await env.ARCHIVOS.head(`documentos/${p.id}/${clave}`))?.httpMetadata?.contentType).toBe(
			'image/png'
		);
	});
});

describe('size', () => {
	it('takes a file of exactly 10 MiB and refuses one byte more with a Spanish 413', async () => {
		const p = await person();
		const grande = new Uint8Array(DOCUMENTO_MAX_BYTES + 1);
		grande.set(PDF);
		const res = await subir(p.cookie, libreta(p.hijos[0]), grande, { type: 'application/pdf' });
		expect(res.status).toBe(413);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe('archivo_demasiado_grande');
		expect(body.error.message).toMatch(/más de 10 MB/);
		expect(await objetosDe(p.id)).toEqual([]);

		const justo = grande.subarray(0, DOCUMENTO_MAX_BYTES);
		expect((await subir(p.cookie, libreta(p.hijos[0]), justo, { type: 'application/pdf' })).status).toBe(201);
	});

	it('keeps the 16 KiB limit on every other route', async () => {
		const res = await call('/api/auth/login', { rawBody: JSON.stringify({ cuil: 'x'.repeat(17 * 1024) }) });
		expect(res.status).toBe(413);
	});
});

describe('exactly once: the idempotency key', () => {
	it('answers the same key sent again with the same document (200), one row and one object', async () => {
		const p = await person();
		const clave = crypto.randomUUID();
		const first = await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave });
		expect(first.status).toBe(201);
		const again = await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave });
		expect(again.status).toBe(200);
		expect((await documento(again)).id).toBe((await documento(first)).id);
		expect((await filasDe(p.id)).length).toBe(1);
		expect(await objetosDe(p.id)).toEqual([`documentos/${p.id}/${clave}`]);
	});

	it('refuses the same key with another file (422), keeping the first', async () => {
		const p = await person();
		const clave = crypto.randomUUID();
		expect((await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave })).status).toBe(201);
		const otro = await subir(p.cookie, libreta(p.hijos[0]), PNG, { clave });
		expect(otro.status).toBe(422);
		expect(((await otro.json()) as ErrorBody).error.code).toBe('clave_reutilizada');
		const objeto = await env.ARCHIVOS.get(`documentos/${p.id}/${clave}`);
		expect(new Uint8Array(await objeto!.arrayBuffer())).toEqual(JPEG);
	});

	it('20 parallel sends of one upload make one row and one R2 object, all answered with it', async () => {
		const p = await person();
		const clave = crypto.randomUUID();
		const answers = await Promise.all(
			Array.from({ length: 20 }, () => subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave }))
		);
		const statuses = answers.map((r) => r.status).sort();
		expect(statuses.filter((s) => s === 201).length).toBe(1);
		expect(statuses.filter((s) => s === 200).length).toBe(19);
		const ids = new Set(await Promise.all(answers.map(async (r) => (await documento(r)).id)));
		expect(ids.size).toBe(1);
		expect((await filasDe(p.id)).length).toBe(1);
		expect(await objetosDe(p.id)).toEqual([`documentos/${p.id}/${clave}`]);
	});

	it('needs an Idempotency-Key that is a UUID', async () => {
		const p = await person();
		expect((await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave: null })).status).toBe(400);
		expect((await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave: '1234' })).status).toBe(400);
		expect(await filasDe(p.id)).toEqual([]);
	});
});

describe('ownership', () => {
	it("another person's child or trámite answers 404, as one that does not exist", async () => {
		const a = await person();
		const b = await person();
		for (const query of [
			libreta(b.hijos[0]),
			`motivo=tramite&tramite=${b.pendiente}`,
			libreta(999_999_999)
		]) {
			const res = await subir(a.cookie, query, JPEG);
			expect(res.status, query).toBe(404);
			expect(((await res.json()) as ErrorBody).error.code).toBe('no_encontrado');
		}
		expect(await filasDe(a.id)).toEqual([]);
		expect(await filasDe(b.id)).toEqual([]);
		expect(await objetosDe(a.id)).toEqual([]);
	});

	it('refuses a trámite that is not waiting for papers, a year out of range and a half-given purpose', async () => {
		const p = await person();
		expect((await subir(p.cookie, `motivo=tramite&tramite=${p.resuelto}`, JPEG)).status).toBe(422);
		expect((await subir(p.cookie, libreta(p.hijos[1], 2017), JPEG)).status).toBe(422);
		expect((await subir(p.cookie, libreta(p.hijos[0], anio + 1), JPEG)).status).toBe(422);
		expect((await subir(p.cookie, `motivo=libreta_auh&prestacion=${p.hijos[0]}`, JPEG)).status).toBe(400);
		expect((await subir(p.cookie, `motivo=otro`, JPEG)).status).toBe(400);
		expect(await filasDe(p.id)).toEqual([]);
	});

	it("lists only the person's own documents", async () => {
		const a = await person();
		const b = await person();
		const deA = await documento(await subir(a.cookie, libreta(a.hijos[0]), JPEG));
		await subir(b.cookie, libreta(b.hijos[0]), JPEG);
		await subir(b.cookie, libreta(b.hijos[1]), PNG);
		const lista = ListaDocumentos.parse(await (await call('/api/documentos', { cookie: a.cookie })).json());
		expect(lista.documentos.map((d) => d.id)).toEqual([deA.id]);
	});
});

describe('daily cap', () => {
	it(`refuses the ${LIMITE_DIARIO + 1}th document of the day (429), but a retried one still gets its answer`, async () => {
		const p = await person();
		const clave = crypto.randomUUID();
		expect((await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave })).status).toBe(201);
		const now = Date.now();
		await env.DB.batch(
			Array.from({ length: LIMITE_DIARIO - 1 }, (_, i) =>
				env.DB.prepare(
					`INSERT INTO documentos (citizen_id, idempotency_key, motivo, prestacion_id, anio, tipo, bytes, sha256, r2_key, created_at)
					VALUES (?, ?, 'libreta_auh', ?, ?, 'image/jpeg', 10, 'x', ?, ?)`
				).bind(p.id, crypto.randomUUID(), p.hijos[0], anio - 1, `relleno/${p.id}/${i}`, now - i)
			)
		);
		const res = await subir(p.cookie, libreta(p.hijos[1]), PNG);
		expect(res.status).toBe(429);
		expect(((await res.json()) as ErrorBody).error.code).toBe('demasiados_documentos');
		expect((await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave })).status).toBe(200);
	});
});

describe('storage order: R2 first, then one D1 insert', () => {
	it('leaves no file and no row when the D1 insert fails, and the same key works afterwards', async () => {
		const p = await person();
		const clave = crypto.randomUUID();
		await env.DB.prepare(
			"CREATE TRIGGER falla_documento BEFORE INSERT ON documentos BEGIN SELECT RAISE(ABORT, 'falla simulada'); END"
		).run();
		try {
			const res = await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave });
			expect(res.status).toBe(500);
			expect(((await res.json()) as ErrorBody).error.code).toBe('error_interno');
		} finally {
			await env.DB.prepare('DROP TRIGGER falla_documento').run();
		}
		expect(await filasDe(p.id)).toEqual([]);
		expect(await objetosDe(p.id)).toEqual([]);

		const retry = await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave });
		expect(retry.status).toBe(201);
		expect((await filasDe(p.id)).length).toBe(1);
	});

	it('replaces a leftover file with no row (a failed insert whose clean-up failed too)', async () => {
		const p = await person();
		const clave = crypto.randomUUID();
		await env.ARCHIVOS.put(`documentos/${p.id}/${clave}`, PNG);
		// Make the leftover look old: the route replaces only files older than a minute.
		const realNow = Date.now;
		const res = await (async () => {
			Date.now = () => realNow() + 120_000;
			try {
				return await subir(p.cookie, libreta(p.hijos[0]), JPEG, { clave });
			} finally {
				Date.now = realNow;
			}
		})();
		expect(res.status).toBe(201);
		const objeto = await env.ARCHIVOS.get(`documentos/${p.id}/${clave}`);
		expect(new Uint8Array(await objeto!.arrayBuffer())).toEqual(JPEG);
	});
});

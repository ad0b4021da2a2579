/**
 * Documents (issue 7, point 6): a person hands in the Libreta AUH of a child for a year, or a paper a
 * trámite of theirs asks for. The file goes to R2, its row to D1; the phone's outbox may send the same
 * upload more than once (dropped connection, a retry on reconnect, Background Sync), so every upload
 * carries an idempotency key and arrives exactly once.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
	DestinoDocumento,
	Documento,
	IdempotencyHeaders,
	ListaDocumentos,
	OpcionesDocumento
} from '../../src/lib/domain/api/documentos';
import { sha256 } from '../../src/lib/domain/certificados/sello';
import { todayInArgentina } from '../../src/lib/domain/cronograma';
import {
	DOCUMENTO_MAX_BYTES,
	MENSAJE_GRANDE,
	MENSAJE_TIPO,
	MENSAJE_VACIO,
	TIPOS_DOCUMENTO,
	aniosLibreta,
	detectarTipo
} from '../../src/lib/domain/documentos';
import { requireSession } from '../auth/sessions';
import type { AppEnv } from '../env';
import { createApp } from '../http/app';
import { ApiError, errorResponse } from '../http/errors';
import { errors, json } from '../http/openapi';
import { TITULO_TRAMITE } from '../servicios/catalogo';
import {
	hijoDe,
	hijosDe,
	insertar,
	listaDe,
	porClave,
	recibidosDesde,
	tramiteDe,
	tramitesPendientesDe,
	type DocumentoRow
} from './queries';

const TAG = ['Documentos'];
const SIN_SESION: [number, string] = [401, 'Sin sesión'];

/**
 * Uploads per person and day. Each file is up to 10 MiB, kept for staff to review, and a person hands
 * in a few at a time (one Libreta per child and year, the papers one trámite asks for); 30 a day is
 * several times that, and caps what a stolen session or a client stuck in a loop can pour into the
 * bucket at 300 MiB a day per person (ASVS 5.0 2.4.1, anti-automation). A retried upload (same key)
 * does not count: it is answered before the cap. Counted in D1 (the index on citizen and time);
 * parallel uploads may pass it by a few, which is fine for a cost cap.
 */
export const LIMITE_DIARIO = 30;
const DIA_MS = 24 * 60 * 60_000;

/** The person's list: bounded by the daily cap anyway; 200 is the newest ones. */
const LISTA_MAXIMO = 200;

/**
 * How long a request that lost the race for an idempotency key (another request with the same key
 * stored the file first) waits for the winner's row before telling the phone to try again later.
 */
const ESPERA_MS = 100;
const ESPERAS = 40;
/** A file with no row this old is left over from an attempt whose D1 insert and clean-up both failed. */
const HUERFANO_MS = 60_000;

/**
 * The global 16 KiB limit (http/security.ts) skips this one route; here the body may be a whole file,
 * up to 10 MiB, and no more (ASVS 5.0 5.2.1). A larger declared Content-Length is refused before a
 * byte is read; a body without one is counted as it streams in.
 */
export const limitUpload = bodyLimit({
	maxSize: DOCUMENTO_MAX_BYTES,
	onError: (c) => errorResponse(c, new ApiError(413, 'archivo_demasiado_grande', MENSAJE_GRANDE))
});

const noEncontrado = (que: string) => new ApiError(404, 'no_encontrado', `No encontramos ${que}.`);

function descripcion(
	r: Pick<DocumentoRow, 'motivo' | 'anio' | 'hijo_nombre' | 'tramite_tipo' | 'tramite_id'>
) {
	if (r.motivo === 'libreta_auh') return `Libreta AUH ${r.anio} de ${r.hijo_nombre ?? 'tu hijo o hija'}`;
	const titulo = r.tramite_tipo ? TITULO_TRAMITE[r.tramite_tipo] : 'un trámite';
	return `Documentación para ${titulo} (trámite ${r.tramite_id})`;
}

const aDocumento = (r: DocumentoRow): Documento => ({
	id: r.id,
	motivo: r.motivo,
	prestacionId: r.prestacion_id,
	anio: r.anio,
	tramiteId: r.tramite_id,
	descripcion: descripcion(r),
	tipo: r.tipo,
	bytes: r.bytes,
	clave: r.idempotency_key,
	recibido: new Date(r.created_at).toISOString()
});

interface Destino {
	motivo: 'libreta_auh' | 'tramite';
	prestacionId: number | null;
	anio: number | null;
	tramiteId: number | null;
}

/**
 * What the upload is for, checked against the server's records: the child's AUH and the trámite must
 * be the signed-in person's own. Another person's answers 404, exactly like one that does not exist,
 * so ids cannot be probed (ASVS 5.0 8.2.2).
 */
async function destinoDe(c: Context<AppEnv>, q: DestinoDocumento, hoy: string): Promise<Destino> {
	const yo = c.var.session.citizenId;
	const falta = (path: string, message: string) =>
		new ApiError(400, 'datos_invalidos', 'Revisá los datos marcados.', { fields: [{ path, message }] });
	if (q.motivo === 'libreta_auh') {
		if (q.tramite !== undefined) throw falta('tramite', 'La Libreta AUH no va con un trámite.');
		if (q.prestacion === undefined) throw falta('prestacion', 'Elegí de qué hijo o hija es la Libreta.');
		if (q.anio === undefined) throw falta('anio', 'Elegí el año de la Libreta.');
		const hijo = await hijoDe(c.env.DB, q.prestacion, yo);
		if (!hijo) throw noEncontrado('esa asignación');
		if (!aniosLibreta(hijo.alta, hijo.baja, hoy).includes(q.anio))
			throw new ApiError(
				422,
				'anio_invalido',
				'Para ese año no corresponde presentar la Libreta de este hijo o hija. Elegí otro año.'
			);
		return { motivo: 'libreta_auh', prestacionId: hijo.id, anio: q.anio, tramiteId: null };
	}
	if (q.prestacion !== undefined || q.anio !== undefined)
		throw falta('prestacion', 'La documentación de un trámite no va con una asignación ni un año.');
	if (q.tramite === undefined) throw falta('tramite', 'Elegí para qué trámite es.');
	const tramite = await tramiteDe(c.env.DB, q.tramite, yo);
	if (!tramite) throw noEncontrado('ese trámite');
	// Only a trámite waiting for papers takes them: a finished one would never be looked at again.
	if (tramite.estado !== 'requiere_documentacion')
		throw new ApiError(
			422,
			'tramite_sin_pedido',
			'Ese trámite no está esperando documentación. Fijate su estado en Mis trámites.'
		);
	return { motivo: 'tramite', prestacionId: null, anio: null, tramiteId: tramite.id };
}

/**
 * A key sent again: the same upload (same purpose, same bytes) gets the document it already created.
 * The same key with another file or purpose is a client bug, refused instead of silently answered
 * with a document that is not what was sent.
 */
function repetido(c: Context<AppEnv>, fila: DocumentoRow, d: Destino, hash: string) {
	const igual =
		fila.sha256 === hash &&
		fila.motivo === d.motivo &&
		fila.prestacion_id === d.prestacionId &&
		fila.anio === d.anio &&
		fila.tramite_id === d.tramiteId;
	if (!igual)
		throw new ApiError(
			422,
			'clave_reutilizada',
			'Este envío ya se usó para otro archivo. Elegí el archivo de nuevo para enviarlo.'
		);
	return c.json({ documento: aDocumento(fila) }, 200);
}

const esClaveRepetida = (e: unknown) =>
	e instanceof Error && /UNIQUE/i.test(e.message) && /idempotency_key/i.test(e.message);

const espera = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- Routes. ----------------------------------------------------------------------------------------

const listaRoute = createRoute({
	method: 'get',
	path: '/',
	tags: TAG,
	summary: 'Los documentos que presentó la persona, del más nuevo al más viejo',
	responses: { 200: json(ListaDocumentos, 'Documentos de la persona'), ...errors(SIN_SESION) }
});

const opcionesRoute = createRoute({
	method: 'get',
	path: '/opciones',
	tags: TAG,
	summary: 'Para qué se puede presentar un documento: cada hijo o hija con AUH y los trámites que lo piden',
	responses: { 200: json(OpcionesDocumento, 'Opciones'), ...errors(SIN_SESION) }
});

const binario = { schema: z.string().meta({ format: 'binary' }) };

const subirRoute = createRoute({
	method: 'post',
	path: '/',
	tags: TAG,
	summary: 'Presentar un documento: el cuerpo es el archivo (JPEG, PNG o PDF, hasta 10 MiB)',
	description:
		'El tipo se lee de los primeros bytes del archivo, no del Content-Type. Idempotency-Key (UUID) es obligatorio: repetir el envío con la misma clave devuelve el mismo documento (200) y no guarda otro.',
	request: {
		query: DestinoDocumento,
		headers: IdempotencyHeaders,
		body: {
			required: true,
			content: Object.fromEntries(TIPOS_DOCUMENTO.map((t) => [t, binario]))
		}
	},
	responses: {
		201: json(z.object({ documento: Documento }), 'Documento recibido'),
		200: json(z.object({ documento: Documento }), 'Ya lo habíamos recibido con esta clave'),
		...errors(
			[400, 'Falta la clave de envío, el destino está incompleto o el archivo está vacío'],
			SIN_SESION,
			[404, 'El hijo o hija o el trámite no existe o no es de la persona'],
			[409, 'Otro envío con la misma clave está en curso: probar de nuevo en unos segundos'],
			[413, 'El archivo pesa más de 10 MiB'],
			[415, 'El archivo no es JPEG, PNG ni PDF'],
			[422, 'Año o trámite que no corresponde, o la clave ya se usó para otro archivo'],
			[429, 'Demasiados documentos en el día']
		)
	}
});

export const documentos = createApp()
	.openapi({ ...listaRoute, middleware: [requireSession] as const }, async (c) => {
		const filas = await listaDe(c.env.DB, c.var.session.citizenId, LISTA_MAXIMO);
		return c.json({ documentos: filas.map(aDocumento) }, 200);
	})
	.openapi({ ...opcionesRoute, middleware: [requireSession] as const }, async (c) => {
		const yo = c.var.session.citizenId;
		const hoy = todayInArgentina();
		const [hijos, tramites] = await Promise.all([hijosDe(c.env.DB, yo), tramitesPendientesDe(c.env.DB, yo)]);
		return c.json(
			{
				hijos: hijos
					.map((h) => ({
						prestacionId: h.id,
						nombre: h.hijo_nombre ?? 'Hijo o hija',
						anios: aniosLibreta(h.alta, h.baja, hoy)
					}))
					.filter((h) => h.anios.length > 0),
				tramites: tramites.map((t) => ({
					id: t.id,
					titulo: TITULO_TRAMITE[t.tipo],
					nota: t.nota ?? ''
				}))
			},
			200
		);
	})
	.openapi({ ...subirRoute, middleware: [requireSession, limitUpload] as const }, async (c) => {
		const s = c.var.session;
		const clave = c.req.valid('header')['idempotency-key'];
		const now = Date.now();
		const destino = await destinoDe(c, c.req.valid('query'), todayInArgentina(now));

		const bytes = new Uint8Array(await c.req.arrayBuffer());
		if (bytes.length === 0) throw new ApiError(400, 'archivo_vacio', MENSAJE_VACIO);
		if (bytes.length > DOCUMENTO_MAX_BYTES)
			throw new ApiError(413, 'archivo_demasiado_grande', MENSAJE_GRANDE);
		// The type is what the bytes are, not what the sender says (ASVS 5.0 5.2.2): a renamed .exe sent
		// as image/jpeg is refused here, and the type stored and served later is the detected one.
		const tipo = detectarTipo(bytes);
		if (!tipo) throw new ApiError(415, 'tipo_no_permitido', MENSAJE_TIPO);
		const hash = await sha256(bytes);

		const previo = await porClave(c.env.DB, s.citizenId, clave);
		if (previo) return repetido(c, previo, destino, hash);

		if ((await recibidosDesde(c.env.DB, s.citizenId, now - DIA_MS)) >= LIMITE_DIARIO)
			throw new ApiError(
				429,
				'demasiados_documentos',
				`Presentaste ${LIMITE_DIARIO} documentos en las últimas 24 horas, el máximo por día. Podés presentar más mañana.`
			);

		// The object's name comes from the person and the key, so every retry of one upload aims at the
		// same object, and `onlyIf` lets exactly one request create it: the others never overwrite it.
		const r2Key = `documentos/${s.citizenId}/${clave}`;
		const opciones = {
			httpMetadata: { contentType: tipo },
			customMetadata: { sha256: hash }
		};
		let guardado = await c.env.ARCHIVOS.put(r2Key, bytes, { ...opciones, onlyIf: { etagDoesNotMatch: '*' } });
		for (let i = 0; guardado === null && i < ESPERAS; i++) {
			// Another request with this key stored the file first: wait for its row and answer with it.
			const fila = await porClave(c.env.DB, s.citizenId, clave);
			if (fila) return repetido(c, fila, destino, hash);
			const objeto = await c.env.ARCHIVOS.head(r2Key);
			if (!objeto)
				// The other request failed and removed its file: this one stores it.
				guardado = await c.env.ARCHIVOS.put(r2Key, bytes, { ...opciones, onlyIf: { etagDoesNotMatch: '*' } });
			else if (now - objeto.uploaded.getTime() > HUERFANO_MS)
				// Left over from an attempt whose insert and clean-up both failed: no row points to it, so
				// it is replaced, and only if it is still that same object.
				guardado = await c.env.ARCHIVOS.put(r2Key, bytes, {
					...opciones,
					onlyIf: { etagMatches: objeto.etag }
				});
			else await espera(ESPERA_MS);
		}
		if (guardado === null)
			throw new ApiError(
				409,
				'envio_en_curso',
				'Estamos recibiendo este mismo archivo. Probá de nuevo en unos segundos.',
				{
					retryAfterSeconds: 5
				}
			);

		// R2 first, then D1 (as worker/certificados): a row is only ever written for a file that exists.
		// If the insert fails, the file is deleted again, so a failed upload leaves nothing behind.
		try {
			await insertar(c.env.DB, {
				citizenId: s.citizenId,
				clave,
				...destino,
				tipo,
				bytes: bytes.length,
				sha256: hash,
				r2Key,
				createdAt: now
			}).run();
		} catch (e) {
			if (esClaveRepetida(e)) {
				// A request with the same key inserted its row first, for this same object: keep the file.
				const fila = await porClave(c.env.DB, s.citizenId, clave);
				if (fila) return repetido(c, fila, destino, hash);
			}
			await c.env.ARCHIVOS.delete(r2Key).catch(() => undefined);
			throw e;
		}
		const fila = await porClave(c.env.DB, s.citizenId, clave);
		if (!fila) throw new Error('document row missing right after its insert');
		return c.json({ documento: aDocumento(fila) }, 201);
	});

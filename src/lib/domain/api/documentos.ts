import { z } from 'zod';
import { LIBRETA_PRIMER_ANIO, MOTIVOS_DOCUMENTO, TIPOS_DOCUMENTO, UUID_PATRON } from '../documentos';

/**
 * Documents API (`/api/documentos`), all with a session; only the person's own documents.
 *
 * - GET  /api/documentos           the person's documents, newest first
 * - GET  /api/documentos/opciones  what a document can be for: each AUH child (Libreta per year) and
 *                                  each trámite that asks for documentation
 * - POST /api/documentos?motivo=libreta_auh&prestacion=<id>&anio=<yyyy>
 * - POST /api/documentos?motivo=tramite&tramite=<id>
 *        body: the file itself (raw bytes, at most 10 MiB; its type is read from its first bytes, the
 *        Content-Type is ignored); header `Idempotency-Key: <UUID>` (required). 201 the first time,
 *        200 with the same document when the same key is sent again (a retried upload).
 *
 * Another person's child or trámite answers 404, exactly as one that does not exist.
 */

export const MotivoDocumento = z.enum(MOTIVOS_DOCUMENTO).meta({
	id: 'MotivoDocumento',
	description:
		'libreta_auh: Libreta AUH de un hijo o hija para un año · tramite: documentación que pide un trámite.'
});

export const TipoDocumento = z.enum(TIPOS_DOCUMENTO).meta({ id: 'TipoDocumento' });

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const DestinoDocumento = z.object({
	motivo: MotivoDocumento,
	prestacion: Id.optional().meta({
		description: 'Con libreta_auh: la AUH del hijo o hija (id de prestación).'
	}),
	anio: z.coerce
		.number()
		.int()
		.min(LIBRETA_PRIMER_ANIO, { message: 'Elegí un año válido.' })
		.max(2100, { message: 'Elegí un año válido.' })
		.optional()
		.meta({ description: 'Con libreta_auh: el año que certifica la Libreta.' }),
	tramite: Id.optional().meta({ description: 'Con tramite: el id del trámite.' })
});
export type DestinoDocumento = z.infer<typeof DestinoDocumento>;

export const IdempotencyHeaders = z.object({
	'idempotency-key': z
		.string()
		.regex(UUID_PATRON, { message: 'Falta la clave de envío (un UUID).' })
		.meta({ example: '3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f' })
});

export const Documento = z
	.object({
		id: z.number().int(),
		motivo: MotivoDocumento,
		prestacionId: z.number().int().nullable(),
		anio: z.number().int().nullable(),
		tramiteId: z.number().int().nullable(),
		/** What it is for, as the person reads it: "Libreta AUH 2025 de Thiago Benjamín Acosta". */
		descripcion: z.string(),
		tipo: TipoDocumento,
		bytes: z.number().int(),
		/** The idempotency key it was sent with: the page matches it to its outbox item. */
		clave: z.string(),
		recibido: z.iso.datetime()
	})
	.meta({ id: 'Documento' });
export type Documento = z.infer<typeof Documento>;

export const ListaDocumentos = z.object({ documentos: z.array(Documento) }).meta({ id: 'ListaDocumentos' });
export type ListaDocumentos = z.infer<typeof ListaDocumentos>;

export const OpcionesDocumento = z
	.object({
		hijos: z.array(
			z.object({
				prestacionId: z.number().int(),
				nombre: z.string(),
				/** Years a Libreta can be handed in for, newest first. */
				anios: z.array(z.number().int())
			})
		),
		tramites: z.array(z.object({ id: z.number().int(), titulo: z.string(), nota: z.string() }))
	})
	.meta({ id: 'OpcionesDocumento' });
export type OpcionesDocumento = z.infer<typeof OpcionesDocumento>;

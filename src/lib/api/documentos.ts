import { request } from './client';
import type { ListaDocumentos, OpcionesDocumento } from '$lib/domain/api/documentos';

/** Documents: what they can be for, and what the server received. The upload itself is in $lib/documentos. */
export const getOpcionesDocumento = () => request<OpcionesDocumento>('GET', '/documentos/opciones');
export const getDocumentos = () => request<ListaDocumentos>('GET', '/documentos');

import { request } from './client';
import type { SessionInfo } from '$lib/domain/api/auth';
import type {
	BusquedaRequest,
	CiudadanoOficina,
	ClaveProvisoriaRequest,
	ClaveProvisoriaResponse,
	Operador,
	ProvisoriaClaveRequest,
	ProvisoriaIngresoRequest,
	ProvisoriaIngresoResponse,
	TurnosDelDia,
	ValidacionRequest,
	ValidacionResponse
} from '$lib/domain/api/oficina';

/** The office console (worker/oficina): every call is refused unless the server sees an operator. */
export const getOperador = (): Promise<Operador> => request('GET', '/oficina/yo');
export const getTurnosDelDia = (fecha: string): Promise<TurnosDelDia> =>
	request('GET', `/oficina/turnos?fecha=${encodeURIComponent(fecha)}`);
export const buscarCiudadano = (body: BusquedaRequest): Promise<CiudadanoOficina> =>
	request('POST', '/oficina/busqueda', body);
export const validarIdentidad = (body: ValidacionRequest): Promise<ValidacionResponse> =>
	request('POST', '/oficina/validaciones', body);
export const crearClaveProvisoria = (body: ClaveProvisoriaRequest): Promise<ClaveProvisoriaResponse> =>
	request('POST', '/oficina/claves-provisorias', body);

/** The citizen's side of an in-person reset (/clave/provisoria). */
export const ingresarConProvisoria = (body: ProvisoriaIngresoRequest): Promise<ProvisoriaIngresoResponse> =>
	request('POST', '/clave/provisoria/ingreso', body);
export const elegirClaveProvisoria = (body: ProvisoriaClaveRequest): Promise<SessionInfo> =>
	request('POST', '/clave/provisoria/clave', body);

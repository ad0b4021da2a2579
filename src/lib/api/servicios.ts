import { request } from './client';
import type {
	CatalogoTramites,
	Cobro,
	Datos,
	DatosUpdate,
	HistoriaLaboral,
	NuevoTramite,
	PagoList,
	PrestacionList,
	Recibo,
	Tramite,
	TramiteList
} from '$lib/domain/api/servicios';

/**
 * Benefits, payments, historia laboral, requests and personal data: a module of its own so that the
 * sign-in screen, which needs none of it, does not carry it.
 */

function query(params: Record<string, string | number | undefined>): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
	const text = search.toString();
	return text === '' ? '' : `?${text}`;
}

export function getPrestaciones(): Promise<PrestacionList> {
	return request('GET', '/servicios/prestaciones');
}

export function getPagos(
	params: { prestacion?: number; cursor?: string; limit?: number } = {}
): Promise<PagoList> {
	return request('GET', `/servicios/pagos${query(params)}`);
}

export function getRecibo(id: number | string): Promise<Recibo> {
	return request('GET', `/servicios/pagos/${encodeURIComponent(id)}`);
}

export function getCobro(periodo?: string): Promise<Cobro> {
	return request('GET', `/servicios/cobro${query({ periodo })}`);
}

export function getHistoriaLaboral(): Promise<HistoriaLaboral> {
	return request('GET', '/servicios/historia-laboral');
}

export function getTramites(params: { cursor?: string; limit?: number } = {}): Promise<TramiteList> {
	return request('GET', `/servicios/tramites${query(params)}`);
}

export function getTramite(id: number | string): Promise<Tramite> {
	return request('GET', `/servicios/tramites/${encodeURIComponent(id)}`);
}

export function getCatalogo(): Promise<CatalogoTramites> {
	return request('GET', '/servicios/tramites/catalogo');
}

export function startTramite(body: NuevoTramite): Promise<Tramite> {
	return request('POST', '/servicios/tramites', body);
}

export function getDatos(): Promise<Datos> {
	return request('GET', '/servicios/datos');
}

export function updateDatos(body: DatosUpdate): Promise<Datos> {
	return request('PATCH', '/servicios/datos', body);
}

export function confirmContact(codigo: string): Promise<Datos> {
	return request('POST', '/servicios/datos/confirmar', { codigo });
}

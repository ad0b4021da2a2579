import { ApiError, noticeOutdated, request } from './client';
import { API_VERSION, API_VERSION_HEADER } from '../domain/api/version';
import type {
	CertificadoEmitido,
	Jwks,
	ListaCertificados,
	PedidoCertificado,
	ResultadoNegativa,
	VerificacionEnLinea
} from '$lib/domain/api/certificados';
import type { CertificacionesDeEmpleadores } from '$lib/domain/api/corporativas';
import { leerConProgreso } from '../certificados/descarga';

const NO_CONNECTION = 'No hay conexión. Revisá tu internet y probá de nuevo.';

/**
 * Certificates: issue, download, look up a code, and the public key set. A module of its own so the
 * sign-in screen never carries it. Types only from the schemas (zod stays out of the page).
 */

export function listarCertificados(): Promise<ListaCertificados> {
	return request('GET', '/certificados');
}

/** Certifications of services and pay that the person's employers made (to issue the certificate). */
export function listarDeEmpleadores(): Promise<CertificacionesDeEmpleadores> {
	return request('GET', '/certificados/de-empleadores');
}

export function consultarNegativa(desde: string, hasta: string): Promise<ResultadoNegativa> {
	const q = new URLSearchParams({ desde, hasta });
	return request('GET', `/certificados/negativa?${q}`);
}

export function pedirCertificado(body: PedidoCertificado): Promise<CertificadoEmitido> {
	return request('POST', '/certificados', body);
}

export function obtenerCertificado(id: number | string): Promise<CertificadoEmitido> {
	return request('GET', `/certificados/${encodeURIComponent(id)}`);
}

export function anularCertificado(id: number | string): Promise<void> {
	return request('POST', `/certificados/${encodeURIComponent(id)}/anular`, {});
}

/** Public: what a code certifies and whether it was revoked. */
export function verificarCodigo(codigo: string): Promise<VerificacionEnLinea> {
	return request('GET', `/certificados/verificar/${encodeURIComponent(codigo)}`);
}

/**
 * Public: the key set that verifies the signatures. `fresh` skips the HTTP cache (the Worker lets it keep
 * the set for an hour): used when a certificate names a key id the kept set does not have (rotation).
 */
export async function obtenerClaves(fresh = false): Promise<Jwks> {
	if (!fresh) return request('GET', '/keys');
	let response: Response;
	try {
		response = await fetch('/api/keys', { cache: 'no-cache', headers: { accept: 'application/json' } });
	} catch {
		throw new ApiError(0, { code: 'sin_conexion', message: NO_CONNECTION });
	}
	if (!response.ok)
		throw new ApiError(response.status, {
			code: 'error_inesperado',
			message: 'No pudimos traer las claves.'
		});
	return (await response.json()) as Jwks;
}

/**
 * The sealed PDF, read chunk by chunk so the screen shows a real progress bar (`request` reads JSON,
 * this reads bytes). The percentage comes from Content-Length, or from the size the list announced.
 */
export async function descargarPdf(
	id: number | string,
	pdfBytes: number | undefined,
	onProgress: (porcentaje: number | null, recibidos: number) => void
): Promise<Blob> {
	let response: Response;
	try {
		response = await fetch(`/api/certificados/${encodeURIComponent(id)}/pdf`, {
			credentials: 'same-origin',
			headers: { accept: 'application/pdf', [API_VERSION_HEADER]: String(API_VERSION) }
		});
	} catch {
		throw new ApiError(0, { code: 'sin_conexion', message: NO_CONNECTION });
	}
	if (!response.ok) {
		let detail = { code: 'error_inesperado', message: 'No pudimos descargar el PDF. Probá de nuevo.' };
		try {
			const body = (await response.json()) as { error?: typeof detail };
			if (body.error?.code && body.error.message) detail = body.error;
		} catch {
			/* not JSON */
		}
		noticeOutdated(response.status, detail.code, detail.message);
		throw new ApiError(response.status, detail);
	}
	try {
		return await leerConProgreso(response, pdfBytes, onProgress);
	} catch {
		// The connection dropped in the middle of the file.
		throw new ApiError(0, { code: 'sin_conexion', message: NO_CONNECTION });
	}
}

// ---- Storage on the phone ----------------------------------------------------------------------------

const PERSIST_KEY = 'mia:almacenamiento-persistente';

/**
 * Asks the browser once, at the first download, to keep this site's storage under pressure (otherwise
 * Chrome may evict IndexedDB, and the certificates with it, when the phone runs short of space). The
 * answer is remembered so the question is not repeated on every download.
 */
export async function pedirPersistencia(): Promise<boolean | null> {
	try {
		const known = localStorage.getItem(PERSIST_KEY);
		if (known !== null) return known === 'si';
	} catch {
		/* private mode: ask anyway */
	}
	if (!navigator.storage?.persist) return null;
	let granted: boolean;
	try {
		granted = await navigator.storage.persist();
	} catch {
		return null;
	}
	try {
		localStorage.setItem(PERSIST_KEY, granted ? 'si' : 'no');
	} catch {
		/* nothing to remember it in */
	}
	return granted;
}

export async function estimarEspacio(): Promise<{ usage?: number; quota?: number } | undefined> {
	try {
		return await navigator.storage?.estimate?.();
	} catch {
		return undefined;
	}
}

/**
 * The browser side of the outbox: sends with XMLHttpRequest (fetch reports no upload progress), and
 * flushes the queue when the app starts, when the network comes back (`online`), on a timer for the
 * backoff, when the vault opens, and when the service worker's Background Sync asks (static/sw-sync.js).
 * The page holds the data (IndexedDB, sealed by the vault: the service worker could not read it); the
 * service worker only wakes open windows, so an app closed while offline sends on its next start once
 * the person unlocks.
 */
import { noticeOutdated } from '$lib/api/client';
import type { Documento } from '$lib/domain/api/documentos';
import type { ApiErrorBody } from '$lib/domain/api/errors';
import { API_VERSION, API_VERSION_HEADER } from '$lib/domain/api/version';
import { createOutbox, idbOutboxStorage, type OutboxItem, type Resultado } from '$lib/offline/outbox';
import { vault } from '$lib/offline/vault';

export const SYNC_TAG = 'mi-anses-outbox';
const SIN_CONEXION = 'Sin conexión. Se envía solo cuando vuelva la señal.';

/** Statuses worth retrying: the server busy or failing, the session ended (it sends after signing in). */
function reintentable(status: number, code: string) {
	return (
		status >= 500 || status === 401 || status === 408 || (status === 409 && code !== 'clave_reutilizada')
	);
}

export function xhrSender(
	item: OutboxItem,
	onProgress: (sent: number, total: number) => void
): Promise<Resultado> {
	return new Promise((resolve) => {
		const query = new URLSearchParams();
		for (const [k, v] of Object.entries(item.destino)) if (v !== undefined) query.set(k, String(v));
		const xhr = new XMLHttpRequest();
		xhr.open('POST', `/api/documentos?${query}`);
		xhr.setRequestHeader('Idempotency-Key', item.clave);
		xhr.setRequestHeader(API_VERSION_HEADER, String(API_VERSION));
		xhr.setRequestHeader('Accept', 'application/json');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable) onProgress(e.loaded, e.total);
		};
		xhr.onerror =
			xhr.ontimeout =
			xhr.onabort =
				() => resolve({ tipo: 'reintentar', mensaje: SIN_CONEXION, sinConexion: true });
		xhr.onload = () => {
			let body: unknown = null;
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				/* not JSON: handled below */
			}
			if (xhr.status === 200 || xhr.status === 201) {
				resolve({ tipo: 'enviado', documentoId: (body as { documento: Documento }).documento.id });
				return;
			}
			const error = (body as ApiErrorBody | null)?.error;
			const mensaje = error?.message ?? 'No pudimos enviarlo. Probá de nuevo en unos minutos.';
			// An API newer than this page: the item keeps waiting (the updated app sends it) and the update
			// banner says why, instead of retrying in silence.
			noticeOutdated(xhr.status, error?.code, error?.message);
			if (reintentable(xhr.status, error?.code ?? ''))
				resolve({
					tipo: 'reintentar',
					mensaje,
					sinConexion: false,
					esperaMs: error?.retryAfterSeconds ? error.retryAfterSeconds * 1000 : undefined
				});
			else resolve({ tipo: 'rechazado', mensaje });
		};
		xhr.timeout = 5 * 60_000;
		xhr.send(item.archivo ?? null);
	});
}

export const outbox = createOutbox(idbOutboxStorage, xhrSender);

let started: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

async function flushAndPlan(cuil: string, ignorarEspera: boolean) {
	if (!navigator.onLine) return;
	await outbox.flush(cuil, ignorarEspera).catch(() => undefined);
	clearTimeout(timer);
	const next = await outbox.nextRetryAt(cuil).catch(() => null);
	if (next !== null) timer = setTimeout(() => flushAndPlan(cuil, false), Math.max(1000, next - Date.now()));
}

/** Asks the service worker to wake the page when the network returns, where the browser can. */
export async function pedirSync() {
	try {
		const reg = await navigator.serviceWorker?.getRegistration();
		const sync = (
			reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
		)?.sync;
		await sync?.register(SYNC_TAG);
	} catch {
		/* no Background Sync here: the online event and the next start cover it */
	}
}

/** Starts sending the person's queue (from the private layout). Safe to call more than once. */
export function startOutbox(cuil: string) {
	const first = started === null;
	started = cuil;
	if (first) {
		window.addEventListener('online', () => started && flushAndPlan(started, true));
		navigator.serviceWorker?.addEventListener('message', (e) => {
			if ((e.data as { type?: string } | null)?.type === 'outbox-flush' && started)
				flushAndPlan(started, true);
		});
		// Items kept sealed can only be read, and so sent, once the person opens the vault.
		vault.subscribe(() => {
			if (started && vault.isUnlockedFor(started)) void flushAndPlan(started, true);
		});
	}
	void flushAndPlan(cuil, true);
}

export const flushNow = (cuil: string) => flushAndPlan(cuil, true);

import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { loadWithSnapshot, snapshotKey, type Loaded } from './snapshots';
import { vault } from './vault';

const NO_COPY =
	'No hay conexión y todavía no guardamos estos datos en este dispositivo. Revisá tu internet y probá de nuevo.';

const LOCKED =
	'No hay conexión y tus datos guardados en este teléfono están bloqueados. Desbloquealos con tu PIN para verlos.';

/** A private screen's load: its data through the offline copy, or the error page with words to act on. */
export async function loadScreen<T>(
	cuil: string,
	screen: string,
	fetcher: () => Promise<T>
): Promise<Loaded<T>> {
	try {
		return await loadWithSnapshot(snapshotKey(cuil, screen), fetcher);
	} catch (cause) {
		if (cause instanceof ApiError && cause.status === 0) {
			// A copy may exist but the vault is closed: say so, and the error page offers "Desbloquear".
			if ((await vault.status(cuil).catch(() => 'none')) === 'locked')
				error(503, { message: LOCKED, code: 'boveda_bloqueada' });
			error(503, { message: NO_COPY, code: cause.code });
		}
		pageError(cause, 'No pudimos cargar tus datos.');
	}
}

/**
 * A private screen whose data is live only (appointments, account activity, passkeys): nothing of it is
 * kept on the phone. Offline it reaches the private error page as `sin_conexion`, which says that this
 * screen needs the connection and what does work without it, instead of a bare failure.
 */
export async function loadLive<T>(fetcher: () => Promise<T>, fallback: string): Promise<T> {
	try {
		return await fetcher();
	} catch (cause) {
		pageError(cause, fallback);
	}
}

/** The error page for a failed load: 404 stays 404; anything else is 503 with the API's words and code. */
function pageError(cause: unknown, fallback: string): never {
	if (cause instanceof ApiError && cause.status === 404)
		error(404, { message: cause.message, code: cause.code });
	const message = cause instanceof ApiError ? cause.message : fallback;
	error(503, { message, code: cause instanceof ApiError ? cause.code : undefined });
}

import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { getOperador } from '$lib/api/oficina';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	try {
		return { operador: await getOperador(), refused: null };
	} catch (cause) {
		if (cause instanceof ApiError && cause.status === 401) redirect(307, '/ingresar?volver=%2Foficina');
		// 403: not an operator, not nivel 3, or not signed in with a passkey. The screen says which.
		if (cause instanceof ApiError && cause.status === 403)
			return { operador: null, refused: { code: cause.code, message: cause.message } };
		const message = cause instanceof ApiError ? cause.message : 'No pudimos abrir la consola.';
		error(503, { message, code: cause instanceof ApiError ? cause.code : undefined });
	}
};

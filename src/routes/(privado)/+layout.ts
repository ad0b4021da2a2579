import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { session } from '$lib/session.svelte';
import type { LayoutLoad } from './$types';

/** Every private screen needs a session; without one, sign in and come back to the same place. */
export const load: LayoutLoad = async ({ url }) => {
	let info;
	try {
		info = await session.ensure();
	} catch (cause) {
		const message = cause instanceof ApiError ? cause.message : 'No pudimos cargar tus datos.';
		error(503, { message, code: cause instanceof ApiError ? cause.code : undefined });
	}
	if (!info) redirect(307, `/ingresar?volver=${encodeURIComponent(url.pathname + url.search)}`);
	return { session: info };
};

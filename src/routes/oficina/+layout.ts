import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { session } from '$lib/session.svelte';
import type { LayoutLoad } from './$types';

/**
 * The office console needs a session like any private screen. Whether this person may use it is the
 * server's decision (worker/oficina/access.ts): the page only shows what it answered.
 */
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

import { error } from '@sveltejs/kit';
import { ApiError, listPasskeys } from '$lib/api/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends('app:passkeys');
	try {
		return { list: await listPasskeys() };
	} catch (cause) {
		const message = cause instanceof ApiError ? cause.message : 'No pudimos cargar tus llaves de acceso.';
		error(503, { message, code: cause instanceof ApiError ? cause.code : undefined });
	}
};

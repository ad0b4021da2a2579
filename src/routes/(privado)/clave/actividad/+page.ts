import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { getActivity } from '$lib/api/cuenta';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends('app:actividad');
	try {
		return { activity: await getActivity() };
	} catch (cause) {
		const message =
			cause instanceof ApiError ? cause.message : 'No pudimos cargar la actividad de tu cuenta.';
		error(503, { message, code: cause instanceof ApiError ? cause.code : undefined });
	}
};

import { error } from '@sveltejs/kit';
import { getTramite } from '$lib/api/servicios';
import { loadScreen } from '$lib/offline';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
	if (!/^\d{1,15}$/.test(params.id)) error(404, { message: 'No encontramos ese trámite.' });
	const { session } = await parent();
	return { screen: await loadScreen(session.user.cuil, `tramite:${params.id}`, () => getTramite(params.id)) };
};

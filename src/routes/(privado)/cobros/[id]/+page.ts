import { error } from '@sveltejs/kit';
import { getRecibo } from '$lib/api/servicios';
import { loadScreen } from '$lib/offline';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
	if (!/^\d{1,15}$/.test(params.id)) error(404, { message: 'No encontramos ese recibo.' });
	const { session } = await parent();
	return { screen: await loadScreen(session.user.cuil, `recibo:${params.id}`, () => getRecibo(params.id)) };
};

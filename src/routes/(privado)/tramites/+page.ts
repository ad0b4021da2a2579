import { getTramites } from '$lib/api/servicios';
import { loadScreen } from '$lib/offline';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	const { session } = await parent();
	return { screen: await loadScreen(session.user.cuil, 'tramites', () => getTramites()) };
};

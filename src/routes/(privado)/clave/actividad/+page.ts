import { getActivity } from '$lib/api/cuenta';
import { loadLive } from '$lib/offline/load-screen';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends('app:actividad');
	return { activity: await loadLive(getActivity, 'No pudimos cargar la actividad de tu cuenta.') };
};

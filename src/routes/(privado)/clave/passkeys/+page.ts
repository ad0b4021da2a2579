import { listPasskeys } from '$lib/api/client';
import { loadLive } from '$lib/offline/load-screen';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends('app:passkeys');
	return { list: await loadLive(listPasskeys, 'No pudimos cargar tus llaves de acceso.') };
};

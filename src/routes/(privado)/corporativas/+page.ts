import { getCertificacionesHechas, getEmpleadores } from '$lib/api/corporativas';
import { loadLive } from '$lib/offline/load-screen';
import type { PageLoad } from './$types';

/**
 * Below nivel 3 the screen only explains how to get there: it asks the API nothing (the API would
 * refuse anyway, 403 nivel_3_requerido; the level is the server's, this is only what to show).
 */
export const load: PageLoad = async ({ parent, depends }) => {
	depends('app:corporativas');
	const { session } = await parent();
	if (session.user.nivel !== 3) return { nivel3: false as const };
	const [empleadores, hechas] = await loadLive(
		() => Promise.all([getEmpleadores(), getCertificacionesHechas()]),
		'No pudimos cargar las aplicaciones corporativas.'
	);
	return { nivel3: true as const, empleadores: empleadores.items, hechas: hechas.items };
};

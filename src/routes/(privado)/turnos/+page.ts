import { getMisTurnos, getUdais } from '$lib/api/turnos';
import { loadLive } from '$lib/offline/load-screen';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends('app:turnos');
	const [udais, turnos] = await loadLive(
		() => Promise.all([getUdais(), getMisTurnos()]),
		'No pudimos cargar los turnos.'
	);
	return { udais: udais.items, turnos: turnos.items };
};

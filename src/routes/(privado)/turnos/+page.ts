import { getMisTurnos, getUdais } from '$lib/api/turnos';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends('app:turnos');
	const [udais, turnos] = await Promise.all([getUdais(), getMisTurnos()]);
	return { udais: udais.items, turnos: turnos.items };
};

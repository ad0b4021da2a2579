import { error } from '@sveltejs/kit';
import { getCatalogo, getPrestaciones } from '$lib/api/servicios';
import { loadScreen } from '$lib/offline';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
	const { session } = await parent();
	const screen = await loadScreen(session.user.cuil, 'tramites-formulario', async () => {
		const [catalogo, prestaciones] = await Promise.all([getCatalogo(), getPrestaciones()]);
		return { catalogo: catalogo.items, prestaciones: prestaciones.items };
	});
	const item = screen.data.catalogo.find((i) => i.tipo === params.tipo);
	if (!item) error(404, { message: 'No encontramos ese trámite.' });
	return { screen, item };
};

import { getOpcionesDocumento } from '$lib/api/documentos';
import { loadScreen } from '$lib/offline';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	const { session } = await parent();
	return {
		cuil: session.user.cuil,
		screen: await loadScreen(session.user.cuil, 'documentos-opciones', () => getOpcionesDocumento())
	};
};

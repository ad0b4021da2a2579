import { listar } from '$lib/offline/certificados';
import type { PageLoad } from './$types';

/**
 * The certificates kept on this phone come from IndexedDB only, so the list opens with no network and
 * at once; the ones on the server are asked for after first paint, when there is a connection.
 */
export const load: PageLoad = async ({ parent }) => {
	const { session } = await parent();
	const guardados = await listar(session.user.cuil).catch(() => []);
	// The list needs no PDF: drop the Blob handles so the page holds only what it shows.
	return {
		guardados: guardados.map(({ id, tipo, titulo, codigo, emitido, vence, revocado }) => ({
			id,
			tipo,
			titulo,
			codigo,
			emitido,
			vence,
			revocado: revocado ?? false
		}))
	};
};

import { leer } from '$lib/offline/certificados';
import type { PageLoad } from './$types';

/**
 * A certificate opens from this phone only (IndexedDB), never from the network: fast, and the same with
 * no signal. The key is the signed-in person's CUIL plus the id, so nobody else's opens by its number.
 */
export const load: PageLoad = async ({ parent, params }) => {
	const { session } = await parent();
	const certificado = /^\d{1,15}$/.test(params.id)
		? await leer(session.user.cuil, params.id).catch(() => undefined)
		: undefined;
	return { certificado };
};

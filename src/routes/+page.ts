import { redirect } from '@sveltejs/kit';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
	const info = await session.ensure();
	redirect(307, info ? '/inicio' : '/ingresar');
};

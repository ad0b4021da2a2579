import { tick } from 'svelte';

/**
 * After a step replaces what the screen shows, start reading (and tabbing) at its heading, as the layout
 * does after a navigation.
 */
export async function focusHeading() {
	await tick();
	const heading = document.querySelector<HTMLElement>('main h1');
	if (!heading) return;
	heading.tabIndex = -1;
	heading.focus();
}

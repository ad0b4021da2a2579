import { appUpdate, NEW_VERSION_MESSAGE } from './app-update.svelte';
import { activateAndReloadOnce } from './update-flow';

/**
 * Registers the service worker that keeps the app's shell and screens on the phone, so mi ANSES opens
 * with no signal. Loaded after first paint. A new version waits (registerType 'prompt') until the person
 * accepts the update banner; then it takes over and the page reloads once.
 */
export async function registerServiceWorker(): Promise<void> {
	if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
	const { Workbox } = await import('workbox-window');
	const wb = new Workbox('/sw.js', { scope: '/' });
	wb.addEventListener('waiting', () => {
		appUpdate.offer(NEW_VERSION_MESSAGE, () => activateAndReloadOnce(wb, () => location.reload()));
	});
	await wb.register();
}

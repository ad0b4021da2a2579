/**
 * Registers the service worker that keeps the app's shell and screens on the phone, so mi ANSES opens
 * with no signal. Loaded after first paint; the update prompt and install flow belong to the PWA work.
 */
export async function registerServiceWorker(): Promise<void> {
	if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
	const { Workbox } = await import('workbox-window');
	await new Workbox('/sw.js', { scope: '/' }).register();
}

// Background Sync for the document outbox (imported by the generated service worker, vite.config.ts).
// The page holds the queued files (IndexedDB, src/lib/offline/outbox.ts) and sends them; this only asks
// open windows to flush when the browser says the network is back. With no window open, nothing is
// sent here: the app sends on its next start.
self.addEventListener('sync', (event) => {
	if (event.tag !== 'mi-anses-outbox') return;
	event.waitUntil(
		self.clients
			.matchAll({ type: 'window' })
			.then((clients) => clients.forEach((c) => c.postMessage({ type: 'outbox-flush' })))
	);
});

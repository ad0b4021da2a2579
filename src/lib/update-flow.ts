/** The part of a workbox-window `Workbox` the update needs (kept narrow so it can be tested alone). */
export interface WaitingWorker {
	addEventListener(type: 'controlling', listener: () => void): void;
	messageSkipWaiting(): void;
}

/**
 * Activates the service worker that is waiting and reloads the page once, when it takes control: the
 * reload is what puts the new shell and screens on screen. `controlling` can fire more than once (a second
 * update, another tab), and a loop of reloads would lock the person out, so only the first one counts.
 */
export function activateAndReloadOnce(worker: WaitingWorker, reload: () => void): void {
	let reloaded = false;
	worker.addEventListener('controlling', () => {
		if (reloaded) return;
		reloaded = true;
		reload();
	});
	worker.messageSkipWaiting();
}

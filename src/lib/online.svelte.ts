/**
 * Whether the browser has a network connection, kept current by the `online` and `offline` events. Read
 * `connection.online` in markup: the offline banner, and the buttons of actions that need the network.
 */
class Connection {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

	constructor() {
		if (typeof window === 'undefined') return;
		window.addEventListener('online', () => (this.online = true));
		window.addEventListener('offline', () => (this.online = false));
	}
}

export const connection = new Connection();

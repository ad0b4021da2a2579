import { whenOutdated } from './api/client';

/** Says a new version of mi ANSES is ready (or needed): the update banner of the root layout reads it. */
class AppUpdate {
	/** What the banner says; empty while there is nothing to update. */
	message = $state('');
	updating = $state(false);
	#activate: (() => void) | null = null;

	/**
	 * Shows the banner. `activate` (from the service worker's `waiting` event) switches to the worker
	 * already waiting; without it (the API refused this page first), "Actualizar" reloads: the navigation
	 * makes the browser look for a new service worker, whose `waiting` event then offers the switch.
	 */
	offer(message: string, activate?: () => void) {
		this.message = message;
		if (activate) this.#activate = activate;
	}

	apply() {
		this.updating = true;
		if (this.#activate) this.#activate();
		else location.reload();
	}
}

export const appUpdate = new AppUpdate();

export const NEW_VERSION_MESSAGE = 'Hay una nueva versión de mi ANSES.';

// A 409 version_incompatible from any API call shows the banner with the server's words.
whenOutdated((message) => appUpdate.offer(message));

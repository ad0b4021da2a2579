/** Chrome's offer to install the app (not in the DOM typings yet). */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Installing mi ANSES on the home screen. Chrome fires `beforeinstallprompt` once, early (often on the
 * sign-in screen), so the offer is kept here from the start and the home screen's "Instalar la app" uses
 * it later. Safari on iPhone has no such offer: the home screen explains "Compartir → Agregar a inicio".
 */
class Install {
	#offer = $state<BeforeInstallPromptEvent | null>(null);
	installed = $state(false);

	constructor() {
		if (typeof window === 'undefined') return;
		window.addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault();
			this.#offer = event as BeforeInstallPromptEvent;
		});
		window.addEventListener('appinstalled', () => {
			this.installed = true;
			this.#offer = null;
		});
	}

	get canPrompt() {
		return this.#offer !== null && !this.installed;
	}

	async prompt() {
		const offer = this.#offer;
		if (!offer) return;
		this.#offer = null; // the browser allows each offer to be shown once
		await offer.prompt();
		if ((await offer.userChoice).outcome === 'accepted') this.installed = true;
	}
}

export const install = new Install();

/** Opened from the home screen already (installed), where no install help makes sense. */
export function isStandalone(): boolean {
	return (
		matchMedia('(display-mode: standalone)').matches ||
		(navigator as Navigator & { standalone?: boolean }).standalone === true
	);
}

/** Safari on iPhone or iPad, which installs only from its Share menu. */
export function isIosSafari(userAgent: string, maxTouchPoints = 0): boolean {
	// iPadOS Safari says it is a Mac ("Macintosh"); a Mac with a touch screen is an iPad.
	const ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
	return ios && !/CriOS|FxiOS|EdgiOS/.test(userAgent);
}

import { vault, type VaultStatus } from '$lib/offline/vault';
import { rememberDevicePerson } from '$lib/session.svelte';

/** How long the app may sit in the background before the vault locks itself. */
export const AUTO_LOCK_MS = 5 * 60 * 1000;
/**
 * Tests (and anyone who wants it) may SHORTEN the delay with localStorage `mia:bloqueo-ms`; a value
 * can only make the vault lock sooner, never later, so it weakens nothing.
 */
function autoLockMs(): number {
	try {
		const custom = Number(localStorage.getItem('mia:bloqueo-ms'));
		if (Number.isFinite(custom) && custom > 0) return Math.min(custom, AUTO_LOCK_MS);
	} catch {
		/* storage unavailable */
	}
	return AUTO_LOCK_MS;
}

/** The vault's state for the signed-in person, for the private screens. */
class VaultState {
	status = $state<VaultStatus | 'unknown'>('unknown');
	cuil = '';

	/** Numbers each refresh: only the newest one may write the status. */
	#asked = 0;

	async refresh(cuil: string) {
		this.cuil = cuil;
		// Refreshes overlap (the layout, the vault screen and every vault change ask at once), and a read
		// of the stored PIN record can resolve after a later "unlocked": last to start wins, never last to
		// finish, or a stale "locked" would hide the open vault right after a correct PIN.
		const asked = ++this.#asked;
		let status: VaultStatus;
		try {
			status = await vault.status(cuil);
		} catch {
			// No IndexedDB (private mode): nothing can be kept, so there is nothing to unlock either.
			status = 'none';
		}
		if (asked === this.#asked) {
			this.status = status;
			// The installed app opened offline in a new window finds this person's vault (session.svelte).
			rememberDevicePerson(cuil, status !== 'none');
		}
		return this.status;
	}

	lock() {
		vault.lock();
		if (this.status === 'unlocked') this.status = 'locked';
	}
}

export const vaultState = new VaultState();

vault.subscribe(() => {
	if (vaultState.cuil) void vaultState.refresh(vaultState.cuil);
});

let hiddenAt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Locks after `AUTO_LOCK_MS` in the background: a timer while hidden (browsers may throttle it) and a
 * check of the elapsed time when the page comes back, which holds even if the timer never ran.
 */
export function watchBackground(): () => void {
	const onChange = () => {
		clearTimeout(timer);
		if (document.visibilityState === 'hidden') {
			hiddenAt = Date.now();
			timer = setTimeout(() => vaultState.lock(), autoLockMs());
		} else if (hiddenAt && Date.now() - hiddenAt >= autoLockMs()) {
			vaultState.lock();
		}
	};
	document.addEventListener('visibilitychange', onChange);
	return () => {
		clearTimeout(timer);
		document.removeEventListener('visibilitychange', onChange);
	};
}

import { goto } from '$app/navigation';
import { ApiError, getSession, logout } from '$lib/api/client';
import type { SessionInfo } from '$lib/domain/api/auth';

const CONFIRMED_KEY = 'mia:sesion-confirmada';
/**
 * Whose locked vault this device keeps (CUIL digits only), so the installed app opened with no signal in
 * a new window (sessionStorage empty) can still reach that person's saved certificates and data. Only the
 * CUIL, which the vault's IndexedDB keys carry already: no name, no level, nothing from the server. It is
 * written while the person is signed in and has a vault (`rememberDevicePerson`), and removed when the
 * vault is erased. What it opens is the vault's unlock screen: without the PIN or the passkey it shows
 * nothing but the CUIL.
 */
const DEVICE_KEY = 'mia:boveda-en-este-telefono';

function lastConfirmed(): SessionInfo | null {
	try {
		const raw = sessionStorage.getItem(CONFIRMED_KEY);
		return raw ? (JSON.parse(raw) as SessionInfo) : null;
	} catch {
		return null;
	}
}

/** The CUIL whose vault this device keeps, if any. */
function devicePerson(): string | null {
	try {
		const cuil = localStorage.getItem(DEVICE_KEY);
		return cuil && /^\d{11}$/.test(cuil) ? cuil : null;
	} catch {
		return null;
	}
}

/**
 * An offline stand-in for a session: the CUIL of the vault on this device and nothing the server said.
 * The level is the lowest and the sign-in "long ago", so nothing that depends on them opens from it.
 */
function deviceSession(cuil: string): SessionInfo {
	const never = new Date(0).toISOString();
	return {
		user: { cuil, nombres: '', apellidos: '', nivel: 2 },
		session: { method: 'clave', authenticatedAt: never, idleExpiresAt: never, absoluteExpiresAt: never }
	};
}

/** Called by the vault state: this person keeps a vault here (true) or not any more (false). */
export function rememberDevicePerson(cuil: string, keeps: boolean) {
	const digits = cuil.replace(/\D/g, '');
	try {
		// Called on every private navigation: write only when it changes.
		const kept = localStorage.getItem(DEVICE_KEY);
		if (keeps && kept !== digits) localStorage.setItem(DEVICE_KEY, digits);
		else if (!keeps && kept === digits) localStorage.removeItem(DEVICE_KEY);
	} catch {
		/* no storage: an offline new window will ask to sign in */
	}
}

/** The signed-in person, shared by the header and the private screens. */
class Session {
	info = $state<SessionInfo | null>(null);
	/** A message for the next screen to show once, e.g. after signing out. */
	notice = $state('');
	signingOut = $state(false);
	signOutError = $state('');
	/** Set by the private screens when the vault keeps something: "Salir" first asks there what to keep. */
	leaveVia: string | null = null;
	/**
	 * True when no server confirmed this person in this window: offline, the app opened from the vault
	 * this device keeps. Screens show only what the vault holds, and ask to connect for the rest.
	 */
	fromDevice = $state(false);

	get user() {
		return this.info?.user ?? null;
	}

	/**
	 * Asks the server who is signed in; `null` when nobody is (401). With no connection, the person this
	 * tab last confirmed with the server (kept in sessionStorage, which dies with the tab) so the screens
	 * can show their saved data, marked as not live. Other failures are thrown.
	 */
	async load(): Promise<SessionInfo | null> {
		try {
			this.set(await getSession());
		} catch (error) {
			const offline = error instanceof ApiError && error.code === 'sin_conexion';
			if (error instanceof ApiError && error.status === 401) this.forget();
			else if (offline && lastConfirmed()) this.info = lastConfirmed();
			else if (offline && devicePerson()) {
				// A new window of the installed app, with no signal: the person whose vault is here.
				this.info = deviceSession(devicePerson()!);
				this.fromDevice = true;
			} else throw error;
		}
		return this.info;
	}

	/**
	 * The session already known (just signed in, or checked on this visit), else asks the server. One
	 * that came from the device is asked again each time, so it gives way to the server's once online.
	 */
	async ensure(): Promise<SessionInfo | null> {
		return this.info && !this.fromDevice ? this.info : this.load();
	}

	set(info: SessionInfo) {
		this.fromDevice = false;
		this.info = info;
		try {
			sessionStorage.setItem(CONFIRMED_KEY, JSON.stringify(info));
		} catch {
			/* private mode or full storage: offline reload will ask to sign in */
		}
	}

	forget() {
		this.fromDevice = false;
		this.info = null;
		try {
			sessionStorage.removeItem(CONFIRMED_KEY);
		} catch {
			/* nothing stored */
		}
	}

	/** Closes the session on the server, then forgets the person here. */
	async signOut() {
		await logout();
		this.forget();
	}

	/** "Salir": closes the session and goes to the sign-in screen, which confirms it. */
	async leave(confirmed = false) {
		if (this.leaveVia && !confirmed) return goto(this.leaveVia);
		this.signOutError = '';
		this.signingOut = true;
		try {
			await this.signOut();
			this.notice = 'Saliste de mi ANSES.';
			await goto('/ingresar', { replaceState: true });
		} catch (error) {
			// Offline, the server session would stay open: say so rather than pretend it closed.
			this.signOutError = `No pudimos cerrar tu sesión. ${error instanceof ApiError ? error.message : 'Probá de nuevo.'}`;
		} finally {
			this.signingOut = false;
		}
	}

	takeNotice(): string {
		const notice = this.notice;
		this.notice = '';
		return notice;
	}
}

export const session = new Session();

import { goto } from '$app/navigation';
import { ApiError, getSession, logout } from '$lib/api/client';
import type { SessionInfo } from '$lib/domain/api/auth';

const CONFIRMED_KEY = 'mia:sesion-confirmada';

function lastConfirmed(): SessionInfo | null {
	try {
		const raw = sessionStorage.getItem(CONFIRMED_KEY);
		return raw ? (JSON.parse(raw) as SessionInfo) : null;
	} catch {
		return null;
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
			if (error instanceof ApiError && error.status === 401) this.forget();
			else if (error instanceof ApiError && error.code === 'sin_conexion' && lastConfirmed())
				this.info = lastConfirmed();
			else throw error;
		}
		return this.info;
	}

	/** The session already known (just signed in, or checked on this visit), else asks the server. */
	async ensure(): Promise<SessionInfo | null> {
		return this.info ?? this.load();
	}

	set(info: SessionInfo) {
		this.info = info;
		try {
			sessionStorage.setItem(CONFIRMED_KEY, JSON.stringify(info));
		} catch {
			/* private mode or full storage: offline reload will ask to sign in */
		}
	}

	forget() {
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

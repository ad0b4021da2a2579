import type { SessionInfo } from '$lib/domain/api/auth';

/** "Ahora no" is remembered per person on this device, so a shared computer asks each one. */
const dismissedKey = (cuil: string) => `mi-anses.passkey-offer-dismissed.${cuil}`;

/** The sign-in in which the offer was already shown: coming back to Inicio does not show it again. */
let offeredFor: string | null = null;

const sessionKey = (info: SessionInfo) => `${info.user.cuil}@${info.session.authenticatedAt}`;

export function offeredThisSession(info: SessionInfo): boolean {
	return offeredFor === sessionKey(info);
}

export function markOffered(info: SessionInfo) {
	offeredFor = sessionKey(info);
}

export function dismissedOnThisDevice(cuil: string): boolean {
	try {
		return localStorage.getItem(dismissedKey(cuil)) !== null;
	} catch {
		return false; // Storage blocked: offering again is harmless.
	}
}

export function dismissOnThisDevice(cuil: string) {
	try {
		localStorage.setItem(dismissedKey(cuil), new Date().toISOString());
	} catch {
		/* Storage blocked: the offer may come back next time. */
	}
}

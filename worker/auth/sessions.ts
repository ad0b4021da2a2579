import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, SessionContext } from '../env';
import { ApiError } from '../http/errors';
import { deleteSession, findSession, touchSession } from './queries';
import { isWellFormedToken, tokenHash } from './tokens';

/** ASVS 5.0 7.3.1 / 7.3.2 at L2: 30 minutes of inactivity, 12 hours in all. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/**
 * `last_seen_at` is written at most once a minute per session: the idle limit stays exact to the
 * minute and a busy screen does not turn every read into a D1 write.
 */
const TOUCH_EVERY_MS = 60_000;

/**
 * `__Host-` cookies (RFC 6265bis): Secure, Path=/, no Domain, so no subdomain or plain-HTTP page can
 * set or overwrite them. HttpOnly keeps the token away from scripts; SameSite=Strict keeps it off
 * cross-site requests. No Max-Age: the session cookie dies with the browser, which matters on a
 * shared phone; the server-side limits above apply in any case.
 */
export const SESSION_COOKIE = 'mia_sesion';
export const DEVICE_COOKIE = 'mia_dispositivo';
/** A device stays "known" for 400 days, the longest lifetime browsers allow a cookie. */
const DEVICE_MAX_AGE_S = 400 * 24 * 3600;

const cookieBase = { path: '/', secure: true, httpOnly: true, sameSite: 'Strict', prefix: 'host' } as const;

export function setSessionCookie(c: Context, token: string) {
	setCookie(c, SESSION_COOKIE, token, cookieBase);
}

export function clearSessionCookie(c: Context) {
	deleteCookie(c, SESSION_COOKIE, cookieBase);
}

export function readSessionToken(c: Context): string | undefined {
	const value = getCookie(c, SESSION_COOKIE, 'host');
	return isWellFormedToken(value) ? value : undefined;
}

export function setDeviceCookie(c: Context, token: string) {
	setCookie(c, DEVICE_COOKIE, token, { ...cookieBase, maxAge: DEVICE_MAX_AGE_S });
}

export function readDeviceToken(c: Context): string | undefined {
	const value = getCookie(c, DEVICE_COOKIE, 'host');
	return isWellFormedToken(value) ? value : undefined;
}

export function sessionExpiry(s: Pick<SessionContext, 'createdAt' | 'lastSeenAt'>) {
	return {
		idleExpiresAt: s.lastSeenAt + IDLE_TIMEOUT_MS,
		absoluteExpiresAt: s.createdAt + ABSOLUTE_TIMEOUT_MS
	};
}

/** The session behind the cookie, or null when there is none or it expired (then it is deleted). */
export async function loadSession(c: Context<AppEnv>): Promise<SessionContext | null> {
	const token = readSessionToken(c);
	if (!token) return null;
	const hash = await tokenHash(token);
	const found = await findSession(c.env.DB, hash);
	if (!found) return null;
	const now = Date.now();
	const { idleExpiresAt, absoluteExpiresAt } = sessionExpiry(found);
	if (now >= idleExpiresAt || now >= absoluteExpiresAt) {
		await deleteSession(c.env.DB, hash).run();
		return null;
	}
	if (now - found.lastSeenAt >= TOUCH_EVERY_MS) {
		await touchSession(c.env.DB, hash, now).run();
		found.lastSeenAt = now;
	}
	return { ...found, tokenHash: hash };
}

/** Guards private routes: 401 in the one error shape, and the stale cookie is cleared. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
	const session = await loadSession(c);
	if (!session) {
		clearSessionCookie(c);
		throw new ApiError(401, 'sin_sesion', 'Tu sesión terminó. Ingresá de nuevo con tu CUIL y tu clave.');
	}
	c.set('session', session);
	await next();
};

/**
 * Sensitive actions (adding or removing a passkey…) need an authentication in the last 5 minutes, not
 * just a live session: a phone left unlocked must not be enough (ASVS 5.0 7.5.x, NIST 800-63B 7.2.1).
 */
export const RECENT_AUTH_MS = 5 * 60_000;

export function assertRecentAuth(session: SessionContext, now = Date.now()) {
	if (now - session.authenticatedAt > RECENT_AUTH_MS)
		throw new ApiError(
			403,
			'reautenticacion_requerida',
			'Por seguridad, escribí tu clave (o usá tu llave de acceso) para continuar.'
		);
}

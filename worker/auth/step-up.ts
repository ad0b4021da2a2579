import type { MiddlewareHandler } from 'hono';
import type { AppEnv, SessionContext } from '../env';
import { ApiError } from '../http/errors';
import { RECENT_AUTH_MS, assertRecentAuth } from './sessions';

/**
 * The changes that move money or take over an account (the CBU where benefits are paid, the last
 * passkey, the contacts recovery codes go to) need more than a clave typed online: either the account
 * is nivel 3 (an office saw the person and their DNI) or this session proved possession of a passkey
 * in the last 5 minutes (phishing-resistant, bound to this origin). A clave alone can be phished or
 * guessed; a clave re-typed just now still is a clave, so it does not raise a nivel-2 session
 * (ASVS 5.0 6.3.x and 7.5.x, NIST 800-63B AAL2 with a phishing-resistant authenticator for step-up).
 *
 * Both facts come from the session row joined to `citizens` on the server (`loadSession`), never from
 * the request: a page cannot claim a level or a method.
 */
export const STEP_UP_REQUIRED = 'nivel_3_o_llave_requerida';

export const STEP_UP_MESSAGE =
	'Para hacer este cambio tenés que ingresar con tu llave de acceso (passkey) en los últimos 5 minutos, ' +
	'o tener la Clave de Seguridad Social nivel 3. Si no tenés una llave de acceso, pedí un turno en una ' +
	'oficina de ANSES (UDAI) para validar tu identidad y subir a nivel 3.';

export function hasNivel3OrRecentPasskey(session: SessionContext, now = Date.now()): boolean {
	if (session.nivel === 3) return true;
	return session.method === 'passkey' && now - session.authenticatedAt <= RECENT_AUTH_MS;
}

/**
 * Throws 403 `nivel_3_o_llave_requerida` unless the account is nivel 3 or the session signed in (or
 * re-confirmed) with a passkey in the last 5 minutes. Nivel 3 still needs the usual recent
 * authentication (`reautenticacion_requerida`, any method): a phone left unlocked is not enough.
 */
export function assertNivel3OrRecentPasskey(session: SessionContext, now = Date.now()) {
	if (session.nivel === 3) return assertRecentAuth(session, now);
	if (!hasNivel3OrRecentPasskey(session, now)) throw new ApiError(403, STEP_UP_REQUIRED, STEP_UP_MESSAGE);
}

/** The same check as route middleware, for routes that are sensitive as a whole. Runs after requireSession. */
export const requireNivel3OrRecentPasskey: MiddlewareHandler<AppEnv> = async (c, next) => {
	assertNivel3OrRecentPasskey(c.var.session);
	await next();
};

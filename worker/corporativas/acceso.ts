import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';

export const NIVEL_3_REQUERIDO = 'nivel_3_requerido';

export const NIVEL_3_MENSAJE =
	'Las aplicaciones corporativas son solo para cuentas con Clave de Seguridad Social nivel 3. Para ' +
	'subir a nivel 3, pedí un turno en una oficina de ANSES (UDAI) y llevá tu DNI: allí validan tu identidad.';

/**
 * The OpenAPI extension that marks an operation as nivel 3 only. tests/worker/nivel3.test.ts walks
 * /api/openapi.json and proves a nivel-2 session is refused on every operation that carries it, so a
 * new corporate route cannot forget the gate without a test failing.
 */
export const NIVEL_3 = { 'x-mi-anses-nivel': 3 } as const;

/**
 * Corporate applications act for a company (certifying a person's services and pay is a statement
 * ANSES relies on for a jubilación): only an account whose holder an office validated face to face
 * with the DNI (nivel 3) may use them. A passkey sign-in does not stand in for it: a passkey proves the
 * same device as before, not who the person is. The level comes from the session row joined to
 * `citizens` on the server (loadSession), never from the request (ASVS 5.0 8.2.1, 8.3.1). Runs after
 * requireSession.
 */
export const requireNivel3: MiddlewareHandler<AppEnv> = async (c, next) => {
	if (c.var.session.nivel !== 3) throw new ApiError(403, NIVEL_3_REQUERIDO, NIVEL_3_MENSAJE);
	await next();
};

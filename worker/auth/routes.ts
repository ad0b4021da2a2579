import { createRoute } from '@hono/zod-openapi';
import { LoginRequest, ReauthRequest, SessionInfo } from '../../src/lib/domain/api/auth';
import type { SessionContext } from '../env';
import { createApp } from '../http/app';
import { errors, json, jsonBody } from '../http/openapi';
import { checkClave, signInWithClave } from './login';
import { deleteSession, insertSecurityEvent, refreshAuthentication } from './queries';
import { clearSessionCookie, loadSession, requireSession, sessionExpiry, setSessionCookie } from './sessions';
import { newToken, tokenHash } from './tokens';
import { clientIp, userAgent } from '../http/request-info';

const login = createRoute({
	method: 'post',
	path: '/login',
	tags: ['Ingreso'],
	summary: 'Ingresar con CUIL y Clave de Seguridad Social',
	request: jsonBody(LoginRequest),
	responses: {
		200: json(SessionInfo, 'Sesión abierta'),
		...errors(
			[400, 'Datos inválidos'],
			[401, 'CUIL o clave incorrectos (el mismo mensaje para ambos)'],
			[429, 'Demasiados intentos: espera, pausa o bloqueo del ingreso con clave']
		)
	}
});

const session = createRoute({
	method: 'get',
	path: '/session',
	tags: ['Ingreso'],
	summary: 'La sesión actual y la persona que ingresó',
	responses: {
		200: json(SessionInfo, 'Sesión vigente'),
		...errors([401, 'Sin sesión o sesión vencida'])
	}
});

const reauth = createRoute({
	method: 'post',
	path: '/reauth',
	tags: ['Ingreso'],
	summary: 'Volver a confirmar la clave dentro de la sesión (para acciones sensibles)',
	request: jsonBody(ReauthRequest),
	responses: {
		200: json(SessionInfo, 'Sesión reautenticada'),
		...errors([401, 'Clave incorrecta o sin sesión'], [429, 'Demasiados intentos'])
	}
});

const logout = createRoute({
	method: 'post',
	path: '/logout',
	tags: ['Ingreso'],
	summary: 'Salir: cierra la sesión en el servidor',
	responses: { 204: { description: 'Sesión cerrada (o no había ninguna)' } }
});

export function sessionInfo(
	s: Pick<
		SessionContext,
		'cuil' | 'nombres' | 'apellidos' | 'nivel' | 'method' | 'createdAt' | 'lastSeenAt' | 'authenticatedAt'
	>
): SessionInfo {
	const { idleExpiresAt, absoluteExpiresAt } = sessionExpiry(s);
	return {
		user: { cuil: s.cuil, nombres: s.nombres, apellidos: s.apellidos, nivel: s.nivel },
		session: {
			method: s.method,
			authenticatedAt: new Date(s.authenticatedAt).toISOString(),
			idleExpiresAt: new Date(idleExpiresAt).toISOString(),
			absoluteExpiresAt: new Date(absoluteExpiresAt).toISOString()
		}
	};
}

export const auth = createApp()
	.openapi(login, async (c) => {
		const { citizen, createdAt } = await signInWithClave(c, c.req.valid('json'));
		return c.json(
			sessionInfo({
				...citizen,
				method: 'clave',
				createdAt,
				lastSeenAt: createdAt,
				authenticatedAt: createdAt
			}),
			200
		);
	})
	.openapi({ ...session, middleware: [requireSession] as const }, (c) =>
		c.json(sessionInfo(c.var.session), 200)
	)
	.openapi({ ...reauth, middleware: [requireSession] as const }, async (c) => {
		const session = c.var.session;
		// The same throttled, timing-safe check as sign-in, for the session's own CUIL: a stolen session
		// cannot be used to guess the clave any faster than the login screen allows.
		const checked = await checkClave(c, { cuil: session.cuil, clave: c.req.valid('json').clave });
		// A new token replaces the old one (ASVS 5.0 7.2.4); whoever held a copy of the old cookie is out.
		const token = newToken();
		await c.env.DB.batch([
			refreshAuthentication(c.env.DB, session.tokenHash, await tokenHash(token), 'clave', checked.now),
			insertSecurityEvent(c.env.DB, {
				citizenId: session.citizenId,
				type: 'reautenticacion',
				at: checked.now,
				ip: clientIp(c),
				userAgent: userAgent(c),
				detail: { metodo: 'clave' }
			}),
			...checked.rehash
		]);
		setSessionCookie(c, token);
		return c.json(
			sessionInfo({ ...session, method: 'clave', authenticatedAt: checked.now, lastSeenAt: checked.now }),
			200
		);
	})
	.openapi(logout, async (c) => {
		const s = await loadSession(c);
		if (s) {
			await c.env.DB.batch([
				deleteSession(c.env.DB, s.tokenHash),
				insertSecurityEvent(c.env.DB, {
					citizenId: s.citizenId,
					type: 'salida',
					at: Date.now(),
					ip: clientIp(c),
					userAgent: userAgent(c)
				})
			]);
		}
		clearSessionCookie(c);
		return c.body(null, 204);
	});

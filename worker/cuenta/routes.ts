import { createRoute } from '@hono/zod-openapi';
import { Activity, DevMailbox, SessionIdParam } from '../../src/lib/domain/api/cuenta';
import { insertSecurityEvent } from '../auth/queries';
import { requireSession } from '../auth/sessions';
import { createApp } from '../http/app';
import { errors, json } from '../http/openapi';
import { ApiError } from '../http/errors';
import { clientIp, userAgent } from '../http/request-info';

/** What each security event means, in the words the activity screen shows. */
const DESCRIPTIONS: Record<string, string> = {
	ingreso: 'Ingresaste a mi ANSES',
	ingreso_fallido: 'Intento de ingreso con una clave equivocada',
	clave_pausada: 'Pausamos el ingreso con clave por muchos intentos fallidos',
	clave_bloqueada: 'Bloqueamos el ingreso con clave por muchos intentos fallidos',
	salida: 'Saliste de mi ANSES',
	reautenticacion: 'Confirmaste tu clave para una acción sensible',
	clave_cambiada: 'Cambiaste tu clave',
	clave_creada: 'Creaste tu clave',
	clave_recuperada: 'Recuperaste tu clave con “Olvidé mi clave”',
	recuperacion_fallida: 'Intento de recuperar tu clave con respuestas equivocadas',
	passkey_agregada: 'Agregaste una llave de acceso',
	passkey_eliminada: 'Borraste una llave de acceso',
	passkey_contador_invalido: 'Rechazamos una llave de acceso que parecía copiada',
	no_fui_yo: 'Avisaste “No fui yo”: cerramos todas las sesiones y bloqueamos la cuenta',
	sesion_cerrada: 'Cerraste una sesión',
	sesiones_cerradas: 'Cerraste todas las demás sesiones',
	domicilio_cambiado: 'Cambiaste tu domicilio',
	contacto_cambio_solicitado: 'Pediste cambiar tu correo o tu celular',
	contacto_codigo_incorrecto: 'Código equivocado al confirmar un correo o celular nuevo',
	email_cambiado: 'Cambiaste tu correo electrónico',
	telefono_cambiado: 'Cambiaste tu celular',
	cbu_cambio_solicitado: 'Pediste cambiar la cuenta bancaria (CBU) donde cobrás',
	nivel_3_otorgado: 'Validaron tu identidad en una oficina de ANSES: tu clave pasó a nivel 3',
	clave_provisoria: 'En una oficina de ANSES reiniciaron tu clave y te dieron un código provisorio',
	clave_provisoria_usada: 'Elegiste tu clave nueva con el código provisorio de la oficina'
};

function describe(type: string, detail: string | null): string {
	const base = DESCRIPTIONS[type] ?? type;
	if (type !== 'ingreso' || !detail) return base;
	const metodo = (JSON.parse(detail) as { metodo?: string }).metodo;
	return metodo === 'passkey' ? `${base} con una llave de acceso` : `${base} con tu clave`;
}

/** Sessions are named by the first 16 hex characters of their token hash: enough, and not the hash. */
const publicId = (tokenHash: string) => tokenHash.slice(0, 16);

export const cuenta = createApp()
	.openapi(
		{
			...createRoute({
				method: 'get',
				path: '/actividad',
				tags: ['Cuenta'],
				summary: 'Actividad de la cuenta: eventos de seguridad y sesiones abiertas',
				responses: { 200: json(Activity, 'Actividad'), ...errors([401, 'Sin sesión']) }
			}),
			middleware: [requireSession] as const
		},
		async (c) => {
			const s = c.var.session;
			const [events, sessions] = await c.env.DB.batch<Record<string, unknown>>([
				c.env.DB.prepare(
					'SELECT type, detail, at, ip, user_agent FROM security_events WHERE citizen_id = ? ORDER BY at DESC, id DESC LIMIT 100'
				).bind(s.citizenId),
				c.env.DB.prepare(
					'SELECT token_hash, auth_method, created_at, last_seen_at, ip, user_agent FROM sessions WHERE citizen_id = ? ORDER BY last_seen_at DESC'
				).bind(s.citizenId)
			]);
			return c.json(
				{
					eventos: events.results.map((e) => ({
						tipo: e.type as string,
						descripcion: describe(e.type as string, e.detail as string | null),
						fecha: new Date(e.at as number).toISOString(),
						ip: (e.ip as string | null) ?? null,
						dispositivo: (e.user_agent as string | null) || null
					})),
					sesiones: sessions.results.map((r) => ({
						id: publicId(r.token_hash as string),
						actual: r.token_hash === s.tokenHash,
						metodo: r.auth_method as 'clave' | 'passkey',
						inicio: new Date(r.created_at as number).toISOString(),
						ultimaActividad: new Date(r.last_seen_at as number).toISOString(),
						ip: (r.ip as string | null) ?? null,
						dispositivo: (r.user_agent as string | null) || null
					}))
				},
				200
			);
		}
	)
	.openapi(
		{
			...createRoute({
				method: 'delete',
				path: '/sesiones/{id}',
				tags: ['Cuenta'],
				summary: 'Cerrar una sesión propia',
				request: { params: SessionIdParam },
				responses: {
					204: { description: 'Sesión cerrada' },
					...errors([401, 'Sin sesión'], [404, 'No existe o no es tuya'])
				}
			}),
			middleware: [requireSession] as const
		},
		async (c) => {
			const s = c.var.session;
			const { id } = c.req.valid('param');
			// Scoped to the person's own sessions: an id of someone else's session matches nothing. The
			// event is written only if that session exists (checked in the same batch, one transaction,
			// before the delete): a 404 must leave no "sesión cerrada" in the activity list. The security
			// fuzzer (tests/security/fuzz.test.ts) found the unconditional insert.
			const [, deleted] = await c.env.DB.batch([
				c.env.DB.prepare(
					`INSERT INTO security_events (citizen_id, type, at, ip, user_agent, detail)
					SELECT ?1, 'sesion_cerrada', ?2, ?3, ?4, NULL
					WHERE EXISTS (SELECT 1 FROM sessions WHERE citizen_id = ?1 AND substr(token_hash, 1, 16) = ?5)`
				).bind(s.citizenId, Date.now(), clientIp(c), userAgent(c), id),
				c.env.DB.prepare('DELETE FROM sessions WHERE citizen_id = ? AND substr(token_hash, 1, 16) = ?').bind(
					s.citizenId,
					id
				)
			]);
			if (deleted.meta.changes === 0)
				throw new ApiError(404, 'no_encontrado', 'Esa sesión ya no está abierta.');
			return c.body(null, 204);
		}
	)
	.openapi(
		{
			...createRoute({
				method: 'post',
				path: '/sesiones/cerrar-otras',
				tags: ['Cuenta'],
				summary: 'Cerrar todas las demás sesiones',
				responses: { 204: { description: 'Sesiones cerradas' }, ...errors([401, 'Sin sesión']) }
			}),
			middleware: [requireSession] as const
		},
		async (c) => {
			const s = c.var.session;
			await c.env.DB.batch([
				c.env.DB.prepare('DELETE FROM sessions WHERE citizen_id = ? AND token_hash != ?').bind(
					s.citizenId,
					s.tokenHash
				),
				insertSecurityEvent(c.env.DB, {
					citizenId: s.citizenId,
					type: 'sesiones_cerradas',
					at: Date.now(),
					ip: clientIp(c),
					userAgent: userAgent(c)
				})
			]);
			return c.body(null, 204);
		}
	);

/**
 * The dev-only mailbox: messages in the outbox, so a person running the app locally can read a
 * recovery code. It answers only when DEV_MAILBOX is "true" (wrangler.toml's local vars; production
 * must leave it unset) AND the request is addressed to localhost, so a misconfigured deploy still
 * does not publish codes.
 */
export const dev = createApp().openapi(
	createRoute({
		method: 'get',
		path: '/buzon',
		tags: ['Desarrollo'],
		summary: 'Buzón de desarrollo (solo local): los mensajes que se enviarían',
		responses: { 200: json(DevMailbox, 'Mensajes'), ...errors([404, 'No disponible']) }
	}),
	async (c) => {
		const host = new URL(c.req.url).hostname;
		if (c.env.DEV_MAILBOX !== 'true' || !['localhost', '127.0.0.1', '[::1]'].includes(host))
			throw new ApiError(404, 'no_encontrado', 'No encontramos lo que buscás.');
		const { results } = await c.env.DB.prepare(
			'SELECT id, kind, channel, recipient, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT 50'
		).all<{
			id: number;
			kind: string;
			channel: 'email' | 'sms';
			recipient: string;
			subject: string;
			body: string;
			created_at: number;
		}>();
		return c.json(
			{
				mensajes: results.map((m) => ({
					id: m.id,
					tipo: m.kind,
					canal: m.channel,
					para: m.recipient,
					asunto: m.subject,
					cuerpo: m.body,
					fecha: new Date(m.created_at).toISOString()
				}))
			},
			200
		);
	}
);

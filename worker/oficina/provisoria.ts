import { createRoute } from '@hono/zod-openapi';
import { SessionInfo } from '../../src/lib/domain/api/auth';
import {
	ProvisoriaClaveRequest,
	ProvisoriaIngresoRequest,
	ProvisoriaIngresoResponse
} from '../../src/lib/domain/api/oficina';
import { parseCuil } from '../../src/lib/domain/cuil';
import { throttledAttempt } from '../auth/attempts';
import { pepperBytes } from '../auth/clave-hash';
import { openSession } from '../auth/login';
import { insertSecurityEvent } from '../auth/queries';
import { sessionInfo } from '../auth/routes';
import { constantTimeEqualHex } from '../auth/one-time-code';
import { newToken, tokenHash } from '../auth/tokens';
import { enforceClavePolicy } from '../clave/policy';
import { personalById, recentClaveHashes, setClaveStatements, setLocked } from '../clave/queries';
import { createApp } from '../http/app';
import { ApiError } from '../http/errors';
import { errors, json, jsonBody } from '../http/openapi';
import { clientIp, userAgent } from '../http/request-info';
import { notice } from '../notifications/outbox';
import { PROVISIONAL_MAX_ATTEMPTS, codeContext } from './codes';
import { SQL } from './queries';

/**
 * The citizen's side of an in-person reset (`/clave/provisoria`). The provisional code never opens a
 * session by itself: it only opens the step that sets a new clave, and the session starts when that
 * clave is saved. So "change it before anything else" holds by construction, with no half-signed-in
 * state for every other route to remember (ASVS 5.0 6.4.1).
 */
const TAG = ['Clave provisoria'];
/** Time to choose the new clave after the code was accepted. */
const FLOW_TTL_MS = 15 * 60_000;

/** The same words whether the CUIL is unknown, the code is wrong, expired, used or replaced. */
const invalid = () =>
	new ApiError(
		401,
		'codigo_provisorio_invalido',
		'El CUIL o el código provisorio no son correctos, o el código venció o ya se usó. Revisá la hoja que te dieron en la oficina.'
	);
const expired = () =>
	new ApiError(
		400,
		'tramite_vencido',
		'Pasó mucho tiempo o ya elegiste tu clave. Empezá de nuevo, por favor.'
	);

const routes = {
	ingreso: createRoute({
		method: 'post',
		path: '/ingreso',
		tags: TAG,
		summary: 'CUIL y código provisorio de la oficina: si son correctos, se pasa a elegir la clave nueva',
		request: jsonBody(ProvisoriaIngresoRequest),
		responses: {
			200: json(ProvisoriaIngresoResponse, 'Código correcto'),
			...errors(
				[400, 'Datos inválidos'],
				[401, 'Código incorrecto, vencido o usado'],
				[429, 'Demasiados intentos']
			)
		}
	}),
	clave: createRoute({
		method: 'post',
		path: '/clave',
		tags: TAG,
		summary: 'Elegir la clave nueva: el código deja de servir y se ingresa',
		request: jsonBody(ProvisoriaClaveRequest),
		responses: {
			200: json(SessionInfo, 'Clave elegida, sesión abierta'),
			...errors([400, 'No cumple la política o trámite vencido'])
		}
	})
};

export const provisoria = createApp()
	.openapi(routes.ingreso, async (c) => {
		const input = c.req.valid('json');
		const parsed = parseCuil(input.cuil);
		if (!parsed.ok) throw new ApiError(400, 'datos_invalidos', 'Revisá el CUIL.');
		const now = Date.now();
		const pepper = pepperBytes(c.env.CLAVE_PEPPER);
		// Throttled per CUIL (its own scope) and per IP, like every guessable check.
		const { ok, value } = await throttledAttempt(c, parsed.cuil, 'provisoria', async () => {
			const row = await c.env.DB.prepare(SQL.liveCode)
				.bind(parsed.cuil, now)
				.first<{ id: number; citizen_id: number; code_hash: string }>();
			// The HMAC is computed even without a live code, so both paths cost the same.
			const mac = await codeContext(pepper, row?.citizen_id ?? 0, input.codigo);
			if (!row) return { ok: false, value: null };
			const counted = await c.env.DB.prepare(SQL.countAttempt).bind(row.id, PROVISIONAL_MAX_ATTEMPTS).run();
			if (counted.meta.changes === 0) return { ok: false, value: null };
			const good = constantTimeEqualHex(mac, row.code_hash);
			return { ok: good, value: good ? row : null };
		});
		if (!ok || !value) throw invalid();
		const token = newToken();
		await c.env.DB.prepare(SQL.startFlow)
			.bind(value.id, await tokenHash(token), now + FLOW_TTL_MS)
			.run();
		const person = await personalById(c.env.DB, value.citizen_id);
		return c.json({ provisoria: token, nombres: person!.nombres }, 200);
	})
	.openapi(routes.clave, async (c) => {
		const input = c.req.valid('json');
		const now = Date.now();
		const code = await c.env.DB.prepare(SQL.byFlow)
			.bind(await tokenHash(input.provisoria), now)
			.first<{ id: number; citizen_id: number }>();
		if (!code) throw expired();
		const row = (await personalById(c.env.DB, code.citizen_id))!;
		// The policy of the clave issue, whole: rules, strength, breached list, not one of the last five
		// (the clave the office retired is in the history).
		const newHash = await enforceClavePolicy(c, row, input, await recentClaveHashes(c.env.DB, row.id));
		try {
			await c.env.DB.batch([
				// Single use even under a race: a second submission fails this primary key and its whole
				// batch rolls back.
				c.env.DB.prepare('INSERT INTO flow_completions (recovery_id, completed_at) VALUES (?, ?)').bind(
					`provisoria:${code.id}`,
					now
				),
				c.env.DB.prepare(SQL.useCode).bind(code.id, now),
				...setClaveStatements(c.env.DB, row.id, newHash, row.hash, now),
				// The office saw the person and their DNI: a "No fui yo" lock ends here, as with recovery.
				setLocked(c.env.DB, row.id, null),
				c.env.DB.prepare(SQL.deleteSessions).bind(row.id),
				insertSecurityEvent(c.env.DB, {
					citizenId: row.id,
					type: 'clave_provisoria_usada',
					at: now,
					ip: clientIp(c),
					userAgent: userAgent(c)
				}),
				...(await notice(c.env.DB, row, 'clave_cambiada', new URL(c.req.url).origin, now))
			]);
		} catch (err) {
			if (err instanceof Error && /UNIQUE constraint failed: flow_completions/.test(err.message))
				throw expired();
			throw err;
		}
		await c.env.LOGIN_THROTTLE.getByName(`cuil:${row.cuil}`).reset(['account', 'recuperacion', 'provisoria']);
		const nivel = (await c.env.DB.prepare('SELECT nivel FROM citizens WHERE id = ?')
			.bind(row.id)
			.first<{ nivel: 2 | 3 }>())!.nivel;
		const citizen = { id: row.id, cuil: row.cuil, nombres: row.nombres, apellidos: row.apellidos, nivel };
		await openSession(c, { citizen, method: 'clave', now, notifyNewDevice: false });
		return c.json(
			sessionInfo({ ...citizen, method: 'clave', createdAt: now, lastSeenAt: now, authenticatedAt: now }),
			200
		);
	});

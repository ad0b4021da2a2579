import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { SessionInfo } from '../../src/lib/domain/api/auth';
import {
	AltaConfirmRequest,
	AltaStartRequest,
	AltaStartResponse,
	ChangeClaveRequest,
	ChangeClaveResponse,
	ClaveStatus,
	CodeSentResponse,
	NoFuiYoRequest,
	RecoveryAnswersRequest,
	RecoveryClaveRequest,
	RecoveryCodeRequest,
	RecoveryStartRequest,
	RecoveryStartResponse,
	SecurityQuestionList
} from '../../src/lib/domain/api/clave';
import { parseCuil } from '../../src/lib/domain/cuil';
import { normalizeAnswer, questionText, SECURITY_QUESTIONS } from '../../src/lib/domain/security-questions';
import { argon2 } from '../auth/argon2';
import { throttledAttempt } from '../auth/attempts';
import { DUMMY_HASH, hashClave, pepperBytes, verifyClave } from '../auth/clave-hash';
import { checkClave, openSession } from '../auth/login';
import { insertSecurityEvent } from '../auth/queries';
import { sessionInfo } from '../auth/routes';
import { RECENT_AUTH_MS, requireSession } from '../auth/sessions';
import { codeMac, constantTimeEqualHex, sixDigitCode } from '../auth/one-time-code';
import { newToken, tokenHash } from '../auth/tokens';
import type { AppEnv } from '../env';
import { createApp } from '../http/app';
import { errors, json, jsonBody } from '../http/openapi';
import { ApiError } from '../http/errors';
import { clientIp, userAgent } from '../http/request-info';
import { codeMessage, contactOf, maskContact, notice } from '../notifications/outbox';
import { enforceClavePolicy } from './policy';
import {
	answersOf,
	completeFlow,
	countCodeAttempt,
	deleteAllSessions,
	deleteOtherSessions,
	findFlow,
	insertAnswer,
	insertFlow,
	markCodeVerified,
	personalByCuil,
	personalById,
	recentClaveHashes,
	setClaveStatements,
	setFlowCode,
	setLocked,
	type FlowRow,
	type PersonalRow
} from './queries';

/** A recovery or alta may take a while (finding the DNI, reading mail), but not all day. */
const FLOW_TTL_MS = 30 * 60_000;
/** The issue: codes are single use and expire in 10 minutes. */
const CODE_TTL_MS = 10 * 60_000;
/** A code has a million values; five tries per code keep a guess at 1 in 200,000. */
const MAX_CODE_ATTEMPTS = 5;
const YEAR_MS = 365 * 24 * 3600_000;

const expired = () =>
	new ApiError(400, 'tramite_vencido', 'Este trámite venció o ya se usó. Empezá de nuevo, por favor.');

function event(
	c: Context<AppEnv>,
	citizenId: number,
	type: string,
	now: number,
	detail?: Record<string, unknown>
) {
	return insertSecurityEvent(c.env.DB, {
		citizenId,
		type,
		at: now,
		ip: clientIp(c),
		userAgent: userAgent(c),
		detail
	});
}

const origin = (c: Context) => new URL(c.req.url).origin;

/** Two of the person's questions; for an unknown CUIL, two that stay the same on every try. */
async function questionsFor(c: Context<AppEnv>, cuil: string, answered: string[]): Promise<string[]> {
	let pool = answered;
	if (pool.length < 3) {
		// A CUIL with no account (or no answers) gets a stable, pseudo-random trio derived from the pepper,
		// so asking twice cannot tell a real account (2 of its 3 questions) from a missing one.
		const mac = await codeMac(pepperBytes(c.env.CLAVE_PEPPER), 'preguntas', cuil);
		const ids = SECURITY_QUESTIONS.map((q) => q.id);
		pool = [];
		for (let i = 0; pool.length < 3; i += 2) {
			const id = ids[parseInt(mac.slice(i, i + 2), 16) % ids.length];
			if (!pool.includes(id)) pool.push(id);
		}
	}
	const skip = crypto.getRandomValues(new Uint8Array(1))[0] % pool.length;
	return pool.filter((_, i) => i !== skip).slice(0, 2);
}

/** Checks a flow's one-time code: expiry, attempts, value, single use. */
async function verifyFlowCode(c: Context<AppEnv>, flow: FlowRow, code: string, now: number) {
	if (!flow.code_hash || !flow.code_expires_at) throw expired();
	if (now > flow.code_expires_at)
		throw new ApiError(400, 'codigo_vencido', 'El código venció. Pedí uno nuevo empezando de nuevo.');
	// The throttle is asked first, so a refused (429) try does not use up one of the code's attempts.
	const { value } = await throttledAttempt(c, flow.cuil, flow.kind, async () => {
		const counted = await countCodeAttempt(c.env.DB, flow.id, MAX_CODE_ATTEMPTS).run();
		if (counted.meta.changes === 0) return { ok: false, value: 'agotado' as const };
		const mac = await codeMac(pepperBytes(c.env.CLAVE_PEPPER), flow.id, code);
		const ok = constantTimeEqualHex(mac, flow.code_hash!);
		return { ok, value: ok ? ('ok' as const) : ('incorrecto' as const) };
	});
	if (value === 'agotado')
		throw new ApiError(400, 'codigo_agotado', 'Usaste todos los intentos para este código. Empezá de nuevo.');
	if (value === 'incorrecto')
		throw new ApiError(401, 'codigo_incorrecto', 'El código no es correcto. Revisalo y probá de nuevo.');
	const used = await markCodeVerified(c.env.DB, flow.id, now).run();
	if (used.meta.changes === 0) throw expired();
}

async function sendCode(
	c: Context<AppEnv>,
	flow: { id: string; kind: FlowRow['kind'] },
	person: PersonalRow,
	now: number
) {
	const contact = contactOf(person);
	if (!contact)
		throw new ApiError(
			400,
			'sin_contacto',
			'No tenés un correo ni un teléfono registrados en ANSES. Acercate a una oficina de ANSES con tu DNI.'
		);
	const code = sixDigitCode();
	const mac = await codeMac(pepperBytes(c.env.CLAVE_PEPPER), flow.id, code);
	await c.env.DB.batch([
		setFlowCode(c.env.DB, flow.id, mac, now, CODE_TTL_MS),
		codeMessage(c.env.DB, person, flow.kind === 'alta' ? 'codigo_alta' : 'codigo_recuperacion', code, now)!
	]);
	return { canal: contact.channel, destino: maskContact(contact) };
}

/** A D1 batch that failed on flow_completions' primary key: the flow was completed by another request. */
function isAlreadyCompleted(err: unknown): boolean {
	return err instanceof Error && /UNIQUE constraint failed: (flow_completions|claves)/.test(err.message);
}

const routes = {
	preguntas: createRoute({
		method: 'get',
		path: '/preguntas',
		tags: ['Clave'],
		summary: 'Las preguntas de seguridad disponibles',
		responses: { 200: json(SecurityQuestionList, 'Preguntas') }
	}),
	estado: createRoute({
		method: 'get',
		path: '/estado',
		tags: ['Clave'],
		summary: 'Antigüedad de la clave y si conviene cambiarla',
		responses: { 200: json(ClaveStatus, 'Estado de la clave'), ...errors([401, 'Sin sesión']) }
	}),
	cambio: createRoute({
		method: 'post',
		path: '/cambio',
		tags: ['Clave'],
		summary: 'Gestión de Clave: cambiar la clave',
		request: jsonBody(ChangeClaveRequest),
		responses: {
			200: json(ChangeClaveResponse, 'Clave cambiada'),
			...errors(
				[400, 'No cumple la política'],
				[401, 'Clave actual incorrecta'],
				[403, 'Falta la clave actual'],
				[429, 'Demasiados intentos']
			)
		}
	}),
	recuperacionInicio: createRoute({
		method: 'post',
		path: '/recuperacion/inicio',
		tags: ['Olvidé mi clave'],
		summary: 'Empezar: dos preguntas de seguridad (la respuesta no revela si el CUIL existe)',
		request: jsonBody(RecoveryStartRequest),
		responses: { 200: json(RecoveryStartResponse, 'Preguntas'), ...errors([400, 'CUIL inválido']) }
	}),
	recuperacionRespuestas: createRoute({
		method: 'post',
		path: '/recuperacion/respuestas',
		tags: ['Olvidé mi clave'],
		summary: 'Responder: si coinciden, se envía un código al correo o teléfono registrado',
		request: jsonBody(RecoveryAnswersRequest),
		responses: {
			200: json(CodeSentResponse, 'Código enviado'),
			...errors([400, 'Trámite vencido'], [401, 'Respuestas incorrectas'], [429, 'Demasiados intentos'])
		}
	}),
	recuperacionCodigo: createRoute({
		method: 'post',
		path: '/recuperacion/codigo',
		tags: ['Olvidé mi clave'],
		summary: 'Confirmar el código recibido',
		request: jsonBody(RecoveryCodeRequest),
		responses: {
			204: { description: 'Código correcto' },
			...errors([400, 'Vencido o agotado'], [401, 'Código incorrecto'], [429, 'Demasiados intentos'])
		}
	}),
	recuperacionClave: createRoute({
		method: 'post',
		path: '/recuperacion/clave',
		tags: ['Olvidé mi clave'],
		summary: 'Elegir la clave nueva: cierra todas las sesiones',
		request: jsonBody(RecoveryClaveRequest),
		responses: {
			204: { description: 'Clave recuperada' },
			...errors([400, 'No cumple la política o trámite vencido'])
		}
	}),
	altaInicio: createRoute({
		method: 'post',
		path: '/alta/inicio',
		tags: ['Alta'],
		summary: 'Crear la clave: CUIL, DNI y número de trámite; se envía un código',
		request: jsonBody(AltaStartRequest),
		responses: {
			200: json(AltaStartResponse, 'Código enviado'),
			...errors([400, 'Los datos no coinciden'], [429, 'Demasiados intentos'])
		}
	}),
	altaConfirmar: createRoute({
		method: 'post',
		path: '/alta/confirmar',
		tags: ['Alta'],
		summary: 'Código, preguntas de seguridad y clave: crea la cuenta (nivel 2) e ingresa',
		request: jsonBody(AltaConfirmRequest),
		responses: {
			200: json(SessionInfo, 'Cuenta creada'),
			...errors([400, 'Datos inválidos'], [401, 'Código incorrecto'])
		}
	}),
	noFuiYo: createRoute({
		method: 'post',
		path: '/no-fui-yo',
		tags: ['Clave'],
		summary: '“No fui yo”: cierra todas las sesiones y bloquea la cuenta hasta recuperar la clave',
		request: jsonBody(NoFuiYoRequest),
		responses: { 204: { description: 'Cuenta bloqueada' }, ...errors([400, 'Enlace vencido o usado']) }
	})
};

export const clave = createApp()
	.openapi(routes.preguntas, (c) => c.json({ preguntas: SECURITY_QUESTIONS.map((q) => ({ ...q })) }, 200))
	.openapi({ ...routes.estado, middleware: [requireSession] as const }, async (c) => {
		const row = await personalById(c.env.DB, c.var.session.citizenId);
		const answers = await answersOf(c.env.DB, c.var.session.citizenId);
		const updatedAt = row?.updated_at ?? Date.now();
		const age = Date.now() - updatedAt;
		return c.json(
			{
				actualizadaEn: new Date(updatedAt).toISOString(),
				antiguedadDias: Math.floor(age / (24 * 3600_000)),
				recomendarCambio: age > YEAR_MS,
				tienePreguntas: answers.results.length >= 3
			},
			200
		);
	})
	.openapi({ ...routes.cambio, middleware: [requireSession] as const }, async (c) => {
		const session = c.var.session;
		const input = c.req.valid('json');
		if (input.claveActual) {
			// Same throttled, timing-safe check as the login screen.
			await checkClave(c, { cuil: session.cuil, clave: input.claveActual });
		} else if (!(session.method === 'passkey' && Date.now() - session.authenticatedAt <= RECENT_AUTH_MS)) {
			throw new ApiError(403, 'falta_clave_actual', 'Escribí tu clave actual para cambiarla.', {
				fields: [{ path: 'claveActual', message: 'Escribí tu clave actual.' }]
			});
		}
		const row = (await personalById(c.env.DB, session.citizenId))!;
		const newHash = await enforceClavePolicy(
			c,
			row,
			input,
			await recentClaveHashes(c.env.DB, session.citizenId)
		);
		const now = Date.now();
		const others = await c.env.DB.prepare(
			'SELECT count(*) AS n FROM sessions WHERE citizen_id = ? AND token_hash != ?'
		)
			.bind(session.citizenId, session.tokenHash)
			.first<{ n: number }>();
		// One batch, one transaction: hash, history, event, notice and closed sessions, or none of them.
		await c.env.DB.batch([
			...setClaveStatements(c.env.DB, session.citizenId, newHash, row.hash, now),
			event(c, session.citizenId, 'clave_cambiada', now),
			...(await notice(c.env.DB, row, 'clave_cambiada', origin(c), now)),
			// ASVS 5.0 7.4.3: a clave change ends every other session; this one stays.
			deleteOtherSessions(c.env.DB, session.citizenId, session.tokenHash)
		]);
		return c.json(
			{
				otrasSesionesCerradas: others?.n ?? 0,
				cambiadaEn: new Date(now).toISOString(),
				avisoPor: contactOf(row)?.channel ?? null
			},
			200
		);
	})
	.openapi(routes.recuperacionInicio, async (c) => {
		const parsed = parseCuil(c.req.valid('json').cuil);
		if (!parsed.ok) throw new ApiError(400, 'datos_invalidos', 'Revisá el CUIL.');
		const now = Date.now();
		const person = await personalByCuil(c.env.DB, parsed.cuil);
		const answered = person?.hash
			? (await answersOf(c.env.DB, person.id)).results.map((a) => a.question_id)
			: [];
		const usable = answered.length >= 3;
		const questions = await questionsFor(c, parsed.cuil, usable ? answered : []);
		const token = newToken();
		await insertFlow(c.env.DB, {
			id: await tokenHash(token),
			kind: 'recuperacion',
			cuil: parsed.cuil,
			// An unknown CUIL (or one with no answers on file) gets a flow that can never succeed.
			citizenId: usable ? person!.id : null,
			questions,
			now,
			ttlMs: FLOW_TTL_MS
		}).run();
		return c.json(
			{ recuperacion: token, preguntas: questions.map((id) => ({ id, texto: questionText(id)! })) },
			200
		);
	})
	.openapi(routes.recuperacionRespuestas, async (c) => {
		const input = c.req.valid('json');
		const now = Date.now();
		const flow = await findFlow(c.env.DB, await tokenHash(input.recuperacion), 'recuperacion', now);
		if (!flow) throw expired();
		const asked = JSON.parse(flow.questions) as string[];
		if (
			input.respuestas
				.map((r) => r.id)
				.sort()
				.join() !== [...asked].sort().join()
		)
			throw new ApiError(400, 'datos_invalidos', 'Respondé las preguntas que se muestran.');
		const stored = flow.citizen_id ? (await answersOf(c.env.DB, flow.citizen_id)).results : [];
		const { ok } = await throttledAttempt(c, flow.cuil, 'recuperacion', async () => {
			const compute = await argon2();
			const pepper = pepperBytes(c.env.CLAVE_PEPPER);
			// Every answer is verified, against a dummy hash when there is none, so an unknown CUIL costs
			// the same time as wrong answers.
			let all = true;
			for (const r of input.respuestas) {
				const hash = stored.find((s) => s.question_id === r.id)?.hash;
				const good = verifyClave(compute, pepper, normalizeAnswer(r.respuesta), hash ?? DUMMY_HASH).ok;
				all = all && Boolean(hash) && good;
			}
			return { ok: all && flow.citizen_id !== null, value: null };
		});
		if (!ok) {
			if (flow.citizen_id)
				await event(c, flow.citizen_id, 'recuperacion_fallida', now, { paso: 'preguntas' }).run();
			throw new ApiError(
				401,
				'respuestas_incorrectas',
				'Alguna respuesta no coincide con las que registraste. Revisalas y probá de nuevo.'
			);
		}
		// Right answers alone grant nothing (NIST 800-63B forbids knowledge-based authentication): they
		// only let us send a one-time code to the contact on file, and the code is required too.
		const person = (await personalById(c.env.DB, flow.citizen_id!))!;
		return c.json(await sendCode(c, flow, person, now), 200);
	})
	.openapi(routes.recuperacionCodigo, async (c) => {
		const input = c.req.valid('json');
		const now = Date.now();
		const flow = await findFlow(c.env.DB, await tokenHash(input.recuperacion), 'recuperacion', now);
		if (!flow || !flow.answers_ok_at || !flow.citizen_id) throw expired();
		await verifyFlowCode(c, flow, input.codigo, now);
		return c.body(null, 204);
	})
	.openapi(routes.recuperacionClave, async (c) => {
		const input = c.req.valid('json');
		const now = Date.now();
		const flow = await findFlow(c.env.DB, await tokenHash(input.recuperacion), 'recuperacion', now);
		if (!flow || !flow.citizen_id || !flow.verified_at || now - flow.verified_at > CODE_TTL_MS)
			throw expired();
		const row = (await personalById(c.env.DB, flow.citizen_id))!;
		const newHash = await enforceClavePolicy(c, row, input, await recentClaveHashes(c.env.DB, row.id));
		try {
			await c.env.DB.batch([
				completeFlow(c.env.DB, flow.id, now),
				...setClaveStatements(c.env.DB, row.id, newHash, row.hash, now),
				setLocked(c.env.DB, row.id, null),
				// Whoever had a session may have been the reason for the recovery: close them all.
				deleteAllSessions(c.env.DB, row.id),
				event(c, row.id, 'clave_recuperada', now),
				...(await notice(c.env.DB, row, 'clave_recuperada', origin(c), now))
			]);
		} catch (err) {
			if (isAlreadyCompleted(err)) throw expired();
			throw err;
		}
		// The person proved who they are through the answers and the code: the clave path opens again.
		await c.env.LOGIN_THROTTLE.getByName(`cuil:${row.cuil}`).reset(['account', 'recuperacion']);
		return c.body(null, 204);
	})
	.openapi(routes.altaInicio, async (c) => {
		const input = c.req.valid('json');
		const parsed = parseCuil(input.cuil);
		if (!parsed.ok) throw new ApiError(400, 'datos_invalidos', 'Revisá el CUIL.');
		const now = Date.now();
		const dni = input.dni.replace(/\./g, '');
		const { ok, value: person } = await throttledAttempt(c, parsed.cuil, 'alta', async () => {
			const found = await personalByCuil(c.env.DB, parsed.cuil);
			const matches = Boolean(
				found && found.dni === String(Number(dni)) && found.dni_tramite === input.tramite
			);
			return { ok: matches, value: matches ? found : null };
		});
		if (!ok || !person)
			throw new ApiError(
				400,
				'datos_no_coinciden',
				'Los datos no coinciden con los de ANSES. Revisá el CUIL, el DNI y el número de trámite.'
			);
		if (person.hash)
			throw new ApiError(
				400,
				'ya_tiene_clave',
				'Ya tenés una Clave de Seguridad Social. Si no la recordás, usá “¿Olvidaste tu clave?”.'
			);
		const token = newToken();
		const id = await tokenHash(token);
		await insertFlow(c.env.DB, {
			id,
			kind: 'alta',
			cuil: parsed.cuil,
			citizenId: person.id,
			questions: [],
			now,
			ttlMs: FLOW_TTL_MS
		}).run();
		return c.json({ alta: token, ...(await sendCode(c, { id, kind: 'alta' }, person, now)) }, 200);
	})
	.openapi(routes.altaConfirmar, async (c) => {
		const input = c.req.valid('json') as z.infer<typeof AltaConfirmRequest>;
		const now = Date.now();
		const flow = await findFlow(c.env.DB, await tokenHash(input.alta), 'alta', now);
		if (!flow || !flow.citizen_id) throw expired();
		const row = (await personalById(c.env.DB, flow.citizen_id))!;
		// Check the policy before using the code, so a clave that does not qualify does not burn it.
		const newHash = await enforceClavePolicy(c, row, input, []);
		await verifyFlowCode(c, { ...flow, verified_at: null }, input.codigo, now);
		const compute = await argon2();
		const pepper = pepperBytes(c.env.CLAVE_PEPPER);
		try {
			await c.env.DB.batch([
				completeFlow(c.env.DB, flow.id, now),
				// A plain INSERT: if a clave appeared meanwhile the primary key refuses it and nothing is written.
				c.env.DB.prepare(
					'INSERT INTO claves (citizen_id, hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)'
				).bind(row.id, newHash, now),
				...input.preguntas.map((p) =>
					insertAnswer(c.env.DB, row.id, p.id, hashClave(compute, pepper, normalizeAnswer(p.respuesta)), now)
				),
				event(c, row.id, 'clave_creada', now),
				...(await notice(c.env.DB, row, 'clave_creada', origin(c), now))
			]);
		} catch (err) {
			if (isAlreadyCompleted(err)) throw expired();
			throw err;
		}
		const citizen = {
			id: row.id,
			cuil: row.cuil,
			nombres: row.nombres,
			apellidos: row.apellidos,
			nivel: 2 as const
		};
		await openSession(c, { citizen, method: 'clave', now, notifyNewDevice: false });
		return c.json(
			sessionInfo({ ...citizen, method: 'clave', createdAt: now, lastSeenAt: now, authenticatedAt: now }),
			200
		);
	})
	.openapi(routes.noFuiYo, async (c) => {
		const now = Date.now();
		const hash = await tokenHash(c.req.valid('json').token);
		const used = await c.env.DB.prepare(
			'UPDATE no_fui_yo_tokens SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING citizen_id'
		)
			.bind(now, hash)
			.first<{ citizen_id: number }>();
		if (!used)
			throw new ApiError(
				400,
				'enlace_vencido',
				'Este enlace venció o ya se usó. Si no fuiste vos, recuperá tu clave.'
			);
		// Lock first, then close every session: from now on nobody signs in, by clave or passkey, until
		// the person recovers the clave (which needs the answers and a code to the contact on file).
		await c.env.DB.batch([
			setLocked(c.env.DB, used.citizen_id, now),
			deleteAllSessions(c.env.DB, used.citizen_id),
			event(c, used.citizen_id, 'no_fui_yo', now)
		]);
		return c.body(null, 204);
	});

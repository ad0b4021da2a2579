import type { Context } from 'hono';
import { parseCuil } from '../../src/lib/domain/cuil';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';
import { clientIp, ipThrottleKey, userAgent } from '../http/request-info';
import { argon2 } from './argon2';
import { CURRENT_PARAMS, DUMMY_HASH, hashClave, pepperBytes, verifyClave } from './clave-hash';
import {
	deleteExpiredSessions,
	deleteSession,
	findLoginRow,
	insertSecurityEvent,
	insertSession,
	updateClaveHash,
	upsertKnownDevice
} from './queries';
import {
	ABSOLUTE_TIMEOUT_MS,
	IDLE_TIMEOUT_MS,
	readDeviceToken,
	readSessionToken,
	setDeviceCookie,
	setSessionCookie
} from './sessions';
import type { Reservation } from './throttle';
import { notice, type Recipient } from '../notifications/outbox';
import { newToken, tokenHash } from './tokens';

/** The same words for an unknown CUIL and a wrong clave (ASVS 5.0 6.3.8: no account enumeration). */
export const WRONG_CREDENTIALS = 'El CUIL o la clave no son correctos. Revisalos y probá de nuevo.';

/**
 * A failed sign-in on an existing account is recorded this long after the answer. `waitUntil` alone
 * starts the write at once, alongside the answer still on its way: on a local D1 (SQLite on the same
 * cores) that made a known CUIL answer 5–8 % later than an unknown one, which
 * tests/security/timing.ts measured (0.8 % with the wait). Waiting first keeps the write out of the
 * answer's way on any runtime (ASVS 5.0 6.3.8).
 */
export const FAILURE_EVENT_DELAY_MS = 100;

const WAYS_OUT =
	'Mientras tanto podés ingresar con tu llave de acceso (passkey), desde un dispositivo donde ya hayas ingresado antes, o recuperar tu clave con “¿Olvidaste tu clave?”.';

export function throttled(r: Exclude<Reservation, { ok: true }>): ApiError {
	const extra = { retryAfterSeconds: r.retryAfterSeconds };
	if (r.reason === 'locked')
		return new ApiError(
			429,
			'clave_bloqueada',
			`Por tu seguridad, el ingreso con clave a esta cuenta quedó bloqueado después de muchos intentos fallidos. ${WAYS_OUT} También podés pedir una clave nueva en una oficina de ANSES.`,
			extra
		);
	if (r.reason === 'paused')
		return new ApiError(
			429,
			'clave_pausada',
			`Por tu seguridad, pausamos el ingreso con clave a esta cuenta durante ${humanDuration(r.retryAfterSeconds)} porque hubo muchos intentos fallidos. ${WAYS_OUT}`,
			extra
		);
	return new ApiError(
		429,
		'demasiados_intentos',
		`Hubo varios intentos fallidos. Esperá ${humanDuration(r.retryAfterSeconds)} y probá de nuevo.`,
		extra
	);
}

export function humanDuration(seconds: number): string {
	if (seconds < 60) return seconds === 1 ? '1 segundo' : `${seconds} segundos`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 60) return minutes === 1 ? '1 minuto' : `${minutes} minutos`;
	const hours = Math.round(minutes / 60);
	return hours === 1 ? '1 hora' : `${hours} horas`;
}

/** After "No fui yo": nobody signs in until the clave is recovered. */
export function accountLocked(): ApiError {
	return new ApiError(
		423,
		'cuenta_bloqueada',
		'Tu cuenta está bloqueada porque avisaste que alguien entró sin permiso. Para volver a usarla, recuperá tu clave con “¿Olvidaste tu clave?”.'
	);
}

export interface LoginCitizen {
	id: number;
	cuil: string;
	nombres: string;
	apellidos: string;
	nivel: 2 | 3;
}

export interface LoginResult {
	citizen: LoginCitizen;
	createdAt: number;
}

/**
 * Checks a CUIL and clave under both throttles. Every path costs one Argon2id verification, whether
 * the CUIL exists, has a clave or not, so wrong CUIL and wrong clave take the same time and get the
 * same answer. Returns the citizen and what a caller needs to open a session or refresh one.
 */
export async function checkClave(c: Context<AppEnv>, input: { cuil: string; clave: string }) {
	const parsed = parseCuil(input.cuil);
	if (!parsed.ok) throw new ApiError(400, 'datos_invalidos', 'Revisá el CUIL.');
	const cuil = parsed.cuil;
	const now = Date.now();
	const ip = clientIp(c);
	const ua = userAgent(c);
	const deviceToken = readDeviceToken(c);
	const deviceHash = deviceToken ? await tokenHash(deviceToken) : null;

	const row = await findLoginRow(c.env.DB, cuil, deviceHash);
	const knownDevice = Boolean(row?.known_device);

	// The per-CUIL object exists for every CUIL anyone tries, so a pause looks the same for one that
	// does not exist. A device that signed in to this account before is counted under its own key: a
	// guesser elsewhere can pause the account's clave path but not the person's own phone.
	const account = c.env.LOGIN_THROTTLE.getByName(`cuil:${cuil}`);
	const accountScope = knownDevice && deviceHash ? `device:${deviceHash.slice(0, 32)}` : 'account';
	// A known device skips the per-IP count: carriers put many citizens behind one address, and someone
	// spraying guesses from that address must not keep them out of their own account.
	const ipThrottle = knownDevice ? null : c.env.LOGIN_THROTTLE.getByName(ipThrottleKey(ip));

	const ipSlot = ipThrottle ? await ipThrottle.reserve('ip', 'ip') : null;
	if (ipSlot && !ipSlot.ok) throw throttled(ipSlot);
	const accountSlot = await account.reserve(accountScope, 'account');
	if (!accountSlot.ok) {
		if (ipThrottle && ipSlot?.ok) await ipThrottle.settle(ipSlot.attemptId, 'void');
		throw throttled(accountSlot);
	}

	const pepper = pepperBytes(c.env.CLAVE_PEPPER);
	const compute = await argon2();
	const result = verifyClave(compute, pepper, input.clave, row?.hash ?? DUMMY_HASH);
	const ok = Boolean(row?.hash) && result.ok;

	const settled = await account.settle(accountSlot.attemptId, ok ? 'success' : 'failure');
	if (ipThrottle && ipSlot?.ok) await ipThrottle.settle(ipSlot.attemptId, ok ? 'success' : 'failure');

	if (!ok || !row) {
		if (row) {
			// Written after the response so that a known CUIL does not answer later than an unknown one.
			const events = [
				insertSecurityEvent(c.env.DB, {
					citizenId: row.id,
					type: 'ingreso_fallido',
					at: now,
					ip,
					userAgent: ua,
					detail: { metodo: 'clave', dispositivoConocido: knownDevice }
				})
			];
			if (settled.paused)
				events.push(
					insertSecurityEvent(c.env.DB, {
						citizenId: row.id,
						type: settled.locked ? 'clave_bloqueada' : 'clave_pausada',
						at: now,
						ip,
						userAgent: ua,
						detail: { fallos: settled.failures, segundos: settled.retryAfterSeconds }
					})
				);
			c.executionCtx.waitUntil(
				new Promise((resolve) => setTimeout(resolve, FAILURE_EVENT_DELAY_MS)).then(() =>
					c.env.DB.batch(events)
				)
			);
		}
		if (settled.paused)
			throw throttled({
				ok: false,
				reason: settled.locked ? 'locked' : 'paused',
				retryAfterSeconds: settled.retryAfterSeconds
			});
		throw new ApiError(401, 'credenciales_invalidas', WRONG_CREDENTIALS);
	}

	// Only someone who knows the clave learns that the account is locked.
	if (row.locked_at) throw accountLocked();

	// The clave is known right now, so a hash made with older parameters is replaced in the same batch
	// as whatever the caller writes next.
	const rehash = result.needsRehash
		? [updateClaveHash(c.env.DB, row.id, hashClave(compute, pepper, input.clave, CURRENT_PARAMS), now)]
		: [];
	const citizen: LoginCitizen = {
		id: row.id,
		cuil: row.cuil,
		nombres: row.nombres,
		apellidos: row.apellidos,
		nivel: row.nivel
	};
	return { citizen, knownDevice, rehash, now };
}

/** Clave sign-in: check, then open a session on this device. */
export async function signInWithClave(
	c: Context<AppEnv>,
	input: { cuil: string; clave: string }
): Promise<LoginResult> {
	const checked = await checkClave(c, input);
	await openSession(c, {
		citizen: checked.citizen,
		method: 'clave',
		now: checked.now,
		knownDevice: checked.knownDevice,
		extra: checked.rehash
	});
	return { citizen: checked.citizen, createdAt: checked.now };
}

/**
 * Opens a session after a successful authentication: a fresh token (a session is never reused across
 * sign-ins, ASVS 5.0 7.2.4), the device remembered for this account, and the event, in one D1 batch
 * (one transaction: all of it exists or none). A session already in this browser is closed first.
 */
export async function openSession(
	c: Context<AppEnv>,
	o: {
		citizen: LoginCitizen;
		method: 'clave' | 'passkey';
		now: number;
		/** Whether this device had signed in to the account before, when the caller already knows. */
		knownDevice?: boolean;
		/** false: do not send the new-device notice (the person is creating the account right now). */
		notifyNewDevice?: boolean;
		extra?: D1PreparedStatement[];
		detail?: Record<string, unknown>;
	}
): Promise<void> {
	const ip = clientIp(c);
	const ua = userAgent(c);
	const existingDevice = readDeviceToken(c);
	const deviceToken = existingDevice ?? newToken();
	const deviceHash = await tokenHash(deviceToken);
	const previous = readSessionToken(c);
	const known =
		o.knownDevice ??
		(existingDevice !== undefined &&
			(await c.env.DB.prepare('SELECT 1 FROM known_devices WHERE token_hash = ? AND citizen_id = ?')
				.bind(deviceHash, o.citizen.id)
				.first()) !== null);
	// A sign-in from a device never used for this account is worth telling the person about, with a
	// "No fui yo" link (a stolen clave shows up here first).
	const contact = known || o.notifyNewDevice === false ? null : await contactRow(c.env.DB, o.citizen.id);
	const newDeviceNotice = contact
		? await notice(c.env.DB, contact, 'ingreso_nuevo_dispositivo', new URL(c.req.url).origin, o.now)
		: [];
	const sessionToken = newToken();
	const statements = [
		...(previous ? [deleteSession(c.env.DB, await tokenHash(previous))] : []),
		deleteExpiredSessions(c.env.DB, o.citizen.id, o.now - IDLE_TIMEOUT_MS, o.now - ABSOLUTE_TIMEOUT_MS),
		insertSession(c.env.DB, {
			tokenHash: await tokenHash(sessionToken),
			citizenId: o.citizen.id,
			now: o.now,
			method: o.method,
			ip,
			userAgent: ua
		}),
		upsertKnownDevice(c.env.DB, deviceHash, o.citizen.id, o.now, ua),
		insertSecurityEvent(c.env.DB, {
			citizenId: o.citizen.id,
			type: 'ingreso',
			at: o.now,
			ip,
			userAgent: ua,
			detail: {
				metodo: o.method,
				...(o.knownDevice === undefined ? {} : { dispositivoConocido: o.knownDevice }),
				...o.detail
			}
		}),
		...newDeviceNotice,
		...(o.extra ?? [])
	];
	await c.env.DB.batch(statements);
	setSessionCookie(c, sessionToken);
	setDeviceCookie(c, deviceToken);
}

function contactRow(db: D1Database, citizenId: number) {
	return db
		.prepare('SELECT id, nombres, email, telefono FROM citizens WHERE id = ?')
		.bind(citizenId)
		.first<Recipient>();
}

import { createRoute } from '@hono/zod-openapi';
import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
	type AuthenticatorTransport
} from '@simplewebauthn/server';
import { isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import type { Context } from 'hono';
import { SessionInfo } from '../../src/lib/domain/api/auth';
import { formatCuil } from '../../src/lib/domain/cuil';
import {
	AuthenticationVerifyRequest,
	CeremonyOptions,
	PasskeyIdParam,
	PasskeyList,
	PasskeySummary,
	RegistrationVerifyRequest,
	RenamePasskeyRequest
} from '../../src/lib/domain/api/passkeys';
import { accountLocked, openSession } from '../auth/login';
import { insertSecurityEvent } from '../auth/queries';
import { sessionInfo } from '../auth/routes';
import { assertRecentAuth, requireSession } from '../auth/sessions';
import { assertNivel3OrRecentPasskey, hasNivel3OrRecentPasskey } from '../auth/step-up';
import type { AppEnv } from '../env';
import { createApp } from '../http/app';
import { errors, json, jsonBody } from '../http/openapi';
import { ApiError } from '../http/errors';
import { clientIp, userAgent } from '../http/request-info';
import { CHALLENGE_TTL_MS, type Ceremony } from './challenges';
import { notice, type Recipient } from '../notifications/outbox';
import { providerName } from './providers';
import {
	countPasskeys,
	deletePasskey,
	ensureWebauthnUserId,
	findOwnPasskey,
	findPasskeyForSignIn,
	insertPasskey,
	listPasskeys,
	recordPasskeyUse,
	renamePasskey,
	type PasskeyRow
} from './queries';

/** ES256 first (every platform authenticator), RS256 for older Windows Hello. */
const ALGORITHMS = [-7, -257];

function origins(c: Context<AppEnv>): string[] {
	return c.env.ALLOWED_ORIGINS.split(',')
		.map((o) => o.trim())
		.filter(Boolean);
}

function summary(row: PasskeyRow): PasskeySummary {
	return {
		id: row.id,
		name: row.name,
		provider: providerName(row.aaguid),
		synced: row.backed_up === 1,
		backupEligible: row.backup_eligible === 1,
		createdAt: new Date(row.created_at).toISOString(),
		lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null
	};
}

function event(c: Context<AppEnv>, citizenId: number, type: string, detail?: Record<string, unknown>) {
	return insertSecurityEvent(c.env.DB, {
		citizenId,
		type,
		at: Date.now(),
		ip: clientIp(c),
		userAgent: userAgent(c),
		detail
	});
}

/** A fresh server-side challenge (32 random bytes, §13.4.3 asks for at least 16), stored single-use. */
async function issueChallenge(c: Context<AppEnv>, ceremony: Ceremony, citizenId: number | null) {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	const challenge = isoBase64URL.fromBuffer(bytes);
	await c.env.CHALLENGES.getByName(`challenge:${challenge}`).issue(ceremony, citizenId);
	return bytes;
}

/**
 * Finds the challenge the browser signed (inside clientDataJSON) and consumes it. The signature check
 * that follows proves the response was made for exactly this challenge.
 */
async function consumeChallenge(
	c: Context<AppEnv>,
	clientDataJSON: string,
	ceremony: Ceremony,
	citizenId: number | null
): Promise<string> {
	let challenge: unknown;
	try {
		challenge = JSON.parse(isoBase64URL.toUTF8String(clientDataJSON)).challenge;
	} catch {
		challenge = undefined;
	}
	if (typeof challenge !== 'string' || !/^[A-Za-z0-9_-]{22,128}$/.test(challenge))
		throw new ApiError(400, 'passkey_invalida', 'La respuesta de la llave de acceso no es válida.');
	const result = await c.env.CHALLENGES.getByName(`challenge:${challenge}`).consume(ceremony, citizenId);
	if (result !== 'ok')
		throw new ApiError(
			400,
			'desafio_vencido',
			'Se terminó el tiempo o esta operación ya se usó. Empezá de nuevo.'
		);
	return challenge;
}

const registrationOptions = createRoute({
	method: 'post',
	path: '/registration/options',
	tags: ['Llaves de acceso'],
	summary: 'Opciones para crear una llave de acceso (requiere haber ingresado hace menos de 5 minutos)',
	responses: {
		200: json(CeremonyOptions, 'PublicKeyCredentialCreationOptionsJSON'),
		...errors([401, 'Sin sesión'], [403, 'Hace falta volver a escribir la clave'])
	}
});

const registrationVerify = createRoute({
	method: 'post',
	path: '/registration/verify',
	tags: ['Llaves de acceso'],
	summary: 'Guardar la llave de acceso creada',
	request: jsonBody(RegistrationVerifyRequest),
	responses: {
		201: json(PasskeySummary, 'Llave de acceso guardada'),
		...errors(
			[400, 'Respuesta inválida o desafío vencido'],
			[401, 'Sin sesión'],
			[409, 'Esa llave de acceso ya está registrada']
		)
	}
});

const authenticationOptions = createRoute({
	method: 'post',
	path: '/authentication/options',
	tags: ['Llaves de acceso'],
	summary: 'Opciones para ingresar con una llave de acceso (credenciales descubribles)',
	responses: { 200: json(CeremonyOptions, 'PublicKeyCredentialRequestOptionsJSON') }
});

const authenticationVerify = createRoute({
	method: 'post',
	path: '/authentication/verify',
	tags: ['Llaves de acceso'],
	summary: 'Ingresar con una llave de acceso',
	request: jsonBody(AuthenticationVerifyRequest),
	responses: {
		200: json(SessionInfo, 'Sesión abierta con llave de acceso'),
		...errors([400, 'Respuesta inválida o desafío vencido'], [401, 'Llave desconocida o inválida'])
	}
});

const list = createRoute({
	method: 'get',
	path: '/',
	tags: ['Llaves de acceso'],
	summary: 'Las llaves de acceso de la persona',
	responses: { 200: json(PasskeyList, 'Llaves de acceso'), ...errors([401, 'Sin sesión']) }
});

const rename = createRoute({
	method: 'patch',
	path: '/{id}',
	tags: ['Llaves de acceso'],
	summary: 'Cambiar el nombre de una llave de acceso',
	request: {
		params: PasskeyIdParam,
		...jsonBody(RenamePasskeyRequest)
	},
	responses: {
		200: json(PasskeySummary, 'Llave renombrada'),
		...errors([401, 'Sin sesión'], [404, 'No existe o no es tuya'])
	}
});

const remove = createRoute({
	method: 'delete',
	path: '/{id}',
	tags: ['Llaves de acceso'],
	summary: 'Borrar una llave de acceso (requiere haber ingresado hace menos de 5 minutos)',
	request: { params: PasskeyIdParam },
	responses: {
		204: { description: 'Llave borrada' },
		...errors(
			[401, 'Sin sesión'],
			[403, 'Hace falta volver a escribir la clave'],
			[404, 'No existe o no es tuya']
		)
	}
});

const notFound = () => new ApiError(404, 'no_encontrado', 'No encontramos esa llave de acceso.');

export const passkeys = createApp()
	.openapi({ ...registrationOptions, middleware: [requireSession] as const }, async (c) => {
		const session = c.var.session;
		// Adding a way in is as sensitive as the clave itself: a live session is not enough.
		assertRecentAuth(session);
		const userId = await ensureWebauthnUserId(
			c.env.DB,
			session.citizenId,
			isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(32)))
		);
		const existing = (await listPasskeys(c.env.DB, session.citizenId)).results;
		const options = await generateRegistrationOptions({
			rpName: c.env.RP_NAME,
			rpID: c.env.RP_ID,
			userID: isoBase64URL.toBuffer(userId),
			// What the person sees in their password manager: the CUIL they type, and their name.
			userName: formatCuil(session.cuil),
			userDisplayName: `${session.nombres} ${session.apellidos}`,
			challenge: await issueChallenge(c, 'registration', session.citizenId),
			timeout: CHALLENGE_TTL_MS,
			// No attestation: we do not restrict which authenticator a citizen may use, and 'none' keeps
			// the ceremony free of device identifiers (§5.4.7 privacy considerations).
			attestationType: 'none',
			// §5.4.3: the browser refuses to create a second passkey on an authenticator that has one.
			excludeCredentials: existing.map((p) => ({
				id: p.id,
				transports: p.transports ? (JSON.parse(p.transports) as AuthenticatorTransport[]) : undefined
			})),
			authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
			supportedAlgorithmIDs: ALGORITHMS,
			// WebAuthn L3 §10.1.4: security keys enable PRF (CTAP2 hmac-secret) only when asked at creation.
			// The page uses it locally to unlock its vault (src/lib/offline/vault.ts); the server never sees it.
			extensions: { prf: {} }
		});
		return c.json(options as unknown as Record<string, unknown>, 200);
	})
	.openapi({ ...registrationVerify, middleware: [requireSession] as const }, async (c) => {
		const session = c.var.session;
		const { response, name } = c.req.valid('json');
		const expectedChallenge = await consumeChallenge(
			c,
			response.response.clientDataJSON,
			'registration',
			session.citizenId
		);
		let verification;
		try {
			verification = await verifyRegistrationResponse({
				response,
				expectedChallenge,
				// §7.1 steps 9 and 13: only our origins and our RP ID.
				expectedOrigin: origins(c),
				expectedRPID: c.env.RP_ID,
				// §7.1 step 15: the fingerprint, face or screen lock must have been checked.
				requireUserVerification: true,
				supportedAlgorithmIDs: ALGORITHMS
			});
		} catch (err) {
			console.warn('passkey registration refused:', err instanceof Error ? err.message : 'unknown');
			throw new ApiError(400, 'passkey_invalida', 'No pudimos verificar la llave de acceso. Probá de nuevo.');
		}
		if (!verification.verified)
			throw new ApiError(400, 'passkey_invalida', 'No pudimos verificar la llave de acceso. Probá de nuevo.');
		const info = verification.registrationInfo;
		const now = Date.now();
		const row = {
			id: info.credential.id,
			citizen_id: session.citizenId,
			public_key: info.credential.publicKey,
			counter: info.credential.counter,
			transports: info.credential.transports ? JSON.stringify(info.credential.transports) : null,
			aaguid: info.aaguid,
			backup_eligible: info.credentialDeviceType === 'multiDevice' ? 1 : 0,
			backed_up: info.credentialBackedUp ? 1 : 0,
			name: name ?? providerName(info.aaguid),
			created_at: now
		};
		const person = await c.env.DB.prepare('SELECT id, nombres, email, telefono FROM citizens WHERE id = ?')
			.bind(session.citizenId)
			.first<Recipient>();
		try {
			// One transaction: the passkey, its event and the notice to the person, or nothing.
			await c.env.DB.batch([
				insertPasskey(c.env.DB, row),
				event(c, session.citizenId, 'passkey_agregada', {
					proveedor: providerName(info.aaguid),
					sincronizada: info.credentialBackedUp
				}),
				...(person ? await notice(c.env.DB, person, 'passkey_agregada', new URL(c.req.url).origin, now) : [])
			]);
		} catch (err) {
			// §7.1 step 26: a credential ID registered to anyone (this person included) is refused; the
			// primary key enforces it even when two registrations race.
			if (err instanceof Error && /UNIQUE constraint failed: passkeys/.test(err.message))
				throw new ApiError(
					409,
					'passkey_ya_registrada',
					'Esa llave de acceso ya está registrada en mi ANSES.'
				);
			throw err;
		}
		return c.json(summary({ ...row, public_key: new ArrayBuffer(0), last_used_at: null }), 201);
	})
	.openapi(authenticationOptions, async (c) => {
		const options = await generateAuthenticationOptions({
			rpID: c.env.RP_ID,
			// Discoverable credentials: the person does not type a CUIL, the authenticator offers theirs.
			allowCredentials: [],
			userVerification: 'required',
			timeout: CHALLENGE_TTL_MS,
			challenge: await issueChallenge(c, 'authentication', null)
		});
		return c.json(options as unknown as Record<string, unknown>, 200);
	})
	.openapi(authenticationVerify, async (c) => {
		const { response } = c.req.valid('json');
		const expectedChallenge = await consumeChallenge(
			c,
			response.response.clientDataJSON,
			'authentication',
			null
		);
		const row = await findPasskeyForSignIn(c.env.DB, response.id);
		if (!row)
			throw new ApiError(
				401,
				'passkey_desconocida',
				'Esta llave de acceso no está registrada en mi ANSES (puede que la hayas borrado). Ingresá con tu CUIL y clave.'
			);
		// §7.2 step 6: the user handle the authenticator returns must be the one of the credential's owner.
		if (response.response.userHandle && response.response.userHandle !== row.webauthn_user_id)
			throw new ApiError(401, 'passkey_invalida', 'No pudimos verificar la llave de acceso.');

		// §7.2 step 21: a signature counter that does not grow (when either value is non-zero) may mean a
		// cloned authenticator. Synced passkeys report 0 forever, which is accepted. Checked here, before
		// the library refuses it too, so the attempt is recorded for the person and for investigation.
		let counter: number;
		try {
			counter =
				parseAuthenticatorData(isoBase64URL.toBuffer(response.response.authenticatorData)).counter ?? 0;
		} catch {
			throw new ApiError(400, 'passkey_invalida', 'La respuesta de la llave de acceso no es válida.');
		}
		if ((counter > 0 || row.counter > 0) && counter <= row.counter) {
			await event(c, row.citizen_id, 'passkey_contador_invalido', {
				passkey: row.name,
				recibido: counter,
				esperadoMayorA: row.counter
			}).run();
			throw new ApiError(
				401,
				'passkey_invalida',
				'Por seguridad no aceptamos esta llave de acceso. Ingresá con tu CUIL y clave y revisá tus llaves.'
			);
		}

		let verification;
		try {
			verification = await verifyAuthenticationResponse({
				response,
				expectedChallenge,
				expectedOrigin: origins(c),
				expectedRPID: c.env.RP_ID,
				credential: {
					id: row.id,
					publicKey: new Uint8Array(row.public_key),
					counter: row.counter,
					transports: row.transports ? JSON.parse(row.transports) : undefined
				},
				requireUserVerification: true
			});
		} catch (err) {
			console.warn('passkey sign-in refused:', err instanceof Error ? err.message : 'unknown');
			throw new ApiError(401, 'passkey_invalida', 'No pudimos verificar la llave de acceso.');
		}
		if (!verification.verified)
			throw new ApiError(401, 'passkey_invalida', 'No pudimos verificar la llave de acceso.');
		if (row.locked_at) throw accountLocked();

		const now = Date.now();
		const citizen = {
			id: row.citizen_id,
			cuil: row.cuil,
			nombres: row.nombres,
			apellidos: row.apellidos,
			nivel: row.nivel
		};
		// A passkey with user verification is two factors in one (something you have, unlocked by
		// something you are or know): the session records it as 'passkey', the stronger method that
		// step-up checks look for.
		await openSession(c, {
			citizen,
			method: 'passkey',
			now,
			detail: { passkey: row.name },
			extra: [
				recordPasskeyUse(
					c.env.DB,
					row.id,
					verification.authenticationInfo.newCounter,
					verification.authenticationInfo.credentialBackedUp,
					now
				)
			]
		});
		return c.json(
			sessionInfo({ ...citizen, method: 'passkey', createdAt: now, lastSeenAt: now, authenticatedAt: now }),
			200
		);
	})
	.openapi({ ...list, middleware: [requireSession] as const }, async (c) => {
		const rows = (await listPasskeys(c.env.DB, c.var.session.citizenId)).results;
		return c.json(
			{
				passkeys: rows.map(summary),
				suggestAnother: rows.length === 1 && rows[0].backup_eligible === 0
			},
			200
		);
	})
	.openapi({ ...rename, middleware: [requireSession] as const }, async (c) => {
		const { id } = c.req.valid('param');
		const { name } = c.req.valid('json');
		const citizenId = c.var.session.citizenId;
		const { meta } = await renamePasskey(c.env.DB, id, citizenId, name).run();
		if (meta.changes === 0) throw notFound();
		const row = await findOwnPasskey(c.env.DB, id, citizenId);
		if (!row) throw notFound();
		return c.json(summary(row), 200);
	})
	.openapi({ ...remove, middleware: [requireSession] as const }, async (c) => {
		const session = c.var.session;
		const { id } = c.req.valid('param');
		const row = await findOwnPasskey(c.env.DB, id, session.citizenId);
		// Someone else's passkey answers exactly like one that does not exist.
		if (!row) throw notFound();
		// Removing the last passkey leaves the clave as the only way in, and a passkey is what lets a
		// nivel-2 person make the sensitive changes: so the last one needs nivel 3 or a fresh passkey
		// sign-in (issue 8). Without that step-up the DELETE itself refuses to remove the last one.
		const steppedUp = hasNivel3OrRecentPasskey(session);
		if (!steppedUp && (await countPasskeys(c.env.DB, session.citizenId)) <= 1)
			assertNivel3OrRecentPasskey(session);
		// Checked after the step-up, so a nivel-2 person is told what actually helps (a passkey), not
		// to re-type a clave that would not be enough.
		assertRecentAuth(session);
		const [deleted] = await c.env.DB.batch([
			deletePasskey(c.env.DB, id, session.citizenId, !steppedUp),
			event(c, session.citizenId, 'passkey_eliminada', {
				passkey: row.name,
				proveedor: providerName(row.aaguid)
			})
		]);
		if (deleted.meta.changes === 0) {
			// Lost a race with another removal: it is the last one now.
			if (!steppedUp && (await findOwnPasskey(c.env.DB, id, session.citizenId)))
				assertNivel3OrRecentPasskey(session);
			throw notFound();
		}
		return c.body(null, 204);
	});

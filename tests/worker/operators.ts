import { env } from 'cloudflare:workers';
import type {
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON
} from '@simplewebauthn/server';
import { expect } from 'vitest';
import { newToken, tokenHash } from '../../worker/auth/tokens';
import { call, cookieHeader, cookiesFrom, createCitizen, login, randomIp } from './helpers';
import { SoftAuthenticator } from './soft-authenticator';

export const CLAVE = 'Girasol-Rio-91!';
let nextLegajo = 1;

export function sessionCookie(res: Response) {
	const token = cookiesFrom(res)['__Host-mia_sesion'];
	expect(token, 'a session cookie').toBeTruthy();
	return cookieHeader({ '__Host-mia_sesion': token });
}

/** Gives an existing account the operator role at an office (what ANSES does outside any API). */
export async function makeOperator(citizenId: number, udaiId = 1, activo = 1) {
	await env.DB.prepare(
		'INSERT INTO operators (citizen_id, udai_id, legajo, activo, created_at) VALUES (?, ?, ?, ?, ?)'
	)
		.bind(citizenId, udaiId, `T-${Date.now()}-${nextLegajo++}`, activo, Date.now())
		.run();
}

/**
 * A session row as a sign-in with `method` would leave it. Access rules read only this row (and the
 * citizen's level), so the variations of method and level are made here; `passkeySignIn` below goes
 * through the real WebAuthn ceremonies.
 */
export async function sessionFor(citizenId: number, method: 'clave' | 'passkey') {
	const token = newToken();
	const now = Date.now();
	await env.DB.prepare(
		`INSERT INTO sessions (token_hash, citizen_id, created_at, last_seen_at, authenticated_at, auth_method, ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, '203.0.113.7', 'vitest')`
	)
		.bind(await tokenHash(token), citizenId, now, now, now, method)
		.run();
	return cookieHeader({ '__Host-mia_sesion': token });
}

/** Signs in with the clave, registers a passkey, then signs in with that passkey: the real path. */
export async function passkeySignIn(cuil: string, clave = CLAVE) {
	const cookie = sessionCookie(await login(cuil, clave, { ip: randomIp() }));
	const auth = new SoftAuthenticator();
	const options = await (
		await call('/api/passkeys/registration/options', { body: {}, cookie })
	).json<PublicKeyCredentialCreationOptionsJSON>();
	const reg = await call('/api/passkeys/registration/verify', {
		body: { response: await auth.register(options) },
		cookie
	});
	expect(reg.status).toBe(201);
	const request = await (
		await call('/api/passkeys/authentication/options', { body: {} })
	).json<PublicKeyCredentialRequestOptionsJSON>();
	const res = await call('/api/passkeys/authentication/verify', {
		body: { response: await auth.authenticate(request) }
	});
	expect(res.status).toBe(200);
	return { cookie: sessionCookie(res), clave: cookie };
}

/** An active operator at `udaiId`, nivel 3, with a session that signed in with a passkey. */
export async function operatorSignedIn(udaiId = 1) {
	const person = await createCitizen({ clave: CLAVE, nivel: 3 });
	await makeOperator(person.id, udaiId);
	return { ...person, cookie: await sessionFor(person.id, 'passkey') };
}

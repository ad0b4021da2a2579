import { env } from 'cloudflare:workers';
import type {
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON
} from '@simplewebauthn/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCbu } from '../../src/lib/domain/cbu';
import { tokenHash } from '../../worker/auth/tokens';
import { call, cookieHeader, cookiesFrom, createCitizen, login, randomIp } from './helpers';
import { SoftAuthenticator } from './soft-authenticator';

/**
 * Issue 8: the sensitive changes need nivel 3 or a passkey sign-in in the last 5 minutes. Every gated
 * route is listed in GATED; each is tried with the four kinds of session that matter.
 */
const CLAVE = 'Girasol-Rio-91!';
type ErrorBody = { error: { code: string; message: string } };
let boca: number;

beforeAll(async () => {
	const { meta } = await env.DB.prepare(
		`INSERT INTO bocas_pago (banco, sucursal, domicilio, localidad, provincia)
		VALUES ('Banco de la Nación Argentina', '0085 Once', 'Av. Rivadavia 2860', 'CABA', 'Ciudad Autónoma de Buenos Aires')`
	).run();
	boca = meta.last_row_id;
});

function session(res: Response) {
	const token = cookiesFrom(res)['__Host-mia_sesion'];
	expect(token, 'a session cookie').toBeTruthy();
	return { cookie: cookieHeader({ '__Host-mia_sesion': token }), token };
}

async function registerPasskey(cookie: string) {
	const auth = new SoftAuthenticator();
	const options = await (
		await call('/api/passkeys/registration/options', { body: {}, cookie })
	).json<PublicKeyCredentialCreationOptionsJSON>();
	const res = await call('/api/passkeys/registration/verify', {
		body: { response: await auth.register(options) },
		cookie
	});
	expect(res.status).toBe(201);
	return auth;
}

async function passkeySignIn(auth: SoftAuthenticator) {
	const options = await (
		await call('/api/passkeys/authentication/options', { body: {} })
	).json<PublicKeyCredentialRequestOptionsJSON>();
	const res = await call('/api/passkeys/authentication/verify', {
		body: { response: await auth.authenticate(options) }
	});
	expect(res.status).toBe(200);
	return session(res);
}

type Kind = 'clave nivel 2' | 'passkey just now' | 'passkey 6 minutes ago' | 'clave nivel 3';

/** A person with one benefit and one passkey, signed in the way `kind` says. */
async function personSignedIn(kind: Kind) {
	const citizen = await createCitizen({ clave: CLAVE, nivel: kind === 'clave nivel 3' ? 3 : 2 });
	const { meta } = await env.DB.prepare(
		`INSERT INTO prestaciones (citizen_id, tipo, denominacion, estado, motivo, alta, haber, boca_pago_id, cbu, updated_at)
		VALUES (?, 'jubilacion', 'Jubilación ordinaria', 'activa', 'Cobrás todos los meses.', '2015-03-01', 34929932, ?, ?, ?)`
	)
		.bind(citizen.id, boca, buildCbu('011', '0085', '2000512345601'), Date.now())
		.run();
	const clave = session(await login(citizen.cuil, CLAVE, { ip: randomIp() }));
	const auth = await registerPasskey(clave.cookie);
	const s = kind.startsWith('passkey') ? await passkeySignIn(auth) : clave;
	if (kind === 'passkey 6 minutes ago')
		await env.DB.prepare('UPDATE sessions SET authenticated_at = ? WHERE token_hash = ?')
			.bind(Date.now() - 6 * 60_000, await tokenHash(s.token))
			.run();
	return { ...citizen, cookie: s.cookie, passkeyId: auth.id, prestacionId: meta.last_row_id };
}

type Person = Awaited<ReturnType<typeof personSignedIn>>;

/** Every route the step-up guards, with what must (not) have changed afterwards. */
const GATED: {
	name: string;
	send: (p: Person) => Promise<Response>;
	okStatus: number;
	changed: (p: Person) => Promise<boolean>;
}[] = [
	{
		name: 'POST /api/servicios/tramites (actualizacion_cbu: the account where benefits are paid)',
		send: (p) =>
			call('/api/servicios/tramites', {
				body: {
					tipo: 'actualizacion_cbu',
					prestacionId: p.prestacionId,
					cbu: buildCbu('285', '590', '4009041813520')
				},
				cookie: p.cookie
			}),
		okStatus: 201,
		changed: async (p) =>
			(await env.DB.prepare("SELECT 1 FROM tramites WHERE citizen_id = ? AND tipo = 'actualizacion_cbu'")
				.bind(p.id)
				.first()) !== null
	},
	{
		name: 'PATCH /api/servicios/datos (email, where recovery codes go)',
		send: (p) =>
			call('/api/servicios/datos', {
				method: 'PATCH',
				body: { email: 'nuevo@example.com' },
				cookie: p.cookie
			}),
		okStatus: 200,
		changed: async (p) =>
			(await env.DB.prepare("SELECT 1 FROM outbox WHERE citizen_id = ? AND kind = 'codigo_contacto'")
				.bind(p.id)
				.first()) !== null
	},
	{
		name: 'PATCH /api/servicios/datos (phone, where recovery codes go)',
		send: (p) =>
			call('/api/servicios/datos', {
				method: 'PATCH',
				body: { telefono: '+54 9 351 555-0192' },
				cookie: p.cookie
			}),
		okStatus: 200,
		changed: async (p) =>
			(await env.DB.prepare("SELECT 1 FROM outbox WHERE citizen_id = ? AND kind = 'codigo_contacto'")
				.bind(p.id)
				.first()) !== null
	},
	{
		name: 'DELETE /api/passkeys/{id} (the last passkey)',
		send: (p) => call(`/api/passkeys/${p.passkeyId}`, { method: 'DELETE', cookie: p.cookie }),
		okStatus: 204,
		changed: async (p) =>
			(await env.DB.prepare('SELECT 1 FROM passkeys WHERE id = ?').bind(p.passkeyId).first()) === null
	}
];

const EXPECTED: Record<Kind, 'allowed' | 'refused'> = {
	'clave nivel 2': 'refused',
	'passkey just now': 'allowed',
	'passkey 6 minutes ago': 'refused',
	'clave nivel 3': 'allowed'
};

describe('step-up: nivel 3 or a passkey sign-in in the last 5 minutes', () => {
	for (const route of GATED)
		for (const [kind, expected] of Object.entries(EXPECTED) as [Kind, 'allowed' | 'refused'][])
			it(`${route.name}: ${kind} → ${expected}`, async () => {
				const p = await personSignedIn(kind);
				const res = await route.send(p);
				if (expected === 'allowed') {
					expect(res.status).toBe(route.okStatus);
					expect(await route.changed(p)).toBe(true);
				} else {
					expect(res.status).toBe(403);
					const body = await res.json<ErrorBody>();
					expect(body.error.code).toBe('nivel_3_o_llave_requerida');
					expect(body.error.message).toMatch(/llave de acceso/);
					expect(body.error.message).toMatch(/nivel 3/);
					expect(body.error.message).toMatch(/oficina/);
					// Refused means nothing was written.
					expect(await route.changed(p)).toBe(false);
				}
			});

	it('a nivel-3 session still needs a recent authentication (any method)', async () => {
		const p = await personSignedIn('clave nivel 3');
		await env.DB.prepare('UPDATE sessions SET authenticated_at = ? WHERE citizen_id = ?')
			.bind(Date.now() - 6 * 60_000, p.id)
			.run();
		const res = await GATED[0].send(p);
		expect(res.status).toBe(403);
		expect((await res.json<ErrorBody>()).error.code).toBe('reautenticacion_requerida');
	});

	it('a clave session may still remove a passkey that is not the last one', async () => {
		const p = await personSignedIn('clave nivel 2');
		await registerPasskey(p.cookie);
		expect((await call(`/api/passkeys/${p.passkeyId}`, { method: 'DELETE', cookie: p.cookie })).status).toBe(
			204
		);
	});

	it('the level and the method come from the session, not from the request', async () => {
		const p = await personSignedIn('clave nivel 2');
		const res = await call('/api/servicios/tramites', {
			body: {
				tipo: 'actualizacion_cbu',
				prestacionId: p.prestacionId,
				cbu: buildCbu('285', '590', '4009041813520'),
				nivel: 3
			},
			cookie: p.cookie,
			headers: { 'x-nivel': '3', 'x-auth-method': 'passkey' }
		});
		expect([400, 403]).toContain(res.status);
		expect(await GATED[0].changed(p)).toBe(false);
	});
});

/**
 * A Worker used only by `npm run bench`: runs N clave hashes, or N passkey sign-in verifications, with
 * the production code and parameters. Inside workerd the clock does not advance during pure
 * computation (a Spectre defence), so the bench times requests from outside:
 * (time for 1+K operations − time for 1) / K.
 */
import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse
} from '@simplewebauthn/server';
import { argon2 } from '../../worker/auth/argon2';
import { CURRENT_PARAMS, hashClave } from '../../worker/auth/clave-hash';
import { SoftAuthenticator } from '../worker/soft-authenticator';

// Random values are not allowed at global scope in workerd; a fixed pepper is fine for timing.
const pepper = new Uint8Array(32).fill(7);
const ORIGIN = 'http://localhost:8787';

let prepared: Promise<() => Promise<boolean>> | undefined;

/** One synced passkey and one signed assertion, made once; each run verifies the assertion again. */
function preparePasskey() {
	prepared ??= (async () => {
		const auth = new SoftAuthenticator({ synced: true, origin: ORIGIN });
		const reg = await auth.register(
			await generateRegistrationOptions({ rpName: 'mi ANSES', rpID: 'localhost', userName: 'bench' })
		);
		const { registrationInfo } = await verifyRegistrationResponse({
			response: reg,
			expectedChallenge: () => true,
			expectedOrigin: ORIGIN,
			expectedRPID: 'localhost'
		});
		const options = await generateAuthenticationOptions({ rpID: 'localhost', userVerification: 'required' });
		const response = await auth.authenticate(options);
		return async () =>
			(
				await verifyAuthenticationResponse({
					response,
					expectedChallenge: options.challenge,
					expectedOrigin: ORIGIN,
					expectedRPID: 'localhost',
					credential: registrationInfo!.credential,
					requireUserVerification: true
				})
			).verified;
	})();
	return prepared;
}

export default {
	async fetch(request: Request): Promise<Response> {
		const url = new URL(request.url);
		const passkey = url.searchParams.get('what') === 'passkey';
		// Capped: hashes take ~50–100 ms each, verifications well under a millisecond.
		const n = Math.min(Number(url.searchParams.get('n') ?? '1'), passkey ? 1000 : 50);
		if (passkey) {
			const verify = await preparePasskey();
			let ok = true;
			for (let i = 0; i < n; i++) ok = (await verify()) && ok;
			return new Response(String(ok));
		}
		const compute = await argon2();
		let last = '';
		for (let i = 0; i < n; i++) last = hashClave(compute, pepper, `clave-de-prueba-${i}`, CURRENT_PARAMS);
		return new Response(last.slice(0, 40));
	}
};

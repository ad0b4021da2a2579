/**
 * A Worker used only by `npm run bench`: computes N clave hashes with the production code and
 * parameters. Inside workerd the clock does not advance during pure computation (a Spectre defence),
 * so the bench times requests from outside: (time for N+K hashes − time for N) / K.
 */
import { argon2 } from '../../worker/auth/argon2';
import { CURRENT_PARAMS, hashClave } from '../../worker/auth/clave-hash';

// Random values are not allowed at global scope in workerd; a fixed pepper is fine for timing.
const pepper = new Uint8Array(32).fill(7);

export default {
	async fetch(request: Request): Promise<Response> {
		const n = Math.min(Number(new URL(request.url).searchParams.get('n') ?? '1'), 50);
		const compute = await argon2();
		let last = '';
		for (let i = 0; i < n; i++) last = hashClave(compute, pepper, `clave-de-prueba-${i}`, CURRENT_PARAMS);
		return new Response(last.slice(0, 40));
	}
};

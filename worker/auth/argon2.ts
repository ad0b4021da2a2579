/**
 * Argon2id inside workerd. Workers may not compile Wasm from bytes at run time, so the two binaries are
 * imported as modules (workerd hands over precompiled `WebAssembly.Module`s) and instantiated here.
 */
import setupWasm from 'argon2id/lib/setup.js';
import simd from 'argon2id/dist/simd.wasm';
import noSimd from 'argon2id/dist/no-simd.wasm';
import type { Argon2id } from './clave-hash';

let ready: Promise<Argon2id> | undefined;

/**
 * Set up once per isolate and reuse: each setup reserves about 65 MiB of Wasm memory, and an isolate has
 * 128 MB. argon2id's setup expects `{ module, instance }`, while instantiating a Module returns only the
 * instance, hence the wrapping.
 */
export function argon2(): Promise<Argon2id> {
	ready ??= setupWasm(
		async (imports) => ({ module: simd, instance: await WebAssembly.instantiate(simd, imports) }),
		async (imports) => ({ module: noSimd, instance: await WebAssembly.instantiate(noSimd, imports) })
	) as Promise<Argon2id>;
	return ready;
}

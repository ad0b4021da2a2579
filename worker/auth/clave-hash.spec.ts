import { describe, expect, it } from 'vitest';
import {
	CURRENT_PARAMS,
	DUMMY_HASH,
	decodePhc,
	hashClave,
	pepperBytes,
	verifyClave,
	type Argon2id
} from './clave-hash';

/** A stand-in for Argon2 that records how it was called; the tag depends on every input. */
function recordingArgon2() {
	const calls: Parameters<Argon2id>[0][] = [];
	const fn: Argon2id = (p) => {
		calls.push(p);
		const tag = new Uint8Array(p.tagLength);
		const all = [...p.password, ...p.salt, ...(p.secret ?? []), p.memorySize, p.passes];
		all.forEach((b, i) => (tag[i % tag.length] = (tag[i % tag.length] * 31 + b) & 0xff));
		return tag;
	};
	return { fn, calls };
}

const pepper = new Uint8Array(32).fill(1);

describe('clave hashing', () => {
	it('stores a PHC string with the OWASP parameters', () => {
		const { fn } = recordingArgon2();
		expect(hashClave(fn, pepper, 'Mate-Lluvia-73!')).toMatch(
			/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/
		);
	});

	it('verifies an unknown CUIL at exactly the cost of a real clave (same Argon2 parameters)', () => {
		const { fn, calls } = recordingArgon2();
		const real = hashClave(fn, pepper, 'Mate-Lluvia-73!');
		verifyClave(fn, pepper, 'otra', real);
		verifyClave(fn, pepper, 'otra', DUMMY_HASH);
		const [, realCheck, dummyCheck] = calls;
		const cost = (c: typeof realCheck) => [c.memorySize, c.passes, c.parallelism, c.tagLength, c.salt.length];
		expect(cost(dummyCheck)).toEqual(cost(realCheck));
		expect(decodePhc(DUMMY_HASH)!.params).toEqual(CURRENT_PARAMS);
		expect(verifyClave(fn, pepper, '', DUMMY_HASH).ok).toBe(false);
	});

	it('passes the pepper as Argon2’s secret input, so another pepper does not verify', () => {
		const { fn, calls } = recordingArgon2();
		const stored = hashClave(fn, pepper, 'Mate-Lluvia-73!');
		expect(calls[0].secret).toEqual(pepper);
		expect(verifyClave(fn, pepper, 'Mate-Lluvia-73!', stored).ok).toBe(true);
		expect(verifyClave(fn, new Uint8Array(32).fill(2), 'Mate-Lluvia-73!', stored).ok).toBe(false);
	});

	it('asks for a rehash only when the stored parameters are not today’s', () => {
		const { fn } = recordingArgon2();
		const old = hashClave(fn, pepper, 'x', { m: 4096, t: 1, p: 1 });
		expect(verifyClave(fn, pepper, 'x', old)).toEqual({ ok: true, needsRehash: true });
		expect(verifyClave(fn, pepper, 'x', hashClave(fn, pepper, 'x'))).toEqual({
			ok: true,
			needsRehash: false
		});
	});

	it('refuses stored parameters that would exhaust the Worker', () => {
		expect(decodePhc(DUMMY_HASH.replace('m=19456', 'm=4000000'))).toBeNull();
		expect(decodePhc(DUMMY_HASH.replace('t=2', 't=999'))).toBeNull();
		expect(decodePhc('$2b$10$abcdefghijklmnopqrstuv')).toBeNull();
	});

	it('refuses a missing or short pepper instead of hashing without it', () => {
		expect(() => pepperBytes(undefined)).toThrow();
		expect(() => pepperBytes('c2hvcnQ')).toThrow();
		expect(pepperBytes('dGVzdC1wZXBwZXItb25seS1mb3ItdGVzdHMtMDEyMzQ1Njc4OQ')).toHaveLength(37);
	});
});

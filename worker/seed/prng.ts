/**
 * A small seeded pseudo-random generator (sfc32, from PractRand) for demo data. Not for secrets: the
 * point is that the same seed string gives the same citizens on every machine, so a bug report that
 * says "CUIL 20-… in the default seed" means the same person everywhere.
 */

export interface Prng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	/** True with probability p. */
	chance(p: number): boolean;
}

/** cyrb128: spreads a string over four 32-bit words, enough state for sfc32. */
export function hashString(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A 32-bit integer finaliser (lowbias32): nearby inputs give unrelated outputs. */
export function mix32(x: number): number {
	x ^= x >>> 16;
	x = Math.imul(x, 0x7feb352d);
	x ^= x >>> 15;
	x = Math.imul(x, 0x846ca68b);
	x ^= x >>> 16;
	return x >>> 0;
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
	return () => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

function wrap(next: () => number): Prng {
	// sfc32's first outputs still echo the seed words; discarding a few decorrelates close seeds.
	for (let i = 0; i < 12; i++) next();
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)],
		chance: (p) => next() < p
	};
}

export function createPrng(seed: string): Prng {
	const [a, b, c, d] = hashString(seed);
	return wrap(sfc32(a, b, c, d));
}

/**
 * An independent stream for item `index` under a seed already hashed. Row i then does not depend on how
 * many rows came before it, so any row can be produced on its own and a run can stream in any order.
 */
export function prngAt(seedWords: readonly number[], index: number): Prng {
	const lo = index >>> 0;
	const hi = Math.floor(index / 4294967296) >>> 0;
	return wrap(
		sfc32(
			seedWords[0] ^ mix32(lo ^ 0x9e3779b9),
			seedWords[1] ^ mix32(hi ^ 0x85ebca6b),
			seedWords[2] ^ mix32(lo + 0xc2b2ae35),
			seedWords[3] ^ lo
		)
	);
}

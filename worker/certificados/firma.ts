/**
 * The certificate signing keys: the current private key (secret CERT_SIGNING_KEY) and the public key set
 * published at /api/keys (the current key plus the retired ones in CERT_PREVIOUS_KEYS).
 *
 * Rotation by key id: a new key gets a new `kid` and becomes CERT_SIGNING_KEY; the old key's PUBLIC half
 * moves to CERT_PREVIOUS_KEYS. Every JWS names its `kid`, so certificates signed before the rotation keep
 * verifying for as long as the old public key is published (at least the longest validity, 365 days).
 */
import type { JWK } from '../../src/lib/domain/certificados/sello';
import type { Jwks } from '../../src/lib/domain/api/certificados';
import type { Env } from '../env';
import { ApiError } from '../http/errors';

export type ClavePrivada = JWK & { kid: string; kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string };
export type JwkPublica = Jwks['keys'][number];

const B64URL = /^[A-Za-z0-9_-]+$/;
const KID = /^[A-Za-z0-9._-]{1,64}$/;

/** A P-256 coordinate or scalar is 32 bytes: 43 base64url characters. */
const es32Bytes = (v: unknown): v is string => typeof v === 'string' && v.length === 43 && B64URL.test(v);

function esPublicaEc(v: unknown): v is { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string } {
	if (typeof v !== 'object' || v === null) return false;
	const k = v as Record<string, unknown>;
	return (
		k.kty === 'EC' &&
		k.crv === 'P-256' &&
		es32Bytes(k.x) &&
		es32Bytes(k.y) &&
		typeof k.kid === 'string' &&
		KID.test(k.kid)
	);
}

/**
 * Only the public members, whatever the input holds: if someone pasted a private JWK into
 * CERT_PREVIOUS_KEYS by mistake, its `d` is still never published.
 */
export function publica(k: { x: string; y: string; kid: string }): JwkPublica {
	return { kty: 'EC', crv: 'P-256', x: k.x, y: k.y, kid: k.kid, alg: 'ES256', use: 'sig' };
}

export function parsearClavePrivada(texto: string | undefined): ClavePrivada | null {
	if (!texto) return null;
	let v: unknown;
	try {
		v = JSON.parse(texto);
	} catch {
		return null;
	}
	if (!esPublicaEc(v) || !es32Bytes((v as Record<string, unknown>).d)) return null;
	return v as ClavePrivada;
}

/**
 * The published key set: current key first, then each previous key once (by kid). A malformed entry
 * in CERT_PREVIOUS_KEYS is left out rather than failing the whole set: verifiers must keep getting the
 * current key. The log line names the problem, never a key.
 */
export function armarJwks(actual: { x: string; y: string; kid: string }, previas: string | undefined): Jwks {
	const keys = [publica(actual)];
	if (previas && previas.trim() !== '') {
		let lista: unknown;
		try {
			lista = JSON.parse(previas);
		} catch {
			lista = null;
		}
		if (!Array.isArray(lista)) console.error('CERT_PREVIOUS_KEYS no es un arreglo JSON: se ignora.');
		else
			for (const k of lista) {
				if (!esPublicaEc(k)) {
					console.error('CERT_PREVIOUS_KEYS tiene una clave inválida: se ignora.');
					continue;
				}
				if (!keys.some((p) => p.kid === k.kid)) keys.push(publica(k));
			}
	}
	return { keys };
}

const cache = new Map<string, { privada: ClavePrivada; jwks: Jwks }>();

/**
 * The keys of this deployment. A missing or malformed key is a configuration error: 503 with a clear
 * code, so the page says "try later" and an operator sees what is missing, instead of a 500 or a crash.
 * Never logs the secret, only that it is unusable.
 */
export function clavesDe(env: Pick<Env, 'CERT_SIGNING_KEY' | 'CERT_PREVIOUS_KEYS'>) {
	const cacheKey = `${env.CERT_SIGNING_KEY ?? ''}\u0000${env.CERT_PREVIOUS_KEYS ?? ''}`;
	const hit = cache.get(cacheKey);
	if (hit) return hit;
	const privada = parsearClavePrivada(env.CERT_SIGNING_KEY);
	if (!privada) {
		console.error('CERT_SIGNING_KEY falta o no es una JWK EC P-256 privada con kid.');
		throw new ApiError(
			503,
			'firma_no_configurada',
			'Por ahora no podemos emitir ni verificar certificados. Probá de nuevo más tarde.'
		);
	}
	const value = { privada, jwks: armarJwks(privada, env.CERT_PREVIOUS_KEYS) };
	cache.clear();
	cache.set(cacheKey, value);
	return value;
}

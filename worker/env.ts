import type { LoginThrottle } from './auth/throttle';
import type { ChallengeStore } from './passkeys/challenges';
import type { RateLimit } from './certificados/rate-limit';

/** Bindings from wrangler.toml, secrets from `wrangler secret put` (locally .dev.vars). */
export interface Env {
	DB: D1Database;
	ASSETS: Fetcher;
	LOGIN_THROTTLE: DurableObjectNamespace<LoginThrottle>;
	CHALLENGES: DurableObjectNamespace<ChallengeStore>;
	RATE_LIMIT: DurableObjectNamespace<RateLimit>;
	/** Files: sealed certificate PDFs (`certificados/<codigo>.pdf`), later uploaded documents. */
	ARCHIVOS: R2Bucket;
	/**
	 * Private EC P-256 JWK (JSON, with `kid`) that signs certificates. A secret: never logged. Optional
	 * in the type because a deploy without it must answer 503, not crash (worker/certificados/claves.ts).
	 */
	CERT_SIGNING_KEY?: string;
	/** JSON array of public JWKs of retired signing keys, still published at /api/keys. */
	CERT_PREVIOUS_KEYS?: string;
	/** Base64url, at least 32 random bytes: Argon2's secret input (the pepper). Never logged. */
	CLAVE_PEPPER: string;
	RP_ID: string;
	RP_NAME: string;
	/** "true" only locally: serves the outbox at /api/dev/buzon (worker/cuenta/routes.ts). */
	DEV_MAILBOX?: string;
	/** Comma-separated origins allowed to call unsafe methods. */
	ALLOWED_ORIGINS: string;
}

export interface SessionContext {
	tokenHash: string;
	citizenId: number;
	cuil: string;
	nombres: string;
	apellidos: string;
	nivel: 2 | 3;
	method: 'clave' | 'passkey';
	createdAt: number;
	lastSeenAt: number;
	authenticatedAt: number;
}

export interface OperatorContext {
	citizenId: number;
	udaiId: number;
	legajo: string;
	udai: { id: number; nombre: string; direccion: string; localidad: string };
}

export type AppEnv = {
	Bindings: Env;
	Variables: {
		session: SessionContext;
		/** Set by requireOperator (worker/oficina/access.ts) on the office console's routes. */
		operator?: OperatorContext;
		/** Set by the few public, non-personal routes that may be cached (see noStore in http/security.ts). */
		publicCache?: string;
	};
};

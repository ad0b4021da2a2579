import type { LoginThrottle } from './auth/throttle';
import type { ChallengeStore } from './passkeys/challenges';

/** Bindings from wrangler.toml, secrets from `wrangler secret put` (locally .dev.vars). */
export interface Env {
	DB: D1Database;
	ASSETS: Fetcher;
	LOGIN_THROTTLE: DurableObjectNamespace<LoginThrottle>;
	CHALLENGES: DurableObjectNamespace<ChallengeStore>;
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

export type AppEnv = {
	Bindings: Env;
	Variables: { session: SessionContext };
};

declare namespace Cloudflare {
	interface Env {
		/** How many fuzzed requests tests/security/fuzz.test.ts sends (a string: bindings are text). */
		SECURITY_FUZZ_REQUESTS: string;
		/** A fast-check seed to replay a run; empty for a new one. */
		SECURITY_FUZZ_SEED: string;
	}
}

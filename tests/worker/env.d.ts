declare namespace Cloudflare {
	interface Env {
		CLAVE_PEPPER: string;
		CERT_SIGNING_KEY: string;
		CERT_PREVIOUS_KEYS: string;
		TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
	}
}

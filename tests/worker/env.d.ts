declare namespace Cloudflare {
	interface Env {
		CLAVE_PEPPER: string;
		TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
	}
}

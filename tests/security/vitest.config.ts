import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { TEST_KEYS, TEST_PREVIOUS_PUBLIC } from '../worker/test-keys.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The security suite runs inside workerd like the worker tests (same Worker, same bindings, migrations
 * applied by the same setup file), as its own project so that `npm run test:security` can run it alone
 * and with a larger fuzzing budget. `SECURITY_FUZZ_REQUESTS` sets how many fuzzed requests to send.
 */
export default defineConfig(async () => {
	fs.mkdirSync(path.join(root, 'build'), { recursive: true });
	const migrations = await readD1Migrations(path.join(root, 'worker/migrations'));
	return {
		plugins: [
			cloudflareTest({
				main: path.join(root, 'worker/index.ts'),
				wrangler: { configPath: path.join(root, 'wrangler.toml') },
				miniflare: {
					bindings: {
						TEST_MIGRATIONS: migrations,
						CLAVE_PEPPER: 'dGVzdC1wZXBwZXItb25seS1mb3ItdGVzdHMtMDEyMzQ1Njc4OQ',
						CERT_SIGNING_KEY: JSON.stringify(TEST_KEYS.actual),
						CERT_PREVIOUS_KEYS: JSON.stringify(TEST_PREVIOUS_PUBLIC),
						SECURITY_FUZZ_REQUESTS: process.env.SECURITY_FUZZ_REQUESTS ?? '1500',
						SECURITY_FUZZ_SEED: process.env.SECURITY_FUZZ_SEED ?? ''
					}
				}
			})
		],
		test: {
			name: 'security',
			root,
			include: ['tests/security/**/*.test.ts'],
			setupFiles: ['tests/worker/setup.ts'],
			testTimeout: 60_000
		}
	};
});

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { TEST_KEYS, TEST_PREVIOUS_PUBLIC } from './test-keys.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig(async () => {
	// wrangler.toml points the assets at build/; worker tests do not need a built page, only the folder.
	fs.mkdirSync(path.join(root, 'build'), { recursive: true });
	const migrations = await readD1Migrations(path.join(root, 'worker/migrations'));
	return {
		plugins: [
			cloudflareTest({
				main: path.join(root, 'worker/index.ts'),
				wrangler: { configPath: path.join(root, 'wrangler.toml') },
				miniflare: {
					// Tests never read .dev.vars: a fixed pepper and fixed signing keys keep them reproducible.
					bindings: {
						TEST_MIGRATIONS: migrations,
						CLAVE_PEPPER: 'dGVzdC1wZXBwZXItb25seS1mb3ItdGVzdHMtMDEyMzQ1Njc4OQ',
						CERT_SIGNING_KEY: JSON.stringify(TEST_KEYS.actual),
						CERT_PREVIOUS_KEYS: JSON.stringify(TEST_PREVIOUS_PUBLIC)
					}
				}
			})
		],
		test: {
			name: 'worker',
			root,
			include: ['tests/worker/**/*.test.ts'],
			setupFiles: ['tests/worker/setup.ts'],
			// Argon2id at OWASP cost (~50 ms a hash) and 200-request races need more than vitest's 5 s.
			testTimeout: 60_000
		}
	};
});

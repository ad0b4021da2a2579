import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { TEST_KEYS, TEST_PREVIOUS_PUBLIC } from './test-keys.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A vitest project that runs inside workerd with the real Worker and its bindings, migrations applied
 * by tests/worker/setup.ts. The worker tests and the security suite are two such projects, so that
 * `npm run test:security` can run alone with a larger budget (its `bindings` add the fuzzing knobs).
 */
export function workerdProject(name: string, include: string[], bindings: Record<string, string> = {}) {
	return defineConfig(async () => {
		// wrangler.toml points the assets at build/; these tests need no built page, only the folder.
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
							CERT_PREVIOUS_KEYS: JSON.stringify(TEST_PREVIOUS_PUBLIC),
							...bindings
						}
					}
				})
			],
			test: {
				name,
				root,
				include,
				setupFiles: ['tests/worker/setup.ts'],
				// Argon2id at OWASP cost (~50 ms a hash) and 200-request races need more than vitest's 5 s.
				testTimeout: 60_000
			}
		};
	});
}

import { defineConfig, devices } from '@playwright/test';
// The system Chromium when there is one (offline machines), otherwise the one Playwright downloads.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
// E2E_PORT lets two checkouts run their journeys side by side (server.mjs reads the same variable).
const port = process.env.E2E_PORT ?? '8788';

export default defineConfig({
	testDir: '.',
	outputDir: '../../test-results/e2e',
	// Journeys sign in with Argon2 several times and drive two or three browser contexts; on a loaded
	// 2-core machine 30 s was not always enough (seen: clave-life's sessions journey at 31.9 s).
	timeout: 60_000,
	// A sign-in is an Argon2 hash; the first one in a fresh workerd isolate also compiles the Wasm, and
	// took over 5 s on a loaded machine (seen: certificados' first sign-in). 10 s for every expect.
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	// On CI, one retry: a whole submission should not fall to one timing flake on a loaded 2-core
	// machine (seen once: the vault unlock journey, not reproduced under load locally). A real defect
	// fails both tries; a journey that passed only on retry is reported as flaky by tests/run-all.mjs.
	// Locally no retries, so flakes are seen where they can be investigated.
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI
		? [['list'], ['html', { open: 'never', outputFolder: '../../playwright-report' }]]
		: 'list',
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'es-AR',
		timezoneId: 'America/Argentina/Buenos_Aires',
		trace: 'retain-on-failure',
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		command: 'node tests/e2e/server.mjs',
		cwd: '../..',
		url: `http://localhost:${port}/api/health`,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});

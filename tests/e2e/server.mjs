// Starts the whole app for the journeys: the built page and the API in one `wrangler dev`, on a local
// database of its own (.wrangler/e2e) that is rebuilt and seeded on every run, so that sign-in
// throttling and sessions left by one run never leak into the next.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PORT = process.env.E2E_PORT ?? '8788';
// One database per port, so that two checkouts (or two ports) never reseed each other's state mid-run.
const STATE = PORT === '8788' ? '.wrangler/e2e' : `.wrangler/e2e-${PORT}`;
const ORIGIN = `http://localhost:${PORT}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

function run(command, args) {
	console.log(`[e2e] ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`[e2e] falló: ${command} ${args.join(' ')}`);
		process.exit(result.status ?? 1);
	}
}

if (!existsSync(`${ROOT}build/index.html`)) run('npm', ['run', 'build']);
run('node', ['worker/tools/dev-vars.mjs']);

rmSync(`${ROOT}${STATE}`, { recursive: true, force: true });
mkdirSync(`${ROOT}${STATE}`, { recursive: true });
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE]);
run('npx', ['tsx', 'worker/seed/cli.ts', '--citizens', '200', '--persist-to', STATE]);

// wrangler's own entry point rather than `npx wrangler`: npx does not pass SIGTERM on, and the server
// would outlive the run. Chromium reaches 127.0.0.1 for `localhost` (it tries both loopbacks).
const server = spawn(
	process.execPath,
	[
		'node_modules/wrangler/bin/wrangler.js',
		'dev',
		'--port',
		PORT,
		'--ip',
		process.env.E2E_IP ?? '127.0.0.1',
		'--persist-to',
		STATE,
		'--var',
		`ALLOWED_ORIGINS:${ORIGIN}`
	],
	{ cwd: ROOT, env, stdio: 'inherit' }
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (server.exitCode === null) server.kill(signal);
	});
}

server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

#!/usr/bin/env node
/**
 * `npm run test:security` (long form) and the security row of `npm test` (`--short`): the fuzzing and
 * attack scenarios inside workerd (vitest project `security`), then the timing check against a real
 * `wrangler dev`. Prints one table, writes tests/reports/security.json (the vitest and timing reports
 * beside it) and exits non-zero when any check fails.
 *
 *   long:  10,000 fuzzed requests, 120 timed sign-ins per kind
 *   short:  1,500 fuzzed requests,  90 timed sign-ins per kind
 * SECURITY_FUZZ_REQUESTS / SECURITY_TIMING_SAMPLES override either; SECURITY_FUZZ_SEED replays a run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reports = path.join(root, 'tests/reports');
fs.mkdirSync(reports, { recursive: true });
const short = process.argv.includes('--short');
const fuzzRequests = process.env.SECURITY_FUZZ_REQUESTS ?? (short ? '1500' : '10000');
const timingSamples = process.env.SECURITY_TIMING_SAMPLES ?? (short ? '90' : '120');
const env = {
	...process.env,
	WRANGLER_SEND_METRICS: 'false',
	CLOUDFLARE_CF_FETCH_ENABLED: 'false',
	SECURITY_FUZZ_REQUESTS: fuzzRequests
};

function run(cmd, args) {
	console.log(`\n$ ${cmd} ${args.join(' ')}`);
	return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

const started = Date.now();
const vitestOut = path.join(reports, 'security-vitest.json');
const timingOut = path.join(reports, 'security-timing.json');
fs.rmSync(vitestOut, { force: true });
fs.rmSync(timingOut, { force: true });

const vitestCode = run('npx', [
	'vitest',
	'run',
	'--project',
	'security',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestOut}`
]);
const timingCode = run('npx', ['tsx', 'tests/security/timing.ts', '--samples', timingSamples]);

const v = readJson(vitestOut);
const t = readJson(timingOut);
const checks = [];
for (const file of v?.testResults ?? [])
	for (const a of file.assertionResults)
		checks.push({
			check: [...a.ancestorTitles, a.title].join(' › '),
			ok: a.status === 'passed',
			skipped: a.status === 'skipped' || a.status === 'pending',
			meta: a.meta
		});
// A suite that crashed before reporting is a failure, never zero checks.
if (!v || (vitestCode !== 0 && checks.every((c) => c.ok)))
	checks.push({ check: 'vitest project security ran to the end', ok: false });
checks.push({
	check: 'timing: failed sign-in, known vs unknown CUIL, medians within 10 %',
	ok: timingCode === 0 && t?.passed === true
});

const fuzz = checks.find((c) => c.meta?.fuzz)?.meta.fuzz ?? null;
const passed = checks.filter((c) => c.ok && !c.skipped).length;
const failed = checks.filter((c) => !c.ok && !c.skipped).length;
const skipped = checks.filter((c) => c.skipped).length;
const summary = {
	date: new Date().toISOString(),
	form: short ? 'short' : 'long',
	passed,
	failed,
	skipped,
	durationMs: Date.now() - started,
	fuzz: fuzz && {
		requests: fuzz.requests,
		operations: fuzz.operations,
		seed: fuzz.seed,
		durationMs: fuzz.durationMs,
		serverErrors: fuzz.serverErrors,
		badErrorShapes: fuzz.badErrorShapes,
		rejectedWithWrites: fuzz.rejectedWithWrites,
		statuses: fuzz.statuses,
		allowedWritesOnRejection: fuzz.allowedWritesOnRejection
	},
	timing: t,
	checks: checks.map(({ meta: _meta, ...c }) => c)
};
fs.writeFileSync(path.join(reports, 'security.json'), JSON.stringify(summary, null, 2));

const width = Math.min(100, Math.max(...checks.map((c) => c.check.length)));
console.log(`\nSecurity (${summary.form} form)`);
console.log(`${'check'.padEnd(width)}  result`);
for (const c of checks)
	console.log(
		`${(c.check.length > width ? c.check.slice(0, width - 1) + '…' : c.check).padEnd(width)}  ${c.skipped ? 'skipped' : c.ok ? 'ok' : 'FAILED'}`
	);
if (fuzz)
	console.log(
		`\nfuzz: ${fuzz.requests} requests to ${fuzz.operations} operations in ${(fuzz.durationMs / 1000).toFixed(1)} s, seed ${fuzz.seed}; ` +
			`5xx ${fuzz.serverErrors}, bad error shapes ${fuzz.badErrorShapes}, rejected requests that wrote ${fuzz.rejectedWithWrites}`
	);
if (t?.medianMs)
	console.log(
		`timing: median known ${t.medianMs.known.toFixed(1)} ms, without clave ${t.medianMs.noClave.toFixed(1)} ms, unknown ${t.medianMs.unknown.toFixed(1)} ms ` +
			`(gap ${(t.gapKnownVsUnknown * 100).toFixed(1)} %, limit ${t.tolerance * 100} %)`
	);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

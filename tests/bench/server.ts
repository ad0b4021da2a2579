/**
 * What every bench module needs to run the real app: `wrangler dev` on a database of its own, waiting
 * for it, stopping it, and a Chromium launched like the journeys launch it. Bench ports are 8830–8839
 * (one per module, listed in PORTS) so that they never collide with the e2e servers.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

export const PORTS = {
	hashWorker: 8830,
	loginBytes: 8831,
	scale1k: 8832,
	scale1M: 8833,
	certificados: 8834,
	load: 8835,
	lighthouse: 8836,
	throughput: 8837,
	routeBytes: 8838,
	certificadosPdf: 8839
} as const;

export function run(cmd: string, args: string[]) {
	const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

export function ensureBuild() {
	if (!fs.existsSync(path.join(root, 'build/index.html'))) run('npm', ['run', 'build']);
}

export async function waitFor(url: string, timeoutMs = 90_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		try {
			if ((await fetch(url)).status < 500) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${url} did not answer in time`);
}

/** `pid` is wrangler's, which leads its own process group (workerd included): see `groupCpuMs`. */
export type Server = { origin: string; port: number; pid: number; stop: () => void };

/**
 * Starts `wrangler dev` on `port`. With `state`, the app runs on that local database (`fresh` rebuilds
 * it, `seed` seeds that many citizens, `seedIfEmpty` only when empty); `args` replaces everything
 * (used for the hash Worker, which has its own config). wrangler's own entry point rather than npx, in
 * its own process group, so that stopping it stops workerd too.
 */
export async function startServer(o: {
	port: number;
	state?: string;
	fresh?: boolean;
	seed?: number;
	seedIfEmpty?: boolean;
	args?: string[];
	ready?: string;
}): Promise<Server> {
	const origin = `http://localhost:${o.port}`;
	let args = o.args;
	if (!args) {
		ensureBuild();
		run('node', ['worker/tools/dev-vars.mjs']);
		const state = o.state!;
		if (o.fresh) fs.rmSync(path.resolve(root, state), { recursive: true, force: true });
		run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
		if (o.seed)
			run('npx', [
				'tsx',
				'worker/seed/cli.ts',
				'--citizens',
				String(o.seed),
				...(o.seedIfEmpty ? ['--if-empty'] : []),
				'--persist-to',
				state
			]);
		args = ['--persist-to', state, '--var', `ALLOWED_ORIGINS:${origin}`];
	}
	const child: ChildProcess = spawn(
		process.execPath,
		['node_modules/wrangler/bin/wrangler.js', 'dev', '--port', String(o.port), '--ip', '127.0.0.1', ...args],
		{ cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true }
	);
	const stop = () => {
		try {
			process.kill(-child.pid!, 'SIGTERM');
		} catch {
			/* already gone */
		}
	};
	try {
		await waitFor(`http://127.0.0.1:${o.port}${o.ready ?? '/api/health'}`);
	} catch (error) {
		stop();
		throw error;
	}
	return { origin, port: o.port, pid: child.pid!, stop };
}

/** Chromium as the journeys launch it (one list for all: tests/chromium.ts). */
export { CHROMIUM_ARGS, CHROMIUM_PATH };

export function launchChromium() {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Signs in through the API (as the page does) and returns the session cookie header. */
export async function signInCookie(origin: string, cuil: string, clave: string): Promise<string> {
	const res = await fetch(`${origin.replace('localhost', '127.0.0.1')}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify({ cuil: cuil.replaceAll('-', ''), clave })
	});
	if (res.status !== 200) throw new Error(`bench sign-in failed: ${res.status}`);
	return res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/**
 * CPU time (user + system, all threads) spent so far by the processes of one process group whose name
 * starts with `name` (a server's workerd), in milliseconds, read from /proc (Linux; null elsewhere).
 * Resolution: one clock tick (10 ms), so measure something that takes hundreds of milliseconds.
 */
export function groupCpuMs(pgid: number, name = 'workerd'): number | null {
	if (!fs.existsSync('/proc/self/stat')) return null;
	let ticks = 0;
	let found = false;
	for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue; // gone
		}
		// pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its closing parenthesis.
		const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(f[2]) !== pgid || !comm.startsWith(name)) continue;
		ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15 of proc(5))
		found = true;
	}
	return found ? ticks * 10 : null; // USER_HZ is 100 on Linux
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function writeReport(name: string, data: unknown) {
	fs.mkdirSync(path.join(root, 'tests/reports'), { recursive: true });
	fs.writeFileSync(path.join(root, `tests/reports/${name}`), JSON.stringify(data, null, 2));
}

#!/usr/bin/env node
/**
 * Writes build/_headers: the security headers of every static response (the PWA's HTML, JS, CSS,
 * fonts). Static assets are served without running the Worker, so its middleware cannot add them;
 * Cloudflare's asset server (and `wrangler dev`) applies this file instead.
 *
 * The CSP allows scripts from our origin plus, by SHA-256, the inline bootstrap script SvelteKit puts in
 * the shell: never 'unsafe-inline' (ASVS 5.0 3.4.3). The hashes are computed here from the built HTML,
 * so they always match what ships. A <meta> CSP cannot carry frame-ancestors; this header can.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const build = path.join(root, 'build');

function htmlFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return htmlFiles(p);
		return e.name.endsWith('.html') ? [p] : [];
	});
}

const hashes = new Set();
let metaCsp = null;
for (const file of htmlFiles(build)) {
	const html = fs.readFileSync(file, 'utf8');
	for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
		if (m[1].trim() === '') continue;
		hashes.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
	}
	if (/\sstyle="/.test(html))
		throw new Error(`${path.relative(root, file)} has an inline style attribute: the CSP forbids it`);
	metaCsp ??= /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? null;
}
if (!metaCsp) throw new Error('build/index.html has no CSP <meta>: is kit.csp set in svelte.config.js?');

// The policy is written once, in svelte.config.js (kit.csp); SvelteKit renders it into the shell's <meta>
// with the script hashes. The header repeats it and adds what a <meta> cannot carry or does not need.
const directives = new Map(
	metaCsp
		.split(';')
		.map((d) => d.trim())
		.filter(Boolean)
		.map((d) => [d.split(/\s+/)[0], d])
);
for (const hash of hashes)
	if (!directives.get('script-src')?.includes(hash))
		throw new Error(`inline script ${hash} is not in the CSP SvelteKit wrote: the shell would not start`);
directives.set('frame-ancestors', "frame-ancestors 'none'");
directives.set('manifest-src', directives.get('manifest-src') ?? "manifest-src 'self'");
directives.set('worker-src', directives.get('worker-src') ?? "worker-src 'self'");
const csp = [...directives.values()].join('; ');

const common = [
	`Content-Security-Policy: ${csp}`,
	'Strict-Transport-Security: max-age=63072000; includeSubDomains; preload',
	'X-Content-Type-Options: nosniff',
	'X-Frame-Options: DENY',
	'Referrer-Policy: no-referrer',
	'Cross-Origin-Opener-Policy: same-origin',
	'Cross-Origin-Resource-Policy: same-origin',
	// camera=(self): Verificar scans a QR with the live camera (getUserMedia). The app is one document
	// (the SPA shell serves every screen), so the page's policy is the origin's; frames and other origins
	// still get no camera. API answers keep camera=() (worker/http/security.ts): they are no documents.
	'Permissions-Policy: camera=(self), microphone=(), geolocation=(), payment=(), usb=(), publickey-credentials-get=(self), publickey-credentials-create=(self)'
];

const rules = [
	'/*',
	...common.map((h) => `  ${h}`),
	// File names under immutable/ carry a content hash: they can be cached for a year.
	'/_app/immutable/*',
	'  Cache-Control: public, max-age=31536000, immutable'
];

fs.writeFileSync(path.join(build, '_headers'), rules.join('\n') + '\n');
console.log(`build/_headers: CSP with ${hashes.size} script hash(es)`);

/**
 * Makes the web app manifest's screenshots (static/screenshots/*.png) from the real screens, so the
 * install dialog on Android and desktop Chrome shows what the app looks like. Run against a server
 * that serves the build (`npm start`, or `npm run serve` after `npm run build`):
 *
 *   npx tsx worker/tools/screenshots.ts [http://localhost:8787]
 *
 * Public screens only (no personal data, not even a demo person's, ends up in the repository).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const origin = process.argv[2] ?? 'http://localhost:8787';
const out = path.join(root, 'static/screenshots');

const shots = [
	// 'narrow': a phone, the size most citizens use (Chrome wants 320–3840 px, ratio ≤ 2.3).
	{ file: 'ingresar-narrow.png', url: '/ingresar', width: 412, height: 892, scale: 1 },
	{ file: 'verificar-narrow.png', url: '/verificar', width: 412, height: 892, scale: 1 },
	// 'wide': a desktop window.
	{ file: 'ingresar-wide.png', url: '/ingresar', width: 1280, height: 800, scale: 1 }
];

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
	executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
});
for (const s of shots) {
	const context = await browser.newContext({
		viewport: { width: s.width, height: s.height },
		deviceScaleFactor: s.scale,
		locale: 'es-AR',
		serviceWorkers: 'block'
	});
	const page = await context.newPage();
	await page.goto(origin + s.url, { waitUntil: 'networkidle' });
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: path.join(out, s.file) });
	await context.close();
	console.log(`static/screenshots/${s.file}`);
}
await browser.close();

/**
 * Certificates on the phone (issue 6), measured in a real Chromium against the built app:
 *
 * - Tap to rendered, offline, with 500 certificates in IndexedDB: Rosa downloads one real certificate,
 *   the page clones it into 500 records (same signatures and PDF, other ids), the network goes off, and
 *   each run taps one certificate in the 500-item list and waits for its heading (then for the
 *   "Firma verificada" line, which hashes the PDF and checks both ES256 signatures). Timed inside the
 *   page with performance.now(), median and p90 of 20.
 * - First load of /verificar (public) and /certificados (signed in): gzip bytes of the HTML, JS and CSS
 *   a fresh browser fetches, measured as the login bench does (service worker blocked, empty cache).
 *
 * Writes tests/reports/bench-certificados.json and prints its lines. Called from run.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { PORTS, kib, launchChromium, median, root, startServer, writeReport } from './server';

const PORT = PORTS.certificados;
const ORIGIN = `http://localhost:${PORT}`;
const STATE = '.wrangler/bench-certificados';
const STORED = 500;
const RUNS = 20;
const ROSA = { cuil: '27-05123456-7', clave: 'Mate-Lluvia-73!' };
/** The journeys' vault PIN (tests/e2e/fixtures.ts). */
const VAULT_PIN = '482913';

const p90 = (xs: number[]) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

async function signIn(context: BrowserContext) {
	const page = await context.newPage();
	await page.goto(`${ORIGIN}/ingresar`);
	await page.getByLabel('CUIL').fill(ROSA.cuil);
	await page.getByLabel('Clave de Seguridad Social').fill(ROSA.clave);
	await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
	await page.waitForURL(`${ORIGIN}/inicio`);
	// Certificates are kept only inside the vault (issue 7): create it with the journeys' PIN.
	await page.getByRole('link', { name: 'Crear PIN' }).click();
	await page.getByLabel('PIN nuevo').fill(VAULT_PIN);
	await page.getByLabel('Repetí el PIN').fill(VAULT_PIN);
	await page.getByRole('button', { name: 'Crear PIN' }).click();
	await page.getByRole('link', { name: 'Ahora no' }).click();
	await page.waitForURL(`${ORIGIN}/inicio`);
	return page;
}

/** After a full load the vault is locked: the PIN opens it (works offline), back where it was. */
async function unlock(page: Page) {
	await page.getByRole('link', { name: 'Desbloquear' }).first().click();
	await page.getByLabel('PIN', { exact: true }).fill(VAULT_PIN);
	await page.getByRole('button', { name: 'Desbloquear', exact: true }).click();
	await page.getByRole('button', { name: 'Bloquear' }).waitFor();
}

/**
 * gzip bytes of the document, scripts and styles a fresh load of `url` fetches. The page tells which
 * files it requested; their bytes are read from build/ (reading response bodies from the browser lost
 * some under load). Every path but the built files is answered by the SPA shell, index.html.
 */
export async function firstLoadBytes(
	browser: Browser,
	url: string,
	storageState?: Awaited<ReturnType<BrowserContext['storageState']>>
) {
	const context = await browser.newContext({ serviceWorkers: 'block', storageState });
	const page = await context.newPage();
	const requested = new Map<string, string>();
	const origin = new URL(url).origin;
	page.on('request', (req) => {
		const u = req.url();
		if (!u.startsWith(origin) || u.includes('/api/')) return;
		requested.set(new URL(u).pathname, req.resourceType());
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	await context.close();
	const files = [...requested]
		.filter(([, type]) => ['document', 'script', 'stylesheet'].includes(type))
		.map(([pathname, type]) => {
			const file = path.join(root, 'build', type === 'document' ? 'index.html' : pathname);
			return { url: pathname, type, gzip: gzipSync(fs.readFileSync(file), { level: 9 }).length };
		});
	return { htmlJsCssGzip: files.reduce((n, f) => n + f.gzip, 0), files };
}

export async function benchCertificadosOffline() {
	const server = await startServer({ port: PORT, state: STATE, fresh: true, seed: 50 });
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({
			locale: 'es-AR',
			timezoneId: 'America/Argentina/Buenos_Aires'
		});
		// tsx (esbuild, keepNames) wraps named functions in __name(): give evaluated code one.
		await context.addInitScript('window.__name = (f) => f');
		const page = await signIn(context);

		// One real certificate, downloaded by the app.
		await page.goto(`${ORIGIN}/certificados`);
		await unlock(page);
		await page.getByRole('radio', { name: /^Constancia de CUIL/ }).check();
		await page.getByRole('button', { name: 'Pedir y descargar' }).click();
		await page.waitForURL(/\/certificados\/\d+\?descargado$/, { timeout: 60_000 });
		await page.getByText('Firma verificada:').waitFor();

		// 499 more, cloned from it in IndexedDB (ids 900001…), so the list holds 500. Records are sealed
		// under their own key (AES-GCM additional data), so each clone is opened with the vault key (the
		// PIN unwraps it, as the app does) and sealed again under its new key: the format of vault.ts.
		await page.evaluate(
			async ({ total, pin }) => {
				const db: IDBDatabase = await new Promise((resolve, reject) => {
					const open = indexedDB.open('mi-anses');
					open.onsuccess = () => resolve(open.result);
					open.onerror = () => reject(open.error);
				});
				const read = <T>(store: string, fn: (s: IDBObjectStore) => IDBRequest) =>
					new Promise<T>((resolve) => {
						const r = fn(db.transaction(store).objectStore(store));
						r.onsuccess = () => resolve(r.result as T);
					});
				type Env = { v: 1; iv: Uint8Array<ArrayBuffer>; ct: ArrayBuffer };
				const [baseKey] = await read<string[]>('certificados', (s) => s.getAllKeys());
				const base = await read<{ meta: Env; pdf: Env }>('certificados', (s) => s.get(baseKey));
				const cuil = baseKey.split(':')[0];
				const wrap = await read<{
					salt: Uint8Array<ArrayBuffer>;
					iterations: number;
					iv: Uint8Array<ArrayBuffer>;
					wrapped: ArrayBuffer;
				}>('vault', (s) => s.get(`${cuil}:pin`));
				const enc = new TextEncoder();
				const material = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, [
					'deriveKey'
				]);
				const kek = await crypto.subtle.deriveKey(
					{ name: 'PBKDF2', hash: 'SHA-256', salt: wrap.salt, iterations: wrap.iterations },
					material,
					{ name: 'AES-GCM', length: 256 },
					false,
					['unwrapKey']
				);
				const key = await crypto.subtle.unwrapKey(
					'raw',
					wrap.wrapped,
					kek,
					{ name: 'AES-GCM', iv: wrap.iv, additionalData: enc.encode(`vault/${cuil}/pin`) },
					{ name: 'AES-GCM', length: 256 },
					false,
					['encrypt', 'decrypt']
				);
				const ad = (k: string) => enc.encode(`certificados/${k}`);
				const open = (k: string, e: Env) =>
					crypto.subtle.decrypt({ name: 'AES-GCM', iv: e.iv, additionalData: ad(k) }, key, e.ct);
				const seal = async (k: string, bytes: BufferSource): Promise<Env> => {
					const iv = crypto.getRandomValues(new Uint8Array(12));
					return {
						v: 1,
						iv,
						ct: await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: ad(k) }, key, bytes)
					};
				};
				const meta = JSON.parse(new TextDecoder().decode(await open(`${baseKey}#meta`, base.meta)));
				const pdf = await open(`${baseKey}#pdf`, base.pdf);
				const clones: [string, unknown][] = [];
				for (let i = 1; i < total; i++) {
					const id = 900000 + i;
					const k = `${cuil}:${id}`;
					clones.push([
						k,
						{
							meta: await seal(`${k}#meta`, enc.encode(JSON.stringify({ ...meta, id }))),
							pdf: await seal(`${k}#pdf`, pdf)
						}
					]);
				}
				const tx = db.transaction('certificados', 'readwrite');
				for (const [k, v] of clones) tx.objectStore('certificados').put(v, k);
				await new Promise((resolve) => (tx.oncomplete = resolve));
				db.close();
			},
			{ total: STORED, pin: VAULT_PIN }
		);

		// Controlled by the service worker, then no network.
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload();
		await context.setOffline(true);
		await page.goto(`${ORIGIN}/certificados`);
		await unlock(page);
		const links = page.getByRole('region', { name: 'En este teléfono', exact: true }).getByRole('link');
		await links.nth(STORED - 1).waitFor();
		const count = await links.count();

		const heading: number[] = [];
		const verified: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const n = Math.floor(((i + 0.5) * count) / RUNS);
			const times = await page.evaluate(async (index) => {
				const link = document.querySelectorAll<HTMLAnchorElement>(
					'section[aria-labelledby="en-telefono"] h3 a'
				)[index];
				const href = new URL(link.href).pathname;
				const start = performance.now();
				let rendered = 0;
				link.click();
				await new Promise<void>((resolve) => {
					const check = () => {
						if (
							!rendered &&
							location.pathname === href &&
							document.querySelector('main h1')?.textContent === 'Constancia de CUIL'
						)
							rendered = performance.now() - start;
						if (rendered && document.body.textContent?.includes('Firma verificada:')) {
							observer.disconnect();
							resolve();
						}
					};
					const observer = new MutationObserver(check);
					observer.observe(document.body, { subtree: true, childList: true, characterData: true });
					check();
				});
				return { rendered, verified: performance.now() - start };
			}, n);
			heading.push(times.rendered);
			verified.push(times.verified);
			await page.goBack();
			await links.nth(STORED - 1).waitFor();
		}
		await context.setOffline(false);

		const state = await context.storageState();
		const verificar = await firstLoadBytes(browser, `${ORIGIN}/verificar`);
		const certificados = await firstLoadBytes(browser, `${ORIGIN}/certificados`, state);
		await context.close();

		const results = {
			date: new Date().toISOString(),
			storedCertificates: count,
			runs: RUNS,
			tapToHeadingMs: { median: median(heading), p90: p90(heading) },
			tapToVerifiedMs: { median: median(verified), p90: p90(verified) },
			firstLoadGzipBytes: {
				verificar: verificar.htmlJsCssGzip,
				certificados: certificados.htmlJsCssGzip
			},
			files: { verificar: verificar.files, certificados: certificados.files }
		};
		writeReport('bench-certificados.json', results);
		console.log(
			`\ncertificate tap → heading, offline, ${count} stored   median ${results.tapToHeadingMs.median.toFixed(1)} ms, p90 ${results.tapToHeadingMs.p90.toFixed(1)} ms`
		);
		console.log(
			`certificate tap → signature verified, offline     median ${results.tapToVerifiedMs.median.toFixed(1)} ms, p90 ${results.tapToVerifiedMs.p90.toFixed(1)} ms`
		);
		console.log(`/verificar first load, HTML+JS+CSS (gzip)          ${kib(verificar.htmlJsCssGzip)}`);
		console.log(`/certificados first load, HTML+JS+CSS (gzip)       ${kib(certificados.htmlJsCssGzip)}`);
		return results;
	} finally {
		await browser.close();
		server.stop();
	}
}

// `npx tsx tests/bench/certificados-offline.ts` runs it alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	await benchCertificadosOffline();
}

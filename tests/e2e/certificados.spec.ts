import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import QRCode from 'qrcode';
import { MENSAJES_INVALIDO, verificarPdf, type JSONWebKeySet } from '../../src/lib/domain/certificados/sello';
import {
	DAIANA,
	MARTIN,
	ROSA,
	VAULT_PIN,
	createVault,
	expect,
	expectAccessible,
	rawIndexedDb,
	signIn,
	test,
	unlockVault
} from './fixtures';

/**
 * Issue 6's journey: Rosa downloads two certificates (the progress bar moves), goes offline, reloads,
 * opens both from the phone (rendered and verified), verifies one on the public Verificar screen with no
 * connection (pasted text and a photo of its QR), downloads its PDF (whose seal verifies in Node with
 * the published keys), and a tampered QR payload is refused. Further down: sharing and printing the PDF,
 * and a certificate past its validity.
 */

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The demo account with no work or benefit since March 2026 (worker/seed/demo-accounts.ts). */
const SOFIA = { cuil: '27-49012345-3', clave: 'Lapacho-Verde-24!' };

async function signInAs(page: Page, account: { cuil: string; clave: string }) {
	await page.goto('/ingresar');
	await signIn(page, account);
	await expect(page).toHaveURL('/inicio');
	// Certificates are kept only inside the vault (issue 7): the journeys create it first.
	await createVault(page);
}

/** Slow the network like a weak 3G signal, so the download takes long enough to watch. */
async function slowNetwork(cdp: CDPSession, on: boolean) {
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: on ? 40 : 0,
		downloadThroughput: on ? 24 * 1024 : -1,
		uploadThroughput: on ? 24 * 1024 : -1
	});
}

/** Records every value the download's progress bar takes (the page keeps running across goto inside the app). */
async function watchProgress(page: Page) {
	await page.evaluate(() => {
		const w = window as unknown as { progreso: string[] };
		w.progreso = [];
		new MutationObserver(() => {
			const bar = document.querySelector('[role="progressbar"], progress');
			const now = bar?.getAttribute('aria-valuenow');
			if (now !== null && now !== undefined && w.progreso[w.progreso.length - 1] !== now)
				w.progreso.push(now);
		}).observe(document.body, { subtree: true, childList: true, attributes: true });
	});
}

async function progressSeen(page: Page): Promise<number[]> {
	return (await page.evaluate(() => (window as unknown as { progreso: string[] }).progreso)).map(Number);
}

/** What this phone keeps, read straight from IndexedDB. */
/**
 * What the server issued on this page (the JWS of each QR), read from the API answers: on the phone the
 * certificates are sealed by the vault, so IndexedDB has nothing readable to compare with.
 */
function recordIssued(page: Page) {
	const issued: { id: number; titulo: string; qr: string; codigo: string }[] = [];
	page.on('response', async (response) => {
		if (!/\/api\/certificados(\/\d+)?$/.test(new URL(response.url()).pathname) || !response.ok()) return;
		const body = (await response.json().catch(() => null)) as {
			qr?: string;
			certificado?: { id: number; titulo: string; codigo: string };
		} | null;
		if (body?.qr && body.certificado) issued.push({ ...body.certificado, qr: body.qr });
	});
	return issued;
}

/** How many certificates the phone keeps (sealed), straight from IndexedDB. */
function rawCounts(page: Page) {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('mi-anses');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const count = open.result.transaction('certificados').objectStore('certificados').count();
					count.onsuccess = () => {
						resolve(count.result);
						open.result.close();
					};
				};
			})
	);
}

async function pedir(page: Page, titulo: string) {
	await page.getByRole('radio', { name: new RegExp(`^${titulo}`) }).check();
	await page.getByRole('button', { name: 'Pedir y descargar' }).click();
}

test('Rosa downloads two certificates, opens them offline, verifies one on Verificar and saves its PDF', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(120_000);
	const jwks = (await (await request.get('/api/keys')).json()) as JSONWebKeySet;
	expect(jwks.keys.length).toBeGreaterThan(0);

	const issued = recordIssued(page);
	await signInAs(page, ROSA);
	// The service worker installs on the first visit and controls the page from the next load on.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	// A reload forgets the vault key: the PIN opens it again.
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await expect(heading(page)).toHaveText(/^Hola/);

	await page.getByRole('main').getByRole('link', { name: 'Certificados y constancias' }).click();
	await expect(heading(page)).toHaveText('Mis certificados');
	await expect(page.getByText('Todavía no descargaste certificados en este teléfono.')).toBeVisible();
	await expect(
		page.getByText(/^Usás [\d,]+ \S+ de [\d,]+ \S+ disponibles en este teléfono\.$/)
	).toBeVisible();
	await expectAccessible(page);

	// Rosa cobra una jubilación: the Certificación Negativa says which registro stops it, instead of issuing.
	await page.getByRole('radio', { name: /^Certificación Negativa/ }).check();
	await expect(page.getByLabel('Desde')).toBeVisible();
	await page.getByRole('button', { name: 'Pedir y descargar' }).click();
	await expect(
		page.getByRole('heading', { name: 'No podemos emitir la Certificación Negativa para ese período' })
	).toBeFocused({ timeout: 15_000 });
	await expect(page.getByText(/Jubilación o pensión nacional/).first()).toBeVisible();
	await expectAccessible(page);

	// Two downloads on a slow network: the progress bar moves through intermediate values.
	const cdp = await context.newCDPSession(page);
	await watchProgress(page);
	await slowNetwork(cdp, true);
	await pedir(page, 'Constancia de CUIL');
	await expect(page.getByRole('progressbar')).toBeVisible();
	await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
	await slowNetwork(cdp, false);
	const first = await progressSeen(page);
	expect(
		first.some((v) => v > 0 && v < 100),
		`progreso visto: ${first}`
	).toBe(true);
	expect(first[first.length - 1]).toBe(100);
	await expect(heading(page)).toHaveText('Constancia de CUIL');
	await expect(page.getByText('Firma verificada:')).toBeVisible();
	await expect(page.getByText('Consultamos a ANSES: no fue anulado.')).toBeVisible();
	await expect(page.getByRole('img', { name: /Código QR para verificar/ })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Volver a Mis certificados' }).click();
	await expect(heading(page)).toHaveText('Mis certificados');
	await watchProgress(page);
	await slowNetwork(cdp, true);
	await pedir(page, 'Constancia de prestación y último pago');
	await expect(page.getByRole('progressbar')).toBeVisible();
	await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
	await slowNetwork(cdp, false);
	expect((await progressSeen(page)).some((v) => v > 0 && v < 100)).toBe(true);
	await expect(heading(page)).toHaveText('Constancia de prestación y último pago');
	await expect(page.getByText('Firma verificada:')).toBeVisible();

	expect(issued.map((c) => c.titulo).sort()).toEqual([
		'Constancia de CUIL',
		'Constancia de prestación y último pago'
	]);
	expect(await rawCounts(page)).toBe(2);
	// What the phone keeps of them is ciphertext: no PDF, no name, no CUIL, no code in the clear.
	const raw = await rawIndexedDb(page);
	expect(raw.counts.certificados).toBeGreaterThanOrEqual(2);
	for (const plain of ['%PDF', 'Rosa', 'Fernández', '27051234567', '27-05123456-7', 'Constancia', 'jubilaci'])
		expect(raw.text, `texto plano: ${plain}`).not.toContain(plain);
	for (const c of issued) expect(raw.text).not.toContain(c.codigo);
	const cuil = issued.find((c) => c.titulo === 'Constancia de CUIL')!;

	// No connection, and a reload: everything opens from the phone. (The throttling session goes first:
	// its network conditions would otherwise override Playwright's offline switch.)
	await cdp.detach();
	await context.setOffline(true);
	await page.goto('/certificados');
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await expect(heading(page)).toHaveText('Mis certificados');
	const list = page.getByRole('region', { name: 'En este teléfono', exact: true }).getByRole('listitem');
	await expect(list).toHaveCount(2);
	await expect(list.first()).toContainText(/Vigente hasta el \d{2}\/\d{2}/);
	await expect(page.getByRole('button', { name: 'Pedir y descargar' })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Pedir y descargar' })).toHaveAccessibleDescription(
		/Sin conexión no podés pedir certificados/
	);
	await expectAccessible(page);

	for (const titulo of ['Constancia de prestación y último pago', 'Constancia de CUIL']) {
		await page.getByRole('link', { name: titulo, exact: true }).click();
		await expect(heading(page)).toHaveText(titulo);
		await expect(page.getByText('Firma verificada:')).toBeVisible();
		await expect(page.getByText(/Verificado sin conexión/)).toBeVisible();
		await expect(
			page.getByText('Sin conexión no podemos consultar si fue anulado.', { exact: false })
		).toBeVisible();
		await expect(page.getByRole('article').getByRole('term').first()).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Volver a Mis certificados' }).click();
	}

	// The PDF leaves the phone as a file whose seal verifies with the published keys.
	await page.getByRole('link', { name: 'Constancia de CUIL', exact: true }).click();
	await expect(page.getByText('Firma verificada:')).toBeVisible();
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Descargar PDF' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(
		/^Constancia-de-CUIL-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\.pdf$/
	);
	const bytes = new Uint8Array(fs.readFileSync((await download.path())!));
	const sealed = await verificarPdf(bytes, jwks);
	expect(sealed.ok).toBe(true);
	if (sealed.ok) expect(sealed.claims.c).toBe(cuil.codigo);
	const tampered = bytes.slice();
	tampered[200] ^= 1;
	expect(await verificarPdf(tampered, jwks)).toMatchObject({ ok: false, motivo: 'pdf_modificado' });

	// Verificar, still offline: the pasted QR text, then a photo of the QR.
	await page.goto('/verificar');
	await expect(heading(page)).toHaveText('Verificar un certificado de ANSES');
	const consultar = page.getByRole('button', { name: 'Consultar el código' });
	await expect(consultar).toBeDisabled();
	await expect(consultar).toHaveAccessibleDescription(/Sin conexión no podemos consultar un código/);
	await expectAccessible(page);

	const origin = new URL(page.url()).origin;
	const qrText = `${origin}/verificar#${cuil.qr}`;
	await page.getByRole('textbox', { name: 'Texto del QR' }).fill(qrText);
	await page.getByRole('button', { name: 'Verificar el texto' }).click();
	const result = page.getByRole('heading', { level: 2, name: 'Certificado auténtico' });
	await expect(result).toBeFocused();
	await expect(page.getByText('No pudimos consultar si fue anulado: verificado sin conexión.')).toBeVisible();
	await expect(page.getByText(cuil.codigo)).toBeVisible();
	await expect(page.getByText('Rosa Beatriz', { exact: false }).first()).toBeVisible();
	await expectAccessible(page);

	// A tampered payload (one character of the middle segment changed) fails with the message.
	const [h, p, s] = cuil.qr.split('.');
	const i = Math.floor(p.length / 2);
	const changed = `${h}.${p.slice(0, i)}${p[i] === 'A' ? 'B' : 'A'}${p.slice(i + 1)}.${s}`;
	await page.getByRole('textbox', { name: 'Texto del QR' }).fill(`${origin}/verificar#${changed}`);
	await page.getByRole('button', { name: 'Verificar el texto' }).click();
	const alert = page.getByRole('alert').filter({ hasText: 'No es un certificado auténtico' });
	await expect(alert).toBeVisible();
	await expect(alert).toContainText(MENSAJES_INVALIDO.firma);
	await expectAccessible(page);

	const png = await QRCode.toBuffer(qrText, { errorCorrectionLevel: 'M', scale: 6, margin: 4 });
	await page
		.getByLabel('Foto del código QR', { exact: true })
		.setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
	await expect(result).toBeFocused();
	await expect(page.getByText(cuil.codigo)).toBeVisible();

	// The PDF on its own, offline.
	await page.getByLabel('PDF del certificado', { exact: true }).setInputFiles({
		name: 'constancia.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from(bytes)
	});
	await expect(result).toBeFocused();
	await expect(page.getByText('el PDF no fue modificado', { exact: false })).toBeVisible();
	await page.getByLabel('PDF del certificado', { exact: true }).setInputFiles({
		name: 'cambiado.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from(tampered)
	});
	await expect(page.getByRole('alert').filter({ hasText: MENSAJES_INVALIDO.pdf_modificado })).toBeVisible();

	// Back online: the code alone, and the QR also checked for revocation.
	await context.setOffline(false);
	await expect(consultar).toBeEnabled();
	await page.getByRole('textbox', { name: 'Código de verificación' }).fill(cuil.codigo.toLowerCase());
	await consultar.click();
	await expect(
		page.getByRole('heading', { level: 2, name: 'El código corresponde a un certificado de ANSES' })
	).toBeFocused();
	await page.goto(`/verificar#${cuil.qr}`);
	await expect(result).toBeVisible();
	await expect(page.getByText('Consultamos a ANSES: no fue anulado.')).toBeVisible();
	await expectAccessible(page);

	// The service worker never keeps an API answer except the public key set.
	const cached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			if (name.includes('precache')) continue;
			for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
		}
		return urls;
	});
	expect(cached.filter((u) => u.startsWith('/api/'))).toEqual(cached.filter((u) => u === '/api/keys'));
	expect(cached).toContain('/api/keys');
});

test('on a shared phone, another person does not see or open Rosa’s certificates', async ({ page }) => {
	// Rosa's certificates of the journey above live in another browser context; here the rule is shown
	// on one device: Rosa downloads one, signs out, Martín signs in and finds nothing of hers.
	await signInAs(page, ROSA);
	await page.goto('/certificados');
	// A full load starts with the vault locked.
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await pedir(page, 'Constancia de CUIL');
	await expect(page).toHaveURL(/\/certificados\/(\d+)\?descargado$/, { timeout: 30_000 });
	const id = /\/certificados\/(\d+)/.exec(page.url())![1];
	await page.getByRole('button', { name: 'Salir', exact: true }).click();
	await page.getByRole('button', { name: 'Dejarlos en este teléfono, bloqueados' }).click();
	await expect(page).toHaveURL('/ingresar');
	await signIn(page, MARTIN);
	await expect(page).toHaveURL('/inicio');
	await page.goto('/certificados');
	await expect(page.getByText('Todavía no descargaste certificados en este teléfono.')).toBeVisible();
	await page.goto(`/certificados/${id}`);
	await expect(heading(page)).toHaveText('Este certificado no está en este teléfono');
	await expect(page.getByText('Rosa')).toHaveCount(0);
	await expectAccessible(page);
});

/** What has the keyboard focus, in words: its tag and its label or text. */
function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }) | null;
		if (!el) return '';
		const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
		return `${el.tagName.toLowerCase()}:${label.replace(/\s+/g, ' ').trim()}`;
	});
}

/** Presses Tab until the focus reaches what `target` describes (`tag:label…`), as a keyboard user would. */
async function tabTo(page: Page, target: RegExp, max = 80) {
	for (let i = 0; i < max; i++) {
		if (target.test(await focused(page))) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}; last: ${await focused(page)}`);
}

test('keyboard only: sign in, download a certificate, open it and save its PDF', async ({ page }) => {
	test.setTimeout(90_000);
	await page.goto('/ingresar');
	await tabTo(page, /^input:CUIL/);
	await page.keyboard.type(DAIANA.cuil);
	await tabTo(page, /^input:Clave de Seguridad Social/);
	await page.keyboard.type(DAIANA.clave);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/inicio');

	// The vault's PIN, by keyboard too.
	await tabTo(page, /^a:Crear PIN$/);
	await page.keyboard.press('Enter');
	await tabTo(page, /^input:PIN nuevo/);
	await page.keyboard.type(VAULT_PIN);
	await tabTo(page, /^input:Repetí el PIN/);
	await page.keyboard.type(VAULT_PIN);
	await page.keyboard.press('Enter');
	await tabTo(page, /^a:Ahora no$/);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/inicio');

	await tabTo(page, /^a:Certificados y constancias$/);
	await page.keyboard.press('Enter');
	await expect(heading(page)).toHaveText('Mis certificados');
	await expect(heading(page)).toBeFocused();

	await tabTo(page, /^input:Constancia de CUIL/);
	await page.keyboard.press('Space');
	await expect(page.getByRole('radio', { name: /^Constancia de CUIL/ })).toBeChecked();
	await tabTo(page, /^button:Pedir y descargar$/);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
	await expect(heading(page)).toHaveText('Constancia de CUIL');
	await expect(heading(page)).toBeFocused();
	await expect(page.getByText('Firma verificada:')).toBeVisible();

	// Opened again from the list, by keyboard.
	await tabTo(page, /^a:Volver a Mis certificados$/);
	await page.keyboard.press('Enter');
	await expect(heading(page)).toHaveText('Mis certificados');
	await tabTo(page, /^a:Constancia de CUIL$/);
	await page.keyboard.press('Enter');
	await expect(heading(page)).toHaveText('Constancia de CUIL');
	await expect(page.getByText('Firma verificada:')).toBeVisible();

	await tabTo(page, /^a:Descargar PDF$/);
	const downloading = page.waitForEvent('download');
	await page.keyboard.press('Enter');
	expect((await downloading).suggestedFilename()).toMatch(/^Constancia-de-CUIL-.+\.pdf$/);
});

test('Sofía picks a period and gets her Certificación Negativa; a backwards period is caught first', async ({
	page
}) => {
	test.setTimeout(60_000);
	const issued = recordIssued(page);
	await signInAs(page, SOFIA);
	await page.goto('/certificados');
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await page.getByRole('radio', { name: /^Certificación Negativa/ }).check();
	const desde = page.getByLabel('Desde', { exact: true });
	const hasta = page.getByLabel('Hasta', { exact: true });
	const months = await desde
		.locator('option')
		.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
	expect(months).toHaveLength(7);

	// Checked before anything is sent.
	await desde.selectOption(months[5]);
	await hasta.selectOption(months[4]);
	await page.getByRole('button', { name: 'Pedir y descargar' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('El mes de inicio tiene que ser anterior o igual al mes de fin.');
	await expectAccessible(page);

	await desde.selectOption(months[4]);
	await hasta.selectOption(months[6]);
	await page.getByRole('button', { name: 'Pedir y descargar' }).click();
	await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
	await expect(heading(page)).toHaveText('Certificación Negativa');
	await expect(page.getByText('Firma verificada:')).toBeVisible();
	await expect(page.getByRole('article')).toContainText('Sofía Abril');
	await expect(page.getByText(/Vigente hasta el \d{2}\/\d{2}/).first()).toBeVisible();
	await expectAccessible(page);

	// She revokes it (signed in minutes ago, so no clave is asked): the phone and Verificar both say so.
	await page.getByRole('button', { name: 'Anular este certificado' }).click();
	await page.getByRole('button', { name: 'Sí, anularlo' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Anulaste el certificado.' })).toBeVisible();
	await expect(page.getByText('Anulado', { exact: true })).toBeVisible();
	const kept = issued.at(-1)!;
	await page.goto(`/verificar#${kept.qr}`);
	await expect(
		page.getByRole('heading', { level: 2, name: 'Certificado auténtico, pero anulado' })
	).toBeVisible();
	await expect(
		page.getByText('ANSES informa que este certificado fue anulado: no lo aceptes.')
	).toBeVisible();
	await expectAccessible(page);
	await page.goto('/certificados');
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await expect(page.getByRole('region', { name: 'En este teléfono', exact: true })).toContainText('Anulado');
	await expect(page.getByRole('button', { name: /^Pedir uno nuevo/ })).toBeVisible();
});

type Compartido = {
	title?: string;
	text?: string;
	files: { name: string; type: string; size: number; sha256: string }[];
};

/**
 * Stands in for the phone's share sheet and printer (headless Chromium on Linux has neither). `canShare`
 * accepts files unless localStorage `e2e:compartir` says `sin-archivos` (a browser that shares only text);
 * `share` records each file's name, type, size and SHA-256, or rejects with the error named in
 * `window.rechazarCompartir`; `print` counts.
 */
async function fakeShareSheetAndPrinter(page: Page) {
	await page.addInitScript(() => {
		const w = window as unknown as {
			compartido: Compartido[];
			intentos: number;
			impresiones: number;
			rechazarCompartir?: string;
		};
		w.compartido = [];
		w.intentos = 0;
		w.impresiones = 0;
		window.print = () => void w.impresiones++;
		let archivos = true;
		try {
			archivos = localStorage.getItem('e2e:compartir') !== 'sin-archivos';
		} catch {
			/* about:blank has no storage */
		}
		Object.defineProperty(Navigator.prototype, 'canShare', {
			configurable: true,
			value: (data?: ShareData) => archivos || !data?.files?.length
		});
		Object.defineProperty(Navigator.prototype, 'share', {
			configurable: true,
			value: async (data: ShareData) => {
				w.intentos++;
				if (w.rechazarCompartir) throw new DOMException('El usuario no compartió', w.rechazarCompartir);
				const files = [];
				for (const f of data.files ?? []) {
					const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await f.arrayBuffer()));
					const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
					files.push({ name: f.name, type: f.type, size: f.size, sha256 });
				}
				w.compartido.push({ title: data.title, text: data.text, files });
			}
		});
	});
}

const sheet = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as { compartido: Compartido[]; intentos: number; impresiones: number };
		return { compartido: w.compartido, intentos: w.intentos, impresiones: w.impresiones };
	});

test('Compartir hands the share sheet exactly the kept PDF as a file; Imprimir prints; without file sharing the screen says what to do', async ({
	page,
	request
}) => {
	test.setTimeout(90_000);
	const jwks = (await (await request.get('/api/keys')).json()) as JSONWebKeySet;
	await fakeShareSheetAndPrinter(page);
	const issued = recordIssued(page);
	await signInAs(page, ROSA);
	await page.goto('/certificados');
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await pedir(page, 'Constancia de CUIL');
	await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
	await expect(page.getByText('Firma verificada:')).toBeVisible();
	const { codigo } = issued.at(-1)!;

	// The bytes the phone keeps, as «Descargar PDF» hands them over: the sealed PDF ANSES issued.
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Descargar PDF' }).click();
	const kept = fs.readFileSync((await (await downloading).path())!);
	const sealed = await verificarPdf(new Uint8Array(kept), jwks);
	expect(sealed.ok && sealed.claims.c).toBe(codigo);

	await expect(page.getByText('Este navegador no puede compartir archivos')).toHaveCount(0);
	await page.getByRole('button', { name: 'Compartir' }).click();
	await expect.poll(async () => (await sheet(page)).compartido).toHaveLength(1);
	const [shared] = (await sheet(page)).compartido;
	expect(shared.files).toEqual([
		{
			name: `Constancia-de-CUIL-${codigo}.pdf`,
			type: 'application/pdf',
			size: kept.length,
			sha256: createHash('sha256').update(kept).digest('hex')
		}
	]);
	expect(shared.title).toBe('Constancia de CUIL');
	expect(shared.text).toContain(codigo);

	// Closing the share sheet is no error; a refusal is explained.
	await page.evaluate(
		() => ((window as unknown as { rechazarCompartir: string }).rechazarCompartir = 'AbortError')
	);
	await page.getByRole('button', { name: 'Compartir' }).click();
	await expect.poll(async () => (await sheet(page)).intentos).toBe(2);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.evaluate(
		() => ((window as unknown as { rechazarCompartir: string }).rechazarCompartir = 'NotAllowedError')
	);
	await page.getByRole('button', { name: 'Compartir' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'No pudimos compartirlo. Descargá el PDF y mandalo desde tus archivos.'
	);
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Imprimir' }).click();
	await expect.poll(async () => (await sheet(page)).impresiones).toBe(1);

	// A browser that can share text but not files: no «Compartir», and the way around it instead.
	await page.evaluate(() => localStorage.setItem('e2e:compartir', 'sin-archivos'));
	await page.goto('/certificados');
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await page.getByRole('link', { name: 'Constancia de CUIL', exact: true }).click();
	await expect(page.getByText('Firma verificada:')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Compartir' })).toHaveCount(0);
	await expect(
		page.getByText(
			'Este navegador no puede compartir archivos directamente: usá «Descargar PDF» y mandalo desde tus archivos por WhatsApp o correo.'
		)
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Descargar PDF' })).toBeVisible();
	await expectAccessible(page);
	expect((await sheet(page)).intentos).toBe(0);
});

const DAY = 24 * 60 * 60 * 1000;

test('past its validity a certificate says «Vencido» and offers one of its type; offline, renewal waits for a connection', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	const PRESTACION = 'Constancia de prestación y último pago';
	await signInAs(page, ROSA);
	await page.goto('/certificados');
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await pedir(page, PRESTACION);
	await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
	const id = /\/certificados\/(\d+)/.exec(page.url())![1];
	await expect(page.getByText(/^Vigente hasta el/)).toBeVisible();

	// 45 days later by the phone's calendar (it is valid 30). The fake clock is installed before the next
	// load's scripts run, and from then on time flows from there.
	await page.clock.install({ time: Date.now() + 45 * DAY });
	await page.goto('/certificados');
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	const card = page
		.getByRole('region', { name: 'En este teléfono', exact: true })
		.getByRole('listitem')
		.filter({ has: page.getByRole('link', { name: PRESTACION, exact: true }) });
	const renovar = card.getByRole('button', { name: /^Pedir uno nuevo\s*:\s*Constancia de prestación/ });
	await expect(card).toContainText('Vencido');
	await expect(renovar).toBeVisible();
	await expectAccessible(page);

	// Its own screen says so too, and its renewal link comes back with the type chosen.
	await card.getByRole('link', { name: PRESTACION, exact: true }).click();
	await expect(heading(page)).toHaveText(PRESTACION);
	await expect(page.getByText('Vencido', { exact: true })).toBeVisible();
	await expect(page.getByText('Firma verificada:')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Pedir uno nuevo en Mis certificados' }).click();
	await expect(heading(page)).toHaveText('Mis certificados');
	await expect(page.getByRole('radio', { name: new RegExp(`^${PRESTACION}`) })).toBeChecked();

	// No connection: both screens say the renewal needs one.
	await context.setOffline(true);
	await expect(renovar).toHaveCount(0);
	await expect(card).toContainText('Con conexión vas a poder pedir uno nuevo.');
	await expectAccessible(page);
	await card.getByRole('link', { name: PRESTACION, exact: true }).click();
	await expect(page).toHaveURL(`/certificados/${id}`);
	await expect(page.getByText('Vencido', { exact: true })).toBeVisible();
	await expect(page.getByText('Con conexión vas a poder pedir uno nuevo.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Pedir uno nuevo en Mis certificados' })).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Volver a Mis certificados' }).click();

	// Back online, the list's «Pedir uno nuevo» chooses that type and the request asks for it.
	await context.setOffline(false);
	await renovar.click();
	const radio = page.getByRole('radio', { name: new RegExp(`^${PRESTACION}`) });
	await expect(radio).toBeChecked();
	await expect(radio).toBeFocused();
	const asked = page.waitForRequest(
		(r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/certificados'
	);
	await page.getByRole('button', { name: 'Pedir y descargar' }).click();
	expect((await asked).postDataJSON()).toEqual({ tipo: 'prestacion' });
	await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
	expect(/\/certificados\/(\d+)/.exec(page.url())![1]).not.toBe(id);
	await expect(heading(page)).toHaveText(PRESTACION);
	// (The server dates it by its own, real calendar: in this browser's future it is already past, too.)
});

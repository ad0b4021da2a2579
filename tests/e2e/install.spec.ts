import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { ROSA, expect, expectAccessible, signIn, test } from './fixtures';

test('el manifiesto está en castellano, enlazado y con los íconos de 192 y 512 px (también maskable)', async ({
	page,
	request
}) => {
	await page.goto('/ingresar');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = await (await request.get(new URL(href!, page.url()).href)).json();
	expect(manifest).toMatchObject({
		name: 'mi ANSES',
		short_name: 'mi ANSES',
		lang: 'es-AR',
		start_url: '/inicio',
		display: 'standalone',
		theme_color: '#242c4f',
		background_color: '#ffffff'
	});
	const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
	for (const sizes of ['192x192', '512x512'])
		for (const purpose of ['any', 'maskable']) {
			const icon = icons.find((i) => i.sizes === sizes && i.purpose === purpose);
			expect(icon, `${sizes} ${purpose}`).toBeTruthy();
			const res = await request.get(icon!.src);
			expect(res.headers()['content-type']).toMatch(/^image\/png/);
			// PNG signature.
			expect([...(await res.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
		}
	// Screenshots for the install dialog: a phone and a desktop one, each a real PNG of the size it
	// declares, with a Spanish label.
	const shots = manifest.screenshots as { src: string; sizes: string; form_factor: string; label: string }[];
	expect(new Set(shots.map((s) => s.form_factor))).toEqual(new Set(['narrow', 'wide']));
	for (const shot of shots) {
		expect(shot.label).toMatch(/[a-zá-ú]/);
		const body = await (await request.get(shot.src)).body();
		expect([...body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
		// IHDR: width and height are the big-endian words at bytes 16 and 20.
		expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`).toBe(shot.sizes);
	}
});

test('Chrome no encuentra errores de instalabilidad', async ({ browserName, baseURL }) => {
	// Playwright's usual contexts are incognito, where Chrome never installs anything ("in-incognito"):
	// this check needs a real profile, so it opens its own persistent one.
	expect(browserName).toBe('chromium');
	const profile = await mkdtemp(path.join(tmpdir(), 'mi-anses-install-'));
	const context = await chromium.launchPersistentContext(profile, {
		baseURL,
		locale: 'es-AR',
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS
	});
	try {
		const page = await context.newPage();
		await page.goto('/ingresar');
		await signIn(page, ROSA);
		await expect(page).toHaveURL('/inicio');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		await rm(profile, { recursive: true, force: true });
	}
});

test('cuando el navegador ofrece instalarla, el inicio muestra "Instalar la app"', async ({ page }) => {
	await page.goto('/ingresar');
	await signIn(page, ROSA);
	await expect(page).toHaveURL('/inicio');
	const instalar = page.getByRole('button', { name: 'Instalar la app' });
	await expect(instalar).toHaveCount(0);

	// The event Chrome fires when the app is installable, with the person accepting it.
	await page.evaluate(() => {
		const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => void ((window as unknown as { prompted: boolean }).prompted = true),
			userChoice: Promise.resolve({ outcome: 'accepted' })
		});
		window.dispatchEvent(offer);
	});
	await expect(instalar).toBeVisible();
	await expectAccessible(page);
	await instalar.click();
	expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true);
	await expect(instalar).toHaveCount(0);
});

test.describe('en un iPhone con Safari', () => {
	test.use({
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'
	});

	test('el inicio explica "Compartir → Agregar a inicio", porque Safari no ofrece instalarla', async ({
		page
	}) => {
		await page.goto('/ingresar');
		await signIn(page, ROSA);
		await expect(page).toHaveURL('/inicio');
		const ayuda = page.getByRole('region', { name: 'Tené mi ANSES en tu celular' });
		await expect(ayuda).toContainText('tocá Compartir → Agregar a inicio');
		await expect(page.getByRole('button', { name: 'Instalar la app' })).toHaveCount(0);
		await expectAccessible(page);
	});
});

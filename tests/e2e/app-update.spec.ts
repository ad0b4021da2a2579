import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ROSA, expect, expectAccessible, signIn, test } from './fixtures';

const MESSAGE = 'Hay una versión nueva de mi ANSES. Actualizá la app para seguir.';
const NEW_VERSION = 'Hay una nueva versión de mi ANSES.';

test('si la API rechaza la versión de la página, aparece el aviso de actualización y "Actualizar" recarga', async ({
	page
}) => {
	const versions: (string | undefined)[] = [];
	// One call answered as the API does for a page built for another version.
	await page.route('**/api/auth/login', async (route) => {
		versions.push(route.request().headers()['x-api-version']);
		await route.fulfill({
			status: 409,
			contentType: 'application/json',
			body: JSON.stringify({ error: { code: 'version_incompatible', message: MESSAGE } })
		});
	});
	await page.goto('/ingresar');
	await signIn(page, ROSA);

	expect(versions).toEqual(['1']);
	const banner = page.getByRole('status').filter({ hasText: MESSAGE });
	await expect(banner).toBeVisible();
	await expect(page).toHaveURL(/\/ingresar$/);
	await expectAccessible(page);

	// Non-blocking: the form is still there and usable.
	await expect(page.getByLabel('CUIL')).toBeEditable();

	const reloaded = page.waitForEvent('load');
	await banner.getByRole('button', { name: 'Actualizar' }).click();
	await reloaded;
	await expect(page.getByText(MESSAGE)).toHaveCount(0);
});

test('la página dice a la API para qué versión fue hecha', async ({ page }) => {
	const sessionCheck = page.waitForRequest('**/api/auth/session');
	await page.goto('/inicio');
	expect((await sessionCheck).headers()['x-api-version']).toBe('1');
});

test('con una versión nueva publicada, aparece "Actualizar", y al aceptarla la app nueva toma el control y recarga una sola vez', async ({
	page
}) => {
	// A new build is, to the browser, a byte-different /sw.js (new precache revisions). Writing one into
	// build/ while wrangler dev serves it is exactly what a deploy does; the original is put back after.
	const swPath = fileURLToPath(new URL('../../build/sw.js', import.meta.url));
	const original = readFileSync(swPath, 'utf8');
	try {
		await page.goto('/verificar');
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.reload();
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await expect(page.getByText(NEW_VERSION)).toHaveCount(0);

		writeFileSync(swPath, `${original}\n// versión nueva: ${Date.now()}\n`);
		// The browser looks for a new worker on navigation; ask now instead of waiting.
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

		const banner = page.getByRole('status').filter({ hasText: NEW_VERSION });
		await expect(banner).toBeVisible({ timeout: 15_000 });
		await expectAccessible(page);
		// Non-blocking: the screen under it still works.
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

		let loads = 0;
		page.on('load', () => loads++);
		await banner.getByRole('button', { name: 'Actualizar' }).click();
		await expect.poll(() => loads, { timeout: 15_000 }).toBe(1);
		await expect(page.getByText(NEW_VERSION)).toHaveCount(0);
		// The new worker controls the page and nothing is left waiting.
		const state = await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.getRegistration();
			return { waiting: !!reg?.waiting, controlled: !!navigator.serviceWorker.controller };
		});
		expect(state).toEqual({ waiting: false, controlled: true });
		// And it stays at one reload: no loop.
		await page.waitForTimeout(1_000);
		expect(loads).toBe(1);
	} finally {
		writeFileSync(swPath, original);
	}
});

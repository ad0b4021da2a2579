import { ROSA, expect, expectAccessible, signIn, test } from './fixtures';

const MESSAGE = 'Hay una versión nueva de mi ANSES. Actualizá la app para seguir.';

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

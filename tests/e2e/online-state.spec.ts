import { ROSA, expect, expectAccessible, signIn, test } from './fixtures';

const BANNER = 'Sin conexión. Ves los últimos datos guardados; lo que necesita internet está desactivado.';

test('sin conexión, la pantalla de ingreso lo avisa y desactiva "Ingresar" diciendo por qué', async ({
	page,
	context
}) => {
	await page.goto('/ingresar');
	const ingresar = page.getByRole('button', { name: 'Ingresar', exact: true });
	await expect(ingresar).toBeEnabled();
	await expect(page.getByText(BANNER)).toHaveCount(0);

	await context.setOffline(true);
	await expect(page.getByRole('status').filter({ hasText: BANNER })).toBeVisible();
	await expect(ingresar).toBeDisabled();
	await expect(ingresar).toHaveAccessibleDescription(/Sin conexión no podés hacer esto/);
	await expectAccessible(page);

	await context.setOffline(false);
	await expect(page.getByText(BANNER)).toHaveCount(0);
	await expect(ingresar).toBeEnabled();
});

test('sin conexión, cambiar la clave queda desactivado con el motivo, y vuelve con la conexión', async ({
	page,
	context
}) => {
	await page.goto('/ingresar');
	await signIn(page, ROSA);
	await expect(page).toHaveURL('/inicio');
	await page.goto('/clave/cambiar');
	const cambiar = page.getByRole('button', { name: 'Cambiar clave' });
	await expect(cambiar).toBeEnabled();

	await context.setOffline(true);
	await expect(page.getByRole('status').filter({ hasText: BANNER })).toBeVisible();
	await expect(cambiar).toBeDisabled();
	await expect(cambiar).toHaveAccessibleDescription(/Sin conexión no podés hacer esto/);
	await expectAccessible(page);

	await context.setOffline(false);
	await expect(page.getByText(BANNER)).toHaveCount(0);
	await expect(cambiar).toBeEnabled();
});

test('sin conexión, agregar una llave de acceso queda desactivado con el motivo', async ({
	page,
	context
}) => {
	await page.goto('/ingresar');
	await signIn(page, ROSA);
	await expect(page).toHaveURL('/inicio');
	await page.goto('/clave/passkeys');
	const agregar = page.getByRole('button', { name: 'Agregar una llave de acceso' });
	await expect(agregar).toBeEnabled();

	await context.setOffline(true);
	await expect(agregar).toBeDisabled();
	await expect(agregar).toHaveAccessibleDescription(/Sin conexión no podés hacer esto/);
	await expectAccessible(page);

	await context.setOffline(false);
	await expect(agregar).toBeEnabled();
});

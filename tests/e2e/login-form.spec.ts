import { DAIANA, expect, expectAccessible, test } from './fixtures';

test('la pantalla de ingreso se entiende con lector de pantalla y cumple WCAG 2.2 AA', async ({ page }) => {
	await page.goto('/ingresar');

	await expect(page).toHaveTitle('Ingresar — mi ANSES');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es-AR');
	await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingresá a mi ANSES');
	const cuil = page.getByLabel('CUIL');
	await expect(cuil).toHaveAttribute('inputmode', 'numeric');
	await expect(cuil).toHaveAttribute('autocomplete', 'username webauthn');
	await expect(cuil).toHaveAccessibleDescription(
		'Son 11 números. Lo encontrás en tu DNI o en tu constancia de CUIL.'
	);
	const clave = page.getByLabel('Clave de Seguridad Social');
	await expect(clave).toHaveAttribute('type', 'password');
	await expect(clave).toHaveAttribute('autocomplete', 'current-password');
	await expect(clave).not.toHaveAttribute('maxlength', /.*/);
	await expect(page.getByRole('link', { name: '¿Olvidaste tu clave?' })).toHaveAttribute(
		'href',
		'/clave/olvide'
	);
	await expect(page.getByRole('link', { name: 'Creala con tu CUIL y tu DNI' })).toBeVisible();
	await expectAccessible(page);
});

test('el botón "Mostrar clave" muestra y vuelve a ocultar la clave', async ({ page }) => {
	await page.goto('/ingresar');
	const clave = page.getByLabel('Clave de Seguridad Social');
	await clave.fill('una clave');

	const show = page.getByRole('button', { name: 'Mostrar clave' });
	await expect(show).toHaveAttribute('aria-pressed', 'false');
	await expect(show).toHaveAttribute('aria-controls', 'clave');
	await show.click();

	await expect(clave).toHaveAttribute('type', 'text');
	const hide = page.getByRole('button', { name: 'Ocultar clave' });
	await expect(hide).toHaveAttribute('aria-pressed', 'true');
	await expect(clave).toHaveValue('una clave');
	await hide.click();
	await expect(clave).toHaveAttribute('type', 'password');
});

test('se puede ingresar solo con el teclado', async ({ page }) => {
	await page.goto('/ingresar');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Saltar al contenido' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('main')).toBeFocused();

	await page.keyboard.press('Tab');
	await expect(page.getByLabel('CUIL')).toBeFocused();
	await page.keyboard.type(DAIANA.cuil.replaceAll('-', ''));
	await expect(page.getByLabel('CUIL')).toHaveValue(DAIANA.cuil);

	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Clave de Seguridad Social')).toBeFocused();
	await page.keyboard.type(DAIANA.clave);

	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Mostrar clave' })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Ingresar', exact: true })).toBeFocused();
	await page.keyboard.press('Enter');

	await expect(page).toHaveURL('/inicio');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText(`Hola, ${DAIANA.nombres}`);
	await expect(heading).toBeFocused();
});

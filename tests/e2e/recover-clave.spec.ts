import { expect, expectAccessible, test } from './fixtures';

test('quien olvidó su clave encuentra cómo recuperarla hoy y vuelve a ingresar', async ({ page }) => {
	await page.goto('/ingresar');
	await page.getByRole('link', { name: '¿Olvidaste tu clave?' }).click();

	await expect(page).toHaveURL('/clave/olvide');
	await expect(page).toHaveTitle('Recuperar tu clave — mi ANSES');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('¿Olvidaste tu Clave de Seguridad Social?');
	await expect(heading).toBeFocused();
	await expect(page.getByRole('main')).toContainText('UDAI');
	await expect(page.getByRole('main')).toContainText('DNI');
	await expect(page.getByRole('main')).toContainText('turno');
	await expect(page.getByRole('main')).toContainText('Olvidé mi clave');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Volver a Ingresar' }).click();
	await expect(page).toHaveURL('/ingresar');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingresá a mi ANSES');
});

import { expect, expectAccessible, test } from './fixtures';

test('quien olvidó su clave llega a recuperarla desde la app, ve que también puede ir a una oficina y vuelve a Ingresar', async ({
	page
}) => {
	await page.goto('/ingresar');
	await page.getByRole('link', { name: '¿Olvidaste tu clave?' }).click();

	await expect(page).toHaveURL('/clave/olvide');
	await expect(page).toHaveTitle('Recuperar tu clave — mi ANSES');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('¿Olvidaste tu Clave de Seguridad Social?');
	await expect(heading).toBeFocused();
	await expect(page.getByLabel('CUIL')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Continuar' })).toBeVisible();
	const office = page.getByRole('region', { name: 'Si preferís, en una oficina de ANSES' });
	await expect(office).toContainText('UDAI');
	await expect(office).toContainText('DNI');
	await expect(office).toContainText('turno');
	await expectAccessible(page);

	// A CUIL that is not one: said before anything is sent.
	await page.getByLabel('CUIL').fill('20-12345678-0');
	await page.getByRole('button', { name: 'Continuar' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText([
		'Revisá el CUIL: el último número no coincide con los anteriores.'
	]);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Volver a Ingresar' }).click();
	await expect(page).toHaveURL('/ingresar');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingresá a mi ANSES');
});

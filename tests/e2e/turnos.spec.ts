import { DAIANA, expect, expectAccessible, signIn, test } from './fixtures';

/** Daiana (nivel 2) books "Validación de identidad (nivel 3)" at an office, sees it and cancels it. */
test('book an appointment at an office and cancel it', async ({ page }) => {
	await page.goto('/ingresar');
	await signIn(page, DAIANA);
	await expect(page).toHaveURL('/inicio');
	await page.getByRole('main').getByRole('link', { name: 'Turnos', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Turnos en una oficina');
	await expect(page.getByText('No tenés turnos reservados.')).toBeVisible();
	await expectAccessible(page);

	await page
		.getByLabel('Oficina')
		.selectOption({ label: 'Tucumán: UDAI San Miguel de Tucumán, Av. Sarmiento 350' });
	await expect(page.getByText('Atiende de lunes a viernes de 07:30 a 13:00.')).toBeVisible();
	await page.getByLabel('Día').selectOption({ index: 3 });
	const slots = page.getByRole('group', { name: 'Horario' });
	await expect(slots).toBeVisible();
	await slots.getByRole('radio').first().check();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Reservar turno' }).click();

	await expect(page.getByRole('status')).toContainText('Reservaste tu turno');
	const turno = page.getByRole('listitem').filter({ hasText: 'Validación de identidad (nivel 3)' });
	await expect(turno).toContainText('UDAI San Miguel de Tucumán');
	await expect(page.getByRole('heading', { name: 'Reservar un turno' })).toHaveCount(0);
	await expectAccessible(page);

	await turno.getByRole('button', { name: /Cancelar/ }).click();
	await expect(page.getByRole('status')).toContainText('Cancelaste el turno.');
	await expect(page.getByText('No tenés turnos reservados.')).toBeVisible();
	await expectAccessible(page);
});

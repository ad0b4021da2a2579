import { MARTIN, expect, expectAccessible, test } from './fixtures';

test('enviar el formulario vacío muestra el resumen de errores, enfocado y enlazado a cada campo', async ({
	page
}) => {
	await page.goto('/ingresar');
	await page.getByRole('button', { name: 'Ingresar', exact: true }).click();

	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	await expect(page).toHaveTitle('Error: Ingresar — mi ANSES');

	const cuil = page.getByLabel('CUIL');
	const clave = page.getByLabel('Clave de Seguridad Social');
	await expect(cuil).toHaveAttribute('aria-invalid', 'true');
	await expect(clave).toHaveAttribute('aria-invalid', 'true');
	await expect(cuil).toHaveAccessibleDescription(/Escribí tu CUIL\./);
	await expect(clave).toHaveAccessibleDescription(/Escribí tu Clave de Seguridad Social\./);
	await expectAccessible(page);

	await summary.getByRole('link', { name: 'Escribí tu Clave de Seguridad Social.' }).click();
	await expect(clave).toBeFocused();
	await summary.getByRole('link', { name: 'Escribí tu CUIL.' }).click();
	await expect(cuil).toBeFocused();
});

test('un CUIL incompleto se avisa antes de consultar al servidor', async ({ page }) => {
	let loginCalls = 0;
	page.on('request', (r) => {
		if (r.url().endsWith('/api/auth/login')) loginCalls++;
	});
	await page.goto('/ingresar');
	await page.getByLabel('CUIL').fill('2705123');
	await page.getByLabel('Clave de Seguridad Social').fill('cualquiera');
	await page.getByRole('button', { name: 'Ingresar', exact: true }).click();

	await expect(page.getByRole('alert')).toContainText('El CUIL tiene que tener 11 números.');
	expect(loginCalls).toBe(0);
});

test('una clave equivocada muestra "El CUIL o la clave no son correctos" en el resumen', async ({ page }) => {
	await page.goto('/ingresar');
	await page.getByLabel('CUIL').fill(MARTIN.cuil);
	await page.getByLabel('Clave de Seguridad Social').fill('Tornillo.Rojo-58');
	await page.getByRole('button', { name: 'Ingresar', exact: true }).click();

	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toContainText('El CUIL o la clave no son correctos');
	await expect(summary).toBeFocused();
	await expect(page).toHaveURL('/ingresar');
	await expect(page.getByRole('button', { name: 'Ingresar', exact: true })).toBeEnabled();
	await expectAccessible(page);
});

test('el CUIL se formatea mientras se escribe y avisa si el último número no coincide', async ({ page }) => {
	await page.goto('/ingresar');
	const cuil = page.getByLabel('CUIL');

	await cuil.pressSequentially('20172543596');
	await expect(cuil).toHaveValue('20-17254359-6');
	await expect(page.getByText('Revisá el CUIL: el último número no coincide')).toBeVisible();
	await expect(cuil).toHaveAccessibleDescription(/el último número no coincide/);

	await cuil.press('Backspace');
	await expect(cuil).toHaveValue('20-17254359');
	await expect(page.getByText('Revisá el CUIL: el último número no coincide')).toHaveCount(0);
	await cuil.press('7');
	await expect(cuil).toHaveValue('20-17254359-7');
	await expect(page.getByText('El CUIL es válido')).toBeVisible();
	await expectAccessible(page);
});

test('corregir un número en el medio del CUIL deja el cursor en su lugar', async ({ page }) => {
	await page.goto('/ingresar');
	const cuil = page.getByLabel('CUIL');
	await cuil.pressSequentially('20172543597');

	// Caret after "20-1": delete the 1, type 3 there.
	await cuil.evaluate((input: HTMLInputElement) => input.setSelectionRange(4, 4));
	await cuil.press('Backspace');
	await expect(cuil).toHaveValue('20-72543597');
	await cuil.press('1');
	await expect(cuil).toHaveValue('20-17254359-7');
	expect(await cuil.evaluate((input: HTMLInputElement) => input.selectionStart)).toBe(4);

	// Backspace right after a dash deletes the digit before it, not just the dash.
	await cuil.evaluate((input: HTMLInputElement) => input.setSelectionRange(3, 3));
	await cuil.press('Backspace');
	await expect(cuil).toHaveValue('21-72543597');
});

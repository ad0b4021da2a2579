import { ROSA, expect, expectAccessible, signIn, test } from './fixtures';

test('una jubilada ingresa, ve sus datos, sigue adentro al recargar y al salir su sesión se cierra', async ({
	page
}) => {
	await page.goto('/');
	await expect(page).toHaveURL('/ingresar');
	await expect(page).toHaveTitle('Ingresar — mi ANSES');

	await signIn(page, ROSA);

	await expect(page).toHaveURL('/inicio');
	await expect(page).toHaveTitle('Inicio — mi ANSES');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('Hola, Rosa Beatriz');
	await expect(heading).toBeFocused();
	const datos = page.getByRole('region', { name: 'Tus datos' });
	await expect(datos).toContainText('Rosa Beatriz Fernández');
	await expect(datos).toContainText('27-05123456-7');
	await expect(datos).toContainText('nivel 2');
	await expect(page.getByRole('heading', { level: 3 })).toHaveCount(9);
	// Every section leads somewhere now; none says "Muy pronto".
	// The vault's offer comes first (nothing is kept on this phone yet), then every section.
	await expect(page.getByRole('main').getByRole('link')).toHaveText([
		'Crear PIN',
		'Mis prestaciones',
		'Cobros',
		'Historia laboral y aportes',
		'Trámites',
		'Presentar documentación',
		'Certificados y constancias',
		'Gestión de Clave',
		'Mis datos',
		'Turnos'
	]);
	await expect(page.getByText('Muy pronto')).toHaveCount(0);
	await expectAccessible(page);

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Rosa Beatriz');
	await expect(page.getByRole('region', { name: 'Tus datos' })).toContainText('27-05123456-7');

	await page.getByRole('banner').getByRole('button', { name: 'Salir' }).click();

	await expect(page).toHaveURL('/ingresar');
	await expect(page.getByRole('status').filter({ hasText: 'Saliste de mi ANSES.' })).toBeVisible();
	await expect(page.getByRole('banner').getByRole('button', { name: 'Salir' })).toHaveCount(0);
	await expectAccessible(page);

	await page.goto('/inicio');
	await expect(page).toHaveURL('/ingresar?volver=%2Finicio');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingresá a mi ANSES');
});

test('quien ya ingresó y abre la dirección principal va directo al inicio, y puede salir desde ahí', async ({
	page
}) => {
	await page.goto('/ingresar');
	await signIn(page, ROSA);
	await expect(page).toHaveURL('/inicio');

	await page.goto('/');
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Rosa Beatriz');

	await page.getByRole('main').getByRole('button', { name: 'Salir de mi ANSES' }).click();
	await expect(page).toHaveURL('/ingresar');
	await expect(page.getByRole('status').filter({ hasText: 'Saliste de mi ANSES.' })).toBeVisible();
	await page.goto('/');
	await expect(page).toHaveURL('/ingresar');
});

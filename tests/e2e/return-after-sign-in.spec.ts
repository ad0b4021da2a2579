import { ROSA, expect, signIn, test } from './fixtures';

test('una pantalla privada pide ingresar y, después de ingresar, vuelve a la misma dirección', async ({
	page
}) => {
	await page.goto('/inicio?x=1');

	await expect(page).toHaveURL('/ingresar?volver=%2Finicio%3Fx%3D1');
	await signIn(page, ROSA);

	await expect(page).toHaveURL('/inicio?x=1');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Rosa Beatriz');
});

for (const volver of ['//example.com/', '/\\example.com/', 'https://example.com/']) {
	test(`"volver" nunca lleva a otro sitio (${volver})`, async ({ page }) => {
		await page.goto(`/ingresar?volver=${encodeURIComponent(volver)}`);
		await signIn(page, ROSA);

		await expect(page).toHaveURL('/inicio');
	});
}

import type { Page } from '@playwright/test';
import { GRACIELA, ROSA, SOFIA, createVault, expect, expectAccessible, signIn, test } from './fixtures';

/**
 * Aplicaciones corporativas (issue 8, point 4): a representative with nivel 3 certifies the services and
 * pay of a former employee, who then downloads it as a certificate; a nivel-2 person never sees it.
 */
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const TITULO = 'Certificación de Servicios y Remuneraciones';

async function signOut(page: Page) {
	await page.getByRole('banner').getByRole('button', { name: 'Salir' }).click();
	await expect(page).toHaveURL('/ingresar');
}

test('la representante certifica los servicios de una ex empleada, y ella descarga el certificado', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/ingresar');
	await signIn(page, GRACIELA);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByText('Clave nivel 3', { exact: true })).toBeVisible();
	const section = page.getByRole('region', { name: 'Aplicaciones corporativas' });
	await expect(section).toBeVisible();
	await expectAccessible(page);
	await section.getByRole('link', { name: 'Aplicaciones corporativas' }).click();
	await expect(page).toHaveURL('/corporativas');
	await expect(heading(page)).toHaveText('Aplicaciones corporativas');
	await expect(page.getByRole('region', { name: 'Empleadores que representás' })).toContainText(
		'Supermercados del Litoral S.A., CUIT 30-69410287-1'
	);
	await expectAccessible(page);

	// By keyboard: the CUIL, then Enter. A mistyped CUIL is caught before asking.
	const cuil = page.getByLabel('CUIL de la persona');
	await cuil.focus();
	await page.keyboard.type('27490123450');
	await page.keyboard.press('Enter');
	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('el último número no coincide');
	await expectAccessible(page);
	await cuil.fill(SOFIA.cuil);
	await cuil.press('Enter');
	const ficha = page.getByRole('heading', { level: 3, name: 'Sofía Abril Benítez' });
	await expect(ficha).toBeFocused();
	await expect(page.getByRole('main')).toContainText(
		'Trabajó en Supermercados del Litoral S.A. desde abril de 2025 hasta marzo de 2026'
	);
	// Prefilled from the declared aportes, one row per month of the job.
	const rows = page.getByRole('table', { name: 'Remuneraciones mensuales, en pesos' }).locator('tbody tr');
	await expect(rows).toHaveCount(12);
	const marzo = page.getByLabel('marzo de 2026');
	await expect(marzo).not.toHaveValue('');
	await expectAccessible(page);

	// A correction, and an amount that is not one: refused here, linked to its field.
	await marzo.fill('1.980.500,50');
	await page.getByLabel('abril de 2025').fill('mucho');
	await page.getByRole('button', { name: 'Certificar servicios y remuneraciones' }).click();
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Escribí la remuneración de abril de 2025');
	await expect(summary).toContainText('confirmar que los datos son correctos');
	await expectAccessible(page);
	await summary.getByRole('link', { name: /abril de 2025/ }).click();
	await expect(page.getByLabel('abril de 2025')).toBeFocused();
	await page.keyboard.press('Control+A');
	await page.keyboard.type('1.210.000');
	await page.getByRole('checkbox', { name: /Declaro bajo juramento/ }).focus();
	await page.keyboard.press('Space');
	await page.getByRole('button', { name: 'Certificar servicios y remuneraciones' }).press('Enter');
	const done = page.getByRole('heading', { name: 'Listo: certificaste los servicios' });
	await expect(done).toBeFocused();
	await expect(page.getByRole('status')).toContainText('Sofía Abril Benítez');
	await expect(page.getByRole('status')).toContainText('de abril de 2025 a marzo de 2026: 12 meses');
	await expect(page.getByRole('region', { name: 'Certificaciones que hiciste' })).toContainText(
		'Sofía Abril Benítez'
	);
	await expectAccessible(page);
	await signOut(page);

	// Sofía, nivel 2, signs in: her employer's certification is in Mis certificados.
	await signIn(page, SOFIA);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByRole('region', { name: 'Aplicaciones corporativas' })).toHaveCount(0);
	await createVault(page);
	await page.getByRole('link', { name: 'Certificados y constancias' }).click();
	await expect(heading(page)).toHaveText('Mis certificados');
	const deEmpleadores = page.getByRole('region', { name: 'Certificados por tus empleadores' });
	await expect(deEmpleadores).toContainText('Supermercados del Litoral S.A., abril de 2025 a marzo de 2026');
	// Not offered among the ones a person asks for on their own.
	await expect(page.getByRole('radio', { name: new RegExp(`^${TITULO}`) })).toHaveCount(0);
	await expectAccessible(page);
	await deEmpleadores
		.getByRole('button', {
			name: new RegExp(`^Pedir y descargar\\s*: ${TITULO} de Supermercados del Litoral`)
		})
		.click();
	await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
	await expect(heading(page)).toHaveText(TITULO);
	await expect(page.getByText('Firma verificada:')).toBeVisible();
	const documento = page.getByRole('article');
	await expect(documento).toContainText('Supermercados del Litoral S.A., CUIT 30-69410287-1');
	await expect(documento).toContainText('Graciela Beatriz Paredes');
	await expect(documento.getByRole('table')).toContainText('$ 1.980.500,50');
	await expectAccessible(page);
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Descargar PDF' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/\.pdf$/);
	const bytes = await (await download.createReadStream()).toArray();
	expect(Buffer.concat(bytes).subarray(0, 5).toString()).toBe('%PDF-');
});

test('una persona con clave nivel 2 no ve las aplicaciones corporativas', async ({ page }) => {
	const calls: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/api/corporativas')) calls.push(r.url());
	});
	await page.goto('/ingresar');
	await signIn(page, ROSA);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByText('Clave nivel 2', { exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Aplicaciones corporativas' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Aplicaciones corporativas' })).toHaveCount(0);
	// Typed by hand, the address explains how to get nivel 3 and asks the API nothing.
	await page.goto('/corporativas');
	await expect(heading(page)).toHaveText('Aplicaciones corporativas');
	await expect(page.getByText('Tu clave es nivel 2.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Pedir un turno' })).toHaveAttribute('href', '/turnos');
	await expectAccessible(page);
	expect(calls).toEqual([]);
});

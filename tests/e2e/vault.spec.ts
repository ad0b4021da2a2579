import type { Page } from '@playwright/test';
import {
	DAIANA,
	ROSA,
	VAULT_PIN,
	createVault,
	expect,
	expectAccessible,
	rawIndexedDb,
	signIn,
	test,
	unlockVault
} from './fixtures';

/**
 * The vault (issue 7, point 5): what the phone keeps is sealed under a key that only the PIN or the
 * passkey's PRF unlocks. Each test starts with a fresh browser profile, so its IndexedDB is empty.
 */

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function signInAs(page: Page, account: { cuil: string; clave: string }) {
	await page.goto('/ingresar');
	await signIn(page, account);
	await expect(page).toHaveURL('/inicio');
}

async function openMisDatos(page: Page) {
	await page.getByRole('main').getByRole('link', { name: 'Mis datos', exact: true }).click();
	await expect(heading(page)).toHaveText('Mis datos');
}

test('Rosa creates a PIN, locks, unlocks with it, and IndexedDB holds nothing readable', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await signInAs(page, ROSA);
	// Before the vault exists, Inicio offers it; nothing personal is written meanwhile.
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Crear PIN' }).click();
	await expect(heading(page)).toHaveText('Protegé tus datos en este teléfono');
	await expectAccessible(page);

	// Two different PINs are caught, with the summary first.
	await page.getByLabel('PIN nuevo').fill('123456');
	await page.getByLabel('Repetí el PIN').fill('123457');
	await page.getByRole('button', { name: 'Crear PIN' }).click();
	await expect(page.getByRole('alert')).toContainText('Los dos PIN no son iguales');
	await expectAccessible(page);
	await page.getByLabel('PIN nuevo').fill(VAULT_PIN);
	await page.getByLabel('Repetí el PIN').fill(VAULT_PIN);
	await page.getByRole('button', { name: 'Crear PIN' }).click();
	await expect(heading(page)).toHaveText('Listo, creaste tu PIN');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Ahora no' }).click();
	await expect(heading(page)).toHaveText(/^Hola/);

	// Screens now keep their data, sealed.
	await openMisDatos(page);
	await expect(page.getByText('27-05123456-7').first()).toBeVisible();
	await page.getByRole('link', { name: 'Inicio' }).click();
	await page.getByRole('main').getByRole('link', { name: 'Mis prestaciones' }).click();
	await expect(page.getByRole('heading', { name: /Jubilación/ }).first()).toBeVisible();
	const raw = await rawIndexedDb(page);
	expect(raw.counts.snapshots).toBeGreaterThanOrEqual(2);
	expect(raw.counts.vault).toBe(1);
	for (const plain of ['Rosa', 'Beatriz', '27051234567', '05123456', 'Jubilaci', '%PDF', VAULT_PIN])
		expect(raw.text, `texto plano: ${plain}`).not.toContain(plain);

	// "Bloquear": offline, the saved data is not shown until the PIN opens it.
	await page.getByRole('button', { name: 'Bloquear' }).click();
	await expect(page.getByText('Tus datos guardados en este teléfono están bloqueados.')).toBeVisible();
	await expectAccessible(page);
	await context.setOffline(true);
	await page.getByRole('link', { name: 'Inicio' }).click();
	await openMisDatosOffline(page);
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await expect(heading(page)).toHaveText('Mis datos');
	await expect(page.getByText(/^Sin conexión\. Datos al/)).toBeVisible();
	await expect(page.getByText('27-05123456-7').first()).toBeVisible();
	await context.setOffline(false);
});

async function openMisDatosOffline(page: Page) {
	await page.getByRole('main').getByRole('link', { name: 'Mis datos', exact: true }).click();
	await expect(page.getByText(/tus datos guardados en este teléfono están bloqueados/)).toBeVisible();
	await expect(page.getByText('27-05123456-7')).toHaveCount(0);
	await expectAccessible(page);
}

test('five wrong PINs erase what this phone keeps about the person, even across a reload', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signInAs(page, ROSA);
	await createVault(page);
	await openMisDatos(page);
	await page.getByRole('button', { name: 'Bloquear' }).click();
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await expect(heading(page)).toHaveText('Desbloqueá tus datos');
	await expectAccessible(page);

	for (const [i, left] of [
		[1, 'Te quedan 4 intentos'],
		[2, 'Te quedan 3 intentos'],
		[3, 'Te quedan 2 intentos']
	] as const) {
		await page.getByLabel('PIN', { exact: true }).fill(`00000${i}`);
		await page.getByRole('button', { name: 'Desbloquear', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText(left);
	}
	await expectAccessible(page);
	// A reload forgets nothing: the count lives in IndexedDB.
	await page.reload();
	await page.getByLabel('PIN', { exact: true }).fill('000004');
	await page.getByRole('button', { name: 'Desbloquear', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Te queda 1 intento');
	await page.getByLabel('PIN', { exact: true }).fill('000005');
	await page.getByRole('button', { name: 'Desbloquear', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'borramos de este teléfono' })).toBeVisible();
	await expect(heading(page)).toHaveText('Protegé tus datos en este teléfono');
	await expectAccessible(page);
	const raw = await rawIndexedDb(page);
	expect(raw.counts).toEqual({ snapshots: 0, certificados: 0, vault: 0, outbox: 0 });
});

test('right PINs never add up to a wipe, even with a reload right after each unlock', async ({ page }) => {
	test.setTimeout(180_000);
	await signInAs(page, ROSA);
	await createVault(page);
	// More cycles than there are tries: if a right PIN's reset were lost to the reload, this would wipe.
	for (let i = 0; i < 6; i++) {
		await page.goto('/mis-datos');
		await page.getByRole('link', { name: 'Desbloquear' }).first().click();
		await unlockVault(page);
	}
	await page.goto('/mis-datos');
	await page.getByRole('link', { name: 'Desbloquear' }).first().click();
	await expect(heading(page)).toHaveText('Desbloqueá tus datos');
	await unlockVault(page);
});

test('signing out locks the vault or erases everything, as the person chooses', async ({ page }) => {
	test.setTimeout(120_000);
	await signInAs(page, ROSA);
	await createVault(page);
	await openMisDatos(page);

	await page.getByRole('banner').getByRole('button', { name: 'Salir' }).click();
	await expect(heading(page)).toHaveText('Antes de salir');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Dejarlos en este teléfono, bloqueados' }).click();
	await expect(page).toHaveURL('/ingresar');

	// Back in: the data is there but locked until the PIN.
	await signIn(page, ROSA);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByText('Tus datos guardados en este teléfono están bloqueados.')).toBeVisible();
	expect((await rawIndexedDb(page)).counts.snapshots).toBeGreaterThan(0);
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await expect(heading(page)).toHaveText(/^Hola/);

	await page.getByRole('main').getByRole('button', { name: 'Salir de mi ANSES' }).click();
	await page.getByRole('button', { name: 'Borrar todo de este teléfono' }).click();
	await expect(page).toHaveURL('/ingresar');
	expect((await rawIndexedDb(page)).counts).toEqual({ snapshots: 0, certificados: 0, vault: 0, outbox: 0 });
});

test('the vault locks itself after the set time in the background', async ({ page }) => {
	await signInAs(page, ROSA);
	await createVault(page);
	// Test-only shortening (can only make it sooner): localStorage `mia:bloqueo-ms`.
	await page.evaluate(() => localStorage.setItem('mia:bloqueo-ms', '50'));
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await expect(page.getByText('Tus datos guardados en este teléfono están bloqueados.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Bloquear' })).toHaveCount(0);
});

test('with a PRF-capable passkey, Daiana unlocks without the PIN', async ({ page }) => {
	test.setTimeout(120_000);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			ctap2Version: 'ctap2_1',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			hasPrf: true,
			automaticPresenceSimulation: true
		}
	});
	await signInAs(page, DAIANA);
	const offer = page.getByRole('region', { name: /Ingresá más rápido/ });
	await offer.getByRole('button', { name: 'Crear llave de acceso' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Listo: creaste tu llave de acceso' })
	).toBeVisible();

	await page.getByRole('link', { name: 'Crear PIN' }).click();
	await page.getByLabel('PIN nuevo').fill(VAULT_PIN);
	await page.getByLabel('Repetí el PIN').fill(VAULT_PIN);
	await page.getByRole('button', { name: 'Crear PIN' }).click();
	await page.getByRole('button', { name: 'Usar mi llave de acceso' }).click();
	await expect(heading(page)).toHaveText(/^Hola/);
	await openMisDatos(page);
	expect((await rawIndexedDb(page)).counts.vault).toBe(2);

	// Reload: memory is gone, the vault is locked; the passkey opens it, offline.
	await page.reload();
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await page.context().setOffline(true);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Desbloquear con tu llave de acceso' }).click();
	await expect(heading(page)).toHaveText('Mis datos');
	await expect(page.getByText('27-38765432-7').first()).toBeVisible();
	await expect(page.getByRole('button', { name: 'Bloquear' })).toBeVisible();
	await page.context().setOffline(false);
});

import type { Page } from '@playwright/test';
import { buildCbu } from '../../src/lib/domain/cbu';
import { DAIANA, expect, expectAccessible, signIn, test } from './fixtures';

/**
 * Issue 8, step-up: changing the CBU where a benefit is paid needs nivel 3 or a passkey sign-in in the
 * last 5 minutes. After a clave sign-in a nivel-2 person is refused with the plain explanation; after
 * creating a passkey and signing in with it, the same change is accepted.
 */
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const NUEVO_CBU = buildCbu('285', '0590', '3876543200099');

/** Chromium's virtual authenticator (DevTools protocol) stands in for the phone's fingerprint sensor. */
async function addAuthenticator(page: Page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true
		}
	});
}

/** The virtual authenticator answers autofill at once: to use the button, say there is no autofill. */
async function noAutofill(page: Page) {
	await page.evaluate(() => {
		Object.defineProperty(window.PublicKeyCredential, 'isConditionalMediationAvailable', {
			configurable: true,
			writable: true,
			value: async () => false
		});
	});
}

async function pedirCambioDeCbu(page: Page) {
	await page.goto('/tramites/nuevo/actualizacion_cbu');
	await expect(heading(page)).toHaveText('Actualización de CBU');
	await page.getByLabel('Prestación').selectOption({ index: 1 });
	await page.getByLabel('CBU de la cuenta').fill(NUEVO_CBU);
	await page.getByRole('button', { name: 'Enviar el trámite' }).click();
}

test('el cambio de CBU se rechaza tras ingresar con la clave y se acepta tras ingresar con una llave de acceso', async ({
	page
}) => {
	test.setTimeout(120_000);
	await addAuthenticator(page);
	await page.goto('/ingresar');
	await signIn(page, DAIANA);
	await expect(page).toHaveURL('/inicio');

	// 1. Clave, nivel 2: refused, and told why and what to do, in plain words.
	await pedirCambioDeCbu(page);
	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('llave de acceso (passkey) en los últimos 5 minutos');
	await expect(summary).toContainText('nivel 3');
	await expect(summary).toContainText('pedí un turno');
	await expect(page).toHaveURL('/tramites/nuevo/actualizacion_cbu');
	await expectAccessible(page);

	// 2. She creates a passkey from Inicio's offer (her clave sign-in is recent enough for that).
	await page.goto('/inicio');
	const offer = page.getByRole('region', { name: /Ingresá más rápido/ });
	await offer.getByRole('button', { name: 'Crear llave de acceso' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Listo: creaste tu llave de acceso' })
	).toBeVisible();

	// 3. Out, and in again with the passkey only.
	await noAutofill(page);
	await page.getByRole('banner').getByRole('button', { name: 'Salir' }).click();
	await expect(page).toHaveURL('/ingresar');
	await page.getByRole('button', { name: 'Ingresar con llave de acceso (passkey)' }).click();
	await expect(page).toHaveURL('/inicio');
	await expect(heading(page)).toHaveText('Hola, Daiana Soledad');

	// 4. The same change is accepted now.
	await pedirCambioDeCbu(page);
	await expect(page).toHaveURL(/\/tramites\/\d+\?iniciado$/);
	await expect(heading(page)).toHaveText('Actualización de CBU');
	await expect(page.getByText('Iniciaste el trámite.')).toBeVisible();
	await expectAccessible(page);

	// Leave her account as the other journeys expect it (no passkey): the last one can be removed now,
	// from this passkey session.
	await page.goto('/clave/passkeys');
	const passkeys = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
	await expect(passkeys).toHaveCount(1);
	await passkeys.getByRole('button', { name: /^Borrar «/ }).click();
	await passkeys.getByRole('button', { name: 'Sí, borrar la llave' }).click();
	await expect(page.getByText('Todavía no tenés llaves de acceso.')).toBeVisible();
});

import type { Locator, Page } from '@playwright/test';
import { DAIANA, MARTIN, expect, expectAccessible, signIn, test } from './fixtures';

/**
 * Chromium's virtual authenticator (DevTools protocol) stands in for the phone's fingerprint sensor: a
 * built-in ("internal") authenticator that keeps discoverable credentials and verifies the person.
 */
async function addAuthenticator(page: Page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true
		}
	});
	const credentialCount = async () =>
		(await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;
	return { cdp, authenticatorId, credentialCount };
}

/** Records the `mediation` of every `navigator.credentials.get`, to tell autofill requests from taps. */
async function recordMediation(page: Page) {
	await page.addInitScript(() => {
		const calls: string[] = [];
		Object.defineProperty(window, '__mediations', { value: calls });
		const get = navigator.credentials.get.bind(navigator.credentials);
		navigator.credentials.get = (options) => {
			calls.push(options?.mediation ?? 'optional');
			return get(options);
		};
	});
	return () => page.evaluate(() => (window as unknown as { __mediations: string[] }).__mediations.slice());
}

/**
 * The virtual authenticator answers an autofill (conditional) request at once, as if the person had
 * picked the passkey in the CUIL field: to try the button, the browser has to say it has no autofill.
 */
async function setAutofill(page: Page, available: boolean) {
	await page.evaluate((available) => {
		const pkc = window.PublicKeyCredential as unknown as Record<string, unknown>;
		if (!('__conditional' in pkc))
			Object.defineProperty(pkc, '__conditional', { value: pkc.isConditionalMediationAvailable });
		Object.defineProperty(pkc, 'isConditionalMediationAvailable', {
			configurable: true,
			writable: true,
			value: available ? pkc.__conditional : async () => false
		});
	}, available);
}

const OFFER_TITLE = 'Ingresá más rápido con tu huella, tu cara o el bloqueo de pantalla';
const PASSKEY_BUTTON = 'Ingresar con llave de acceso (passkey)';

const today = () =>
	new Intl.DateTimeFormat('es-AR', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'America/Argentina/Buenos_Aires'
	}).format(new Date());

/** The value next to a term in a passkey's description list. */
const detail = (item: Locator, term: string) =>
	item
		.locator('dl > div')
		.filter({ has: item.page().getByText(term, { exact: true }) })
		.locator('dd');

async function signOut(page: Page) {
	await page.getByRole('banner').getByRole('button', { name: 'Salir' }).click();
}

test('quien ingresa con la clave crea una llave de acceso, ingresa con ella y la administra hasta borrarla', async ({
	page
}) => {
	test.setTimeout(90_000);
	const mediations = await recordMediation(page);
	const { credentialCount } = await addAuthenticator(page);

	// 1. After signing in with the clave, Inicio offers a passkey once.
	await page.goto('/ingresar');
	await signIn(page, DAIANA);
	await expect(page).toHaveURL('/inicio');
	const offer = page.getByRole('region', { name: OFFER_TITLE });
	await expect(offer).toBeVisible();
	await expect(offer).toContainText('No la crees si este teléfono o computadora lo usan otras personas.');
	await expect(offer.getByRole('button', { name: 'Ahora no' })).toBeVisible();
	await expectAccessible(page);

	await offer.getByRole('button', { name: 'Crear llave de acceso' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Listo: creaste tu llave de acceso' })
	).toBeVisible();
	await expect(offer).toHaveCount(0);
	expect(await credentialCount()).toBe(1);

	// 2. It is listed in Gestión de Clave → Llaves de acceso.
	await page.getByRole('link', { name: 'Gestión de Clave' }).click();
	await expect(page).toHaveURL('/clave');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gestión de Clave');
	await expect(page.getByText('Muy pronto')).toHaveCount(0);
	await expect(page.getByRole('main').getByRole('heading', { level: 2 }).getByRole('link')).toHaveText([
		'Llaves de acceso (passkeys)',
		'Cambiar clave',
		'Actividad de la cuenta'
	]);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Llaves de acceso (passkeys)' }).click();
	await expect(page).toHaveURL('/clave/passkeys');
	const passkeys = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
	await expect(passkeys).toHaveCount(1);
	await expect(passkeys).toContainText('Solo en este dispositivo');
	await expect(detail(passkeys, 'Creada el')).toHaveText(today());
	await expect(detail(passkeys, 'Último uso')).toHaveText('Todavía no la usaste');
	await expect(page.getByRole('heading', { name: 'Te conviene tener otra llave de acceso' })).toBeVisible();
	await expectAccessible(page);

	// 3. Signing out and in again with the button, without the clave.
	await setAutofill(page, false);
	await signOut(page);
	await expect(page).toHaveURL('/ingresar');
	await page.getByRole('button', { name: PASSKEY_BUTTON }).click();
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Daiana Soledad');
	await expect(page.getByRole('region', { name: 'Tus datos' })).toContainText('27-38765432-7');
	expect((await mediations()).at(-1)).toBe('optional');
	// Signed in with a passkey: nothing to offer.
	await expect(page.getByRole('region', { name: OFFER_TITLE })).toHaveCount(0);

	// 4. The sign-in screen also asks the browser's autofill; the virtual authenticator answers it.
	await setAutofill(page, true);
	const before = (await mediations()).length;
	await signOut(page);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Daiana Soledad');
	// The click returns while /inicio is still on screen: wait for the sign-out and autofill sign-in.
	await expect.poll(async () => (await mediations()).slice(before)).toEqual(['conditional']);

	// 5. Renaming it.
	await page.goto('/clave/passkeys');
	await expect(passkeys).toHaveCount(1);
	await expect(detail(passkeys, 'Último uso')).toHaveText(today());
	await passkeys.getByRole('button', { name: /^Cambiar nombre/ }).click();
	const name = passkeys.getByLabel('Nombre nuevo');
	await expect(name).toBeFocused();
	await name.fill('   ');
	await passkeys.getByRole('button', { name: 'Guardar nombre' }).click();
	await expect(name).toHaveAccessibleDescription(/Escribí un nombre para la llave de acceso\./);
	await expectAccessible(page);
	await name.fill('Compu de la cocina');
	await passkeys.getByRole('button', { name: 'Guardar nombre' }).click();
	await expect(passkeys.getByRole('heading', { level: 3 })).toHaveText('Compu de la cocina');
	await expect(page.getByRole('status')).toContainText(
		'Cambiaste el nombre de la llave de acceso a «Compu de la cocina».'
	);

	// 6. Removing it: the last one, allowed because this session signed in with a passkey just now (issue 8:
	// after a clave sign-in a nivel-2 person is refused, tests/worker/step-up.test.ts).
	await passkeys.getByRole('button', { name: 'Borrar «Compu de la cocina»' }).click();
	await expect(passkeys.getByText('¿Borrar «Compu de la cocina»?')).toBeVisible();
	await passkeys.getByRole('button', { name: 'Sí, borrar la llave' }).click();
	await expect(page.getByRole('status')).toContainText('Borraste la llave de acceso «Compu de la cocina».');
	await expect(passkeys).toHaveCount(0);
	await expect(page.getByText('Todavía no tenés llaves de acceso.')).toBeVisible();
	await expectAccessible(page);
	// Only the server forgot it: the device still has it.
	expect(await credentialCount()).toBe(1);

	// 7. The device's passkey no longer opens mi ANSES; the clave still does.
	await setAutofill(page, false);
	await signOut(page);
	await expect(page).toHaveURL('/ingresar');
	await page.getByRole('button', { name: PASSKEY_BUTTON }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toContainText(
		'Esta llave de acceso no está registrada en mi ANSES (puede que la hayas borrado). Ingresá con tu CUIL y clave.'
	);
	await expect(summary).toBeFocused();
	await expect(page).toHaveURL('/ingresar');
	await expectAccessible(page);

	await signIn(page, DAIANA);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Daiana Soledad');
});

test('si la persona cancela la llave de acceso o se termina el tiempo, se lo decimos y la clave sigue andando', async ({
	page
}) => {
	const { cdp, authenticatorId, credentialCount } = await addAuthenticator(page);

	// "Ahora no" is remembered on this device: the offer does not come back.
	await page.goto('/ingresar');
	await signIn(page, MARTIN);
	const offer = page.getByRole('region', { name: OFFER_TITLE });
	await offer.getByRole('button', { name: 'Ahora no' }).click();
	await expect(offer).toHaveCount(0);
	await expect(page.getByRole('status')).toContainText(
		'No te lo vamos a volver a ofrecer en este dispositivo.'
	);

	// Created from Gestión de Clave instead.
	await page.goto('/clave/passkeys');
	await expect(page.getByText('Todavía no tenés llaves de acceso.')).toBeVisible();
	await page.getByRole('button', { name: 'Agregar una llave de acceso' }).click();
	await expect(page.getByRole('status')).toContainText('Agregaste la llave de acceso');
	await expect(
		page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) })
	).toHaveCount(1);
	expect(await credentialCount()).toBe(1);

	await setAutofill(page, false);
	await signOut(page);
	await expect(page).toHaveURL('/ingresar');

	// The fingerprint is not recognised (or the person closes the prompt): the browser says NotAllowedError.
	await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
	await page.getByRole('button', { name: PASSKEY_BUTTON }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toContainText(
		'Cancelaste la llave de acceso o se terminó el tiempo. Probá de nuevo o ingresá con tu clave.'
	);
	await expect(summary).toBeFocused();
	await expect(page.getByRole('button', { name: PASSKEY_BUTTON })).toBeEnabled();
	await expectAccessible(page);

	await signIn(page, MARTIN);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Martín Ezequiel');
	await expect(page.getByRole('region', { name: OFFER_TITLE })).toHaveCount(0);
});

test('un navegador sin llaves de acceso no muestra el botón, y se ingresa con la clave', async ({ page }) => {
	await page.addInitScript(() => {
		delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
	});
	await page.goto('/ingresar');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingresá a mi ANSES');
	await expect(page.getByRole('button', { name: PASSKEY_BUTTON })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Ingresar', exact: true })).toBeVisible();
});

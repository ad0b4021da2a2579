import type { Browser, Page } from '@playwright/test';
import { CAROLINA, JORGE, NELIDA, expect, expectAccessible, signIn, test } from './fixtures';
import { addOperatorAuthenticator } from './operator-passkey';

/**
 * Issue 8, point 3: the office console. The citizen uses `page`; the operator, Carolina (UDAI Once),
 * works in a browser context of her own with Chromium's virtual authenticator holding the demo
 * operator's passkey (tests/e2e/operator-passkey.ts), so she signs in with a real WebAuthn assertion.
 */
const PASSKEY_BUTTON = 'Ingresar con llave de acceso (passkey)';
const heading = (p: Page) => p.getByRole('heading', { level: 1 });

async function operatorPage(browser: Browser, errors: string[]) {
	const context = await browser.newContext({ locale: 'es-AR', timezoneId: 'America/Argentina/Buenos_Aires' });
	// The virtual authenticator answers an autofill request at once; the journey presses the button.
	await context.addInitScript(() => {
		if (window.PublicKeyCredential)
			Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', {
				configurable: true,
				value: async () => false
			});
	});
	const op = await context.newPage();
	op.on('pageerror', (error) => errors.push(`operadora: ${error.message}`));
	return op;
}

/** Carolina signs in with her passkey and lands on the console. */
async function operatorSignsIn(op: Page) {
	await addOperatorAuthenticator(op);
	await op.goto('/ingresar?volver=%2Foficina');
	await op.getByRole('button', { name: PASSKEY_BUTTON }).click();
	await expect(op).toHaveURL('/oficina');
	await expect(heading(op)).toHaveText('Consola de la oficina');
	await expect(op.getByText('legajo 104417. UDAI Once')).toBeVisible();
}

test('una persona pide turno, la operadora la valida en la oficina y la persona pasa a nivel 3', async ({
	page,
	browser,
	consoleErrors
}) => {
	test.setTimeout(120_000);

	// 1. Jorge (nivel 2) books a validation appointment at UDAI Once.
	await page.goto('/ingresar');
	await signIn(page, JORGE);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByText('Clave nivel 2')).toBeVisible();
	// Below nivel 3 there is no corporate section (its own journey checks the screen says why).
	await expect(page.getByRole('region', { name: 'Aplicaciones corporativas' })).toHaveCount(0);
	await page.goto('/turnos');
	await page
		.getByLabel('Oficina')
		.selectOption({ label: 'Ciudad Autónoma de Buenos Aires: UDAI Once, Av. Rivadavia 2865' });
	await page.getByLabel('Día').selectOption({ index: 1 });
	const fecha = await page.getByLabel('Día').inputValue();
	const slots = page.getByRole('group', { name: 'Horario' });
	await slots.getByRole('radio').first().check();
	await page.getByRole('button', { name: 'Reservar turno' }).click();
	await expect(page.getByRole('status')).toContainText('Reservaste tu turno');

	// 2. Carolina with her clave: the console refuses, and says why.
	const op = await operatorPage(browser, consoleErrors);
	await op.goto('/ingresar?volver=%2Foficina');
	await signIn(op, CAROLINA);
	await expect(op).toHaveURL('/oficina');
	await expect(heading(op)).toHaveText('No podés usar la consola de la oficina');
	await expect(op.getByRole('alert')).toContainText('tenés que ingresar con tu llave de acceso (passkey)');
	await expectAccessible(op);
	await op.getByRole('button', { name: 'Salir para ingresar con mi llave' }).click();
	await expect(op).toHaveURL('/ingresar');

	// 3. With her passkey she gets in, and finds Jorge in that day's list.
	await operatorSignsIn(op);
	await expectAccessible(op);
	await op.getByLabel('Día', { exact: true }).fill(fecha);
	await op.getByRole('button', { name: 'Ver turnos' }).click();
	const table = op.getByRole('table');
	const row = table.getByRole('row').filter({ hasText: 'Jorge Omar Pereyra' });
	await expect(row).toContainText(JORGE.cuil);
	await expect(row).toContainText('Reservado');
	await expectAccessible(op);

	// 4. Keyboard only: attend, tick "DNI seen", type the número de trámite, submit.
	await row.getByRole('button', { name: 'Atender a Jorge Omar Pereyra' }).focus();
	await op.keyboard.press('Enter');
	const persona = op.getByRole('heading', { level: 2, name: 'Jorge Omar Pereyra' });
	await expect(persona).toBeFocused();
	const validar = op.getByRole('region', { name: 'Validar la identidad (nivel 3)' });
	await expect(validar.getByLabel('Turno')).toHaveValue(/\d+/);

	// A wrong número de trámite is refused and said plainly.
	await validar.getByLabel('Vi el DNI y la persona es quien dice ser').focus();
	await op.keyboard.press('Space');
	await validar.getByLabel('Número de trámite del DNI').focus();
	await op.keyboard.type('00000000000');
	await op.keyboard.press('Enter');
	const summary = validar.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toContainText('El número de trámite no coincide con el del DNI registrado');
	await expect(summary).toBeFocused();
	await expectAccessible(op);

	await validar.getByLabel('Número de trámite del DNI').fill('');
	await validar.getByLabel('Número de trámite del DNI').focus();
	await op.keyboard.type(JORGE.tramite);
	await validar.getByLabel('Notas (opcional)').fill('DNI tarjeta vigente.');
	await validar.getByRole('button', { name: 'Validar identidad y dar nivel 3' }).focus();
	await op.keyboard.press('Enter');
	await expect(op.getByRole('status').filter({ hasText: 'Listo' })).toContainText(
		'Listo: Jorge Omar Pereyra ya tiene la Clave de Seguridad Social nivel 3.'
	);
	await expect(op.getByText('Nivel 3', { exact: true })).toBeVisible();
	await expect(row).toContainText('Atendido');
	await expectAccessible(op);

	// 5. Jorge's session was closed at the counter; signing in again, he has nivel 3.
	await page.goto('/inicio');
	await expect(page).toHaveURL(/\/ingresar/);
	await signIn(page, JORGE);
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByText('Clave nivel 3', { exact: true })).toBeVisible();
	// What nivel 3 opens: the corporate applications appear on his home screen.
	await expect(page.getByRole('region', { name: 'Aplicaciones corporativas' })).toBeVisible();
	await page.goto('/turnos');
	await page.getByText('Turnos anteriores o cancelados').click();
	await expect(page.getByText(/UDAI Once: atendido/)).toBeVisible();

	await op.context().close();
});

test('la operadora reinicia la clave en persona y la persona elige una clave nueva con el código provisorio', async ({
	page,
	browser,
	consoleErrors
}) => {
	test.setTimeout(120_000);
	const op = await operatorPage(browser, consoleErrors);
	await operatorSignsIn(op);

	// 1. Search Nélida by CUIL and reset her clave after seeing her DNI.
	await op.getByLabel('CUIL', { exact: true }).fill(NELIDA.cuil);
	await op.getByRole('button', { name: 'Buscar', exact: true }).click();
	await expect(op.getByRole('heading', { level: 2, name: 'Nélida Susana Gauna' })).toBeFocused();
	await expectAccessible(op);
	const reiniciar = op.getByRole('region', { name: 'Reiniciar la clave' });
	await reiniciar.getByLabel('Vi el DNI y la persona es quien dice ser').check();
	await reiniciar.getByLabel('Número de trámite del DNI').fill(NELIDA.tramite);
	await reiniciar.getByRole('button', { name: 'Dar un código provisorio' }).click();

	const hoja = op.getByRole('region', { name: 'Código provisorio para elegir tu clave' });
	await expect(hoja).toBeVisible();
	await expect(hoja).toContainText('Se muestra una sola vez');
	const codigo = (await hoja.locator('.codigo').textContent())!.trim();
	expect(codigo).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
	await expectAccessible(op);

	// On paper, only the sheet: not the forms, not the list, not the header.
	await op.emulateMedia({ media: 'print' });
	await expect(hoja.getByText(codigo)).toBeVisible();
	await expect(op.getByRole('region', { name: 'Validar la identidad (nivel 3)' })).toBeHidden();
	await expect(op.getByRole('heading', { name: 'Turnos del día' })).toBeHidden();
	await expect(hoja.getByRole('button', { name: 'Imprimir la hoja' })).toBeHidden();
	await op.emulateMedia({ media: 'screen' });

	// 2. Her old clave no longer works.
	await page.goto('/ingresar');
	await signIn(page, NELIDA);
	await expect(page.getByRole('alert').filter({ hasText: 'Hay un problema' })).toContainText(
		'El CUIL o la clave no son correctos'
	);

	// 3. With the code she must choose a new clave before anything else.
	await page.goto('/clave/provisoria');
	await expect(heading(page)).toHaveText('Ingresá con el código que te dieron en la oficina');
	await expectAccessible(page);
	await page.getByLabel('CUIL').fill(NELIDA.cuil);
	await page.getByLabel('Código provisorio').fill(codigo.toLowerCase());
	await page.getByRole('button', { name: 'Continuar' }).click();
	await expect(heading(page)).toHaveText('Elegí tu clave nueva');
	await expect(page.getByText('Hola, Nélida Susana.')).toBeVisible();
	await expectAccessible(page);
	// Nothing else is open yet: no session until the new clave is saved.
	expect((await page.request.get('/api/auth/session')).status()).toBe(401);

	const nueva = 'Tala-Viento-Norte-29!';
	await page.getByLabel('Clave nueva', { exact: true }).fill(nueva);
	await page.getByLabel('Repetí la clave nueva', { exact: true }).fill(nueva);
	await page.getByLabel('Acepto las políticas de seguridad').check();
	await page.getByRole('button', { name: 'Guardar mi clave nueva e ingresar' }).click();
	await expect(page).toHaveURL('/inicio');
	await expect(heading(page)).toHaveText('Hola, Nélida Susana');

	// 4. The code stops working once used.
	await page.getByRole('banner').getByRole('button', { name: 'Salir' }).click();
	await expect(page).toHaveURL('/ingresar');
	await page.goto('/clave/provisoria');
	await page.getByLabel('CUIL').fill(NELIDA.cuil);
	await page.getByLabel('Código provisorio').fill(codigo);
	await page.getByRole('button', { name: 'Continuar' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
	await expect(summary).toContainText('el código venció o ya se usó');
	await expectAccessible(page);

	await op.context().close();
});

import type { APIRequestContext, Page } from '@playwright/test';
import { LUCAS, expect, expectAccessible, signIn, test } from './fixtures';

/**
 * The whole life of Lucas's clave, in order: he creates it, changes it, recovers it, stops an intruder
 * with "No fui yo" and reviews the account's activity. Each step starts from the state the one before
 * left in the database, so the journeys run one after the other; no other spec uses Lucas.
 */
test.describe.configure({ mode: 'serial' });

const CLAVES = {
	alta: 'Brújula-Marina-62!',
	cambio: 'Cometa.Lunar-4815',
	recuperada: 'Faro-Austral-2931!',
	desbloqueo: 'Delta-Sereno-7305!'
};

/** The three questions he chooses when creating the clave, by their text, with his answers. */
const ANSWERS: Record<string, string> = {
	'¿Cómo se llamaba tu primera mascota?': 'Firulais',
	'¿Cómo se llamaba tu escuela primaria?': 'Escuela 3 Mitre',
	'¿En qué calle vivías de chico o de chica?': 'Avenida Libertad'
};

interface Message {
	id: number;
	tipo: string;
	para: string;
	asunto: string;
	cuerpo: string;
}

async function mailbox(request: APIRequestContext): Promise<Message[]> {
	const response = await request.get('/api/dev/buzon');
	expect(response.status()).toBe(200);
	return ((await response.json()) as { mensajes: Message[] }).mensajes.filter((m) => m.para === LUCAS.email);
}

/** The newest message of a kind for Lucas, newer than `after` (an id). */
async function waitForMessage(request: APIRequestContext, tipo: string, after = 0): Promise<Message> {
	let found: Message | undefined;
	await expect
		.poll(async () => {
			found = (await mailbox(request)).find((m) => m.tipo === tipo && m.id > after);
			return found !== undefined;
		})
		.toBe(true);
	return found!;
}

const lastId = async (request: APIRequestContext) => (await mailbox(request))[0]?.id ?? 0;
const codeIn = (message: Message) => /\b(\d{6})\b/.exec(message.asunto)![1];
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const errorSummary = (page: Page) => page.getByRole('alert').filter({ hasText: 'Hay un problema' });
const checklist = (page: Page) => page.getByRole('list', { name: 'Tu clave nueva:' });

async function chooseClave(page: Page, clave: string) {
	await page.getByLabel('Clave nueva', { exact: true }).fill(clave);
	await page.getByLabel('Repetí la clave nueva', { exact: true }).fill(clave);
	await page.getByLabel('Acepto las políticas de seguridad').check();
}

/** "¿Olvidaste tu clave?" from the CUIL to the new clave, answering whichever two questions come up. */
async function recover(page: Page, request: APIRequestContext, clave: string) {
	await expect(heading(page)).toHaveText('¿Olvidaste tu Clave de Seguridad Social?');
	await page.getByLabel('CUIL').fill(LUCAS.cuil);
	await page.getByRole('button', { name: 'Continuar' }).click();

	await expect(heading(page)).toHaveText('Respondé tus preguntas de seguridad');
	const labels = page.locator('form label');
	await expect(labels).toHaveCount(2);
	for (const label of await labels.all()) {
		const question = (await label.textContent())!.trim();
		expect(Object.keys(ANSWERS)).toContain(question);
		await page.getByLabel(question, { exact: true }).fill(ANSWERS[question]);
	}
	const before = await lastId(request);
	await page.getByRole('button', { name: 'Continuar' }).click();

	await expect(heading(page)).toHaveText('Escribí el código que te mandamos');
	const code = codeIn(await waitForMessage(request, 'codigo_recuperacion', before));
	await page.getByLabel('Código', { exact: true }).fill(code);
	await page.getByRole('button', { name: 'Continuar' }).click();

	await expect(heading(page)).toHaveText('Elegí tu clave nueva');
	await chooseClave(page, clave);
	await page.getByRole('button', { name: 'Guardar mi clave nueva' }).click();
	await expect(heading(page)).toHaveText('Recuperaste tu clave');
}

test('Lucas crea su clave con su CUIL, su DNI y el código que le llega, y queda adentro', async ({
	page,
	context
}) => {
	await page.goto('/ingresar');
	await page.getByRole('link', { name: 'Creala con tu CUIL y tu DNI' }).click();
	await expect(page).toHaveURL('/clave/alta');
	await expect(page).toHaveTitle('Crear tu clave — mi ANSES');
	await expect(heading(page)).toHaveText('Creá tu Clave de Seguridad Social');
	await expect(heading(page)).toBeFocused();
	await expect(page.getByLabel('Número de trámite del DNI')).toHaveAccessibleDescription(
		/11 números.*Trámite N°/
	);
	await expectAccessible(page);

	// Nothing filled in: one summary at the top, each problem linked to its field.
	await page.getByRole('button', { name: 'Continuar' }).click();
	await expect(errorSummary(page)).toBeFocused();
	await expect(page).toHaveTitle('Error: Crear tu clave — mi ANSES');
	await expect(errorSummary(page).getByRole('link')).toHaveText([
		'Escribí tu CUIL.',
		'Escribí tu número de DNI.',
		'Escribí el número de trámite de tu DNI.'
	]);
	await expectAccessible(page);
	await errorSummary(page).getByRole('link', { name: 'Escribí tu número de DNI.' }).click();
	await expect(page.getByLabel('Número de DNI')).toBeFocused();

	await page.getByLabel('CUIL').fill(LUCAS.cuil);
	await page.getByLabel('Número de DNI').fill(LUCAS.dni);
	await page.getByLabel('Número de trámite del DNI').fill(LUCAS.tramite);
	await page.getByRole('button', { name: 'Continuar' }).click();

	// The code, read from the development mailbox in another tab (the flow lives in this one).
	await expect(heading(page)).toHaveText('Escribí el código que te mandamos');
	await expect(heading(page)).toBeFocused();
	await expect(page.getByRole('main')).toContainText(
		'Te mandamos un código de 6 números a lu•••@example.com. Vence en 10 minutos.'
	);
	const codeField = page.getByLabel('Código', { exact: true });
	await expect(codeField).toHaveAttribute('inputmode', 'numeric');
	await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
	await expectAccessible(page);

	const tab = await context.newPage();
	await tab.goto('/desarrollo/buzon');
	await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Buzón de desarrollo');
	const codeMessage = tab.getByRole('listitem').filter({ hasText: LUCAS.email }).first();
	await expect(codeMessage.getByRole('heading')).toContainText('Tu código de mi ANSES');
	const code = /\d{6}/.exec((await codeMessage.getByRole('heading').textContent())!)![0];
	await expectAccessible(tab);
	await tab.close();

	await codeField.fill(code);
	await page.getByRole('button', { name: 'Continuar' }).click();

	// Three different questions, chosen from the catalogue.
	await expect(heading(page)).toHaveText('Elegí tus preguntas de seguridad');
	const ordinals = ['Primera', 'Segunda', 'Tercera'];
	const questions = Object.entries(ANSWERS);
	for (const [i, [question, answer]] of questions.entries()) {
		const group = page.getByRole('group', { name: `${ordinals[i]} pregunta` });
		await group.getByLabel('Pregunta').selectOption({ label: question });
		await group.getByLabel('Tu respuesta').fill(answer);
	}
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Continuar' }).click();

	// The clave, with the checklist following what he types.
	await expect(heading(page)).toHaveText('Elegí tu clave');
	const claveNueva = page.getByLabel('Clave nueva', { exact: true });
	await expect(claveNueva).toHaveAttribute('autocomplete', 'new-password');
	await claveNueva.fill('lucas44123456');
	await expect(checklist(page).getByRole('listitem')).toHaveText([
		/^✓\s*Cumple: Tiene entre 8 y 128 caracteres/,
		/^✗\s*No cumple: Le faltan símbolos/,
		/^✗\s*No cumple: Incluye tu DNI/,
		/^✗\s*No cumple: Es fácil de adivinar/,
		/No está entre las claves más usadas y filtradas\s*Lo revisamos al guardar/
	]);
	await expect(page.getByRole('status').filter({ hasText: 'Tu clave nueva todavía no cumple' })).toHaveCount(
		1
	);
	await expectAccessible(page);

	await claveNueva.fill(CLAVES.alta);
	await expect(checklist(page).getByRole('listitem')).toHaveText([
		/Cumple: Tiene entre 8 y 128 caracteres/,
		/Cumple: Combina letras, números y símbolos/,
		/Cumple: No incluye tus datos personales/,
		/Cumple: Es difícil de adivinar/,
		/Lo revisamos al guardar/
	]);
	await expect(
		page.getByRole('status').filter({ hasText: 'Tu clave nueva cumple con lo que podemos revisar ahora' })
	).toHaveCount(1);

	// The security policies open in another tab, so the flow is not lost.
	const [policies] = await Promise.all([
		context.waitForEvent('page'),
		page.getByRole('link', { name: /leé las políticas de seguridad/ }).click()
	]);
	await policies.waitForLoadState();
	await expect(policies).toHaveURL('/clave/politicas');
	await expect(policies.getByRole('heading', { level: 1 })).toHaveText(
		'Políticas de seguridad de la Clave de Seguridad Social'
	);
	await expect(policies.getByRole('main')).toContainText('ANSES nunca te pide tu clave');
	await expectAccessible(policies);
	await policies.close();

	// Forgetting to accept the policies is said in the summary, linked to the checkbox.
	await page.getByLabel('Repetí la clave nueva', { exact: true }).fill(CLAVES.alta);
	await page.getByRole('button', { name: 'Crear mi clave e ingresar' }).click();
	await expect(errorSummary(page)).toBeFocused();
	await expect(errorSummary(page).getByRole('link')).toHaveText([
		'Para seguir, aceptá las políticas de seguridad.'
	]);
	await errorSummary(page).getByRole('link').click();
	await expect(page.getByLabel('Acepto las políticas de seguridad')).toBeFocused();
	await page.getByLabel('Acepto las políticas de seguridad').check();
	await page.getByRole('button', { name: 'Crear mi clave e ingresar' }).click();

	await expect(page).toHaveURL('/inicio');
	await expect(heading(page)).toHaveText(`Hola, ${LUCAS.nombres}`);
	await expect(
		page.getByRole('status').filter({ hasText: 'Creaste tu Clave de Seguridad Social' })
	).toBeVisible();
	await expect(page.getByRole('banner').getByRole('button', { name: 'Salir' })).toBeVisible();
});

test('Lucas cambia su clave, ve qué pasó, y la clave vieja deja de servir', async ({ page, request }) => {
	await page.goto('/ingresar');
	await signIn(page, { cuil: LUCAS.cuil, clave: CLAVES.alta });
	await expect(page).toHaveURL('/inicio');

	await page.getByRole('link', { name: 'Gestión de Clave' }).click();
	await page.getByRole('link', { name: 'Cambiar clave' }).click();
	await expect(page).toHaveURL('/clave/cambiar');
	await expect(heading(page)).toHaveText('Cambiar clave');
	await expect(page.getByLabel('Clave actual', { exact: true })).toHaveAttribute(
		'autocomplete',
		'current-password'
	);

	// The clave he already has: only the Worker knows, and says so beside the field.
	await page.getByLabel('Clave actual', { exact: true }).fill(CLAVES.alta);
	await chooseClave(page, CLAVES.alta);
	await page.getByRole('button', { name: 'Cambiar clave' }).click();
	await expect(errorSummary(page)).toBeFocused();
	await expect(errorSummary(page).getByRole('link')).toHaveText([
		'Es una de tus últimas 5 claves: elegí una nueva'
	]);
	await expect(page.getByLabel('Clave nueva', { exact: true })).toHaveAccessibleDescription(
		/Es una de tus últimas 5 claves/
	);
	await expectAccessible(page);

	const before = await lastId(request);
	await page.getByLabel('Clave actual', { exact: true }).fill(CLAVES.alta);
	await page.getByLabel('Clave nueva', { exact: true }).fill(CLAVES.cambio);
	await expect(checklist(page).getByRole('listitem').nth(3)).toHaveText(/Cumple: Es difícil de adivinar/);
	await expectAccessible(page);
	await page.getByLabel('Repetí la clave nueva', { exact: true }).fill(CLAVES.cambio);
	await page.getByRole('button', { name: 'Cambiar clave' }).click();

	await expect(heading(page)).toHaveText('Cambiaste tu clave');
	await expect(heading(page)).toBeFocused();
	await expect(page).toHaveTitle('Cambiaste tu clave — mi ANSES');
	// The sign-in of the journey before is still open in the database: it is the one closed now.
	await expect(page.getByRole('main')).toContainText(
		'Cerramos 1 sesión abierta en otro dispositivo. Te mandamos un aviso a tu correo.'
	);
	await expectAccessible(page);
	const notice = await waitForMessage(request, 'clave_cambiada', before);
	expect(notice.cuerpo).toContain('/clave/no-fui-yo#');

	await page.getByRole('banner').getByRole('button', { name: 'Salir' }).click();
	await expect(page).toHaveURL('/ingresar');

	await signIn(page, { cuil: LUCAS.cuil, clave: CLAVES.alta });
	await expect(errorSummary(page)).toContainText('El CUIL o la clave no son correctos');
	await page.getByLabel('Clave de Seguridad Social').fill(CLAVES.cambio);
	await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
	await expect(page).toHaveURL('/inicio');
});

test('Lucas recupera su clave con sus respuestas y el código que le llega, y entra con la nueva', async ({
	page,
	request
}) => {
	await page.goto('/ingresar');
	await page.getByRole('link', { name: '¿Olvidaste tu clave?' }).click();
	await expect(page).toHaveURL('/clave/olvide');
	await expect(page).toHaveTitle('Recuperar tu clave — mi ANSES');
	await expect(heading(page)).toHaveText('¿Olvidaste tu Clave de Seguridad Social?');
	await expect(heading(page)).toBeFocused();
	// Going in person stays possible.
	await expect(page.getByRole('region', { name: 'Si preferís, en una oficina de ANSES' })).toContainText(
		'UDAI'
	);
	await expectAccessible(page);

	await page.getByLabel('CUIL').fill(LUCAS.cuil);
	await page.getByRole('button', { name: 'Continuar' }).click();
	await expect(heading(page)).toHaveText('Respondé tus preguntas de seguridad');
	await expect(heading(page)).toBeFocused();
	await expectAccessible(page);

	// Wrong answers: the Worker's message, in the summary.
	for (const input of await page.locator('form input[type="text"]').all()) await input.fill('No me acuerdo');
	await page.getByRole('button', { name: 'Continuar' }).click();
	await expect(errorSummary(page)).toContainText('Alguna respuesta no coincide');
	await expect(errorSummary(page)).toBeFocused();
	await expectAccessible(page);

	const labels = page.locator('form label');
	for (const label of await labels.all()) {
		const question = (await label.textContent())!.trim();
		await page.getByLabel(question, { exact: true }).fill(ANSWERS[question]);
	}
	const before = await lastId(request);
	await page.getByRole('button', { name: 'Continuar' }).click();

	await expect(heading(page)).toHaveText('Escribí el código que te mandamos');
	await expect(page.getByRole('main')).toContainText(
		'Te mandamos un código de 6 números a lu•••@example.com. Vence en 10 minutos.'
	);
	await expectAccessible(page);
	const code = codeIn(await waitForMessage(request, 'codigo_recuperacion', before));
	await page.getByLabel('Código', { exact: true }).fill(code);
	await page.getByRole('button', { name: 'Continuar' }).click();

	await expect(heading(page)).toHaveText('Elegí tu clave nueva');
	await chooseClave(page, CLAVES.recuperada);
	await expect(checklist(page).getByRole('listitem').nth(3)).toHaveText(/Cumple: Es difícil de adivinar/);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Guardar mi clave nueva' }).click();

	await expect(heading(page)).toHaveText('Recuperaste tu clave');
	await expect(page.getByRole('main')).toContainText(
		'Listo: ya podés ingresar con tu clave nueva. Cerramos todas las sesiones abiertas.'
	);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Ingresar', exact: true }).click();
	await expect(page).toHaveURL('/ingresar');
	await signIn(page, { cuil: LUCAS.cuil, clave: CLAVES.recuperada });
	await expect(page).toHaveURL('/inicio');
});

test('"No fui yo" cierra la sesión del intruso y bloquea la cuenta hasta que Lucas recupera su clave', async ({
	page,
	browser,
	request
}) => {
	// Someone signs in from a device Lucas never used: he gets a notice with a "No fui yo" link.
	const before = await lastId(request);
	const intruder = await browser.newContext();
	const other = await intruder.newPage();
	await other.goto('/ingresar');
	await signIn(other, { cuil: LUCAS.cuil, clave: CLAVES.recuperada });
	await expect(other).toHaveURL('/inicio');
	const notice = await waitForMessage(request, 'ingreso_nuevo_dispositivo', before);
	const link = /http:\/\/localhost:\d+\/clave\/no-fui-yo#[A-Za-z0-9_-]{22}/.exec(notice.cuerpo)![0];

	await page.goto(link);
	await expect(heading(page)).toHaveText('¿No fuiste vos?');
	// The token leaves the address bar (and so the history) at once.
	await expect(page).toHaveURL('/clave/no-fui-yo');
	expect(await page.evaluate(() => location.hash)).toBe('');
	await expectAccessible(page);

	await page.getByRole('button', { name: 'No fui yo: cerrar todo y bloquear mi cuenta' }).click();
	await expect(heading(page)).toHaveText('Bloqueamos tu cuenta');
	await expect(heading(page)).toBeFocused();
	await expect(page.getByRole('link', { name: 'Recuperar mi clave' })).toHaveAttribute(
		'href',
		'/clave/olvide'
	);
	await expectAccessible(page);

	// The intruder's session is gone, and the clave alone no longer opens the account.
	await other.reload();
	await expect(other).toHaveURL(/\/ingresar/);
	await intruder.close();

	await page.goto('/ingresar');
	await signIn(page, { cuil: LUCAS.cuil, clave: CLAVES.recuperada });
	await expect(errorSummary(page)).toContainText('Tu cuenta está bloqueada');
	await expectAccessible(page);

	// The same link, used twice, only says so.
	await page.goto(link);
	await expect(page).toHaveURL('/clave/no-fui-yo');
	await page.getByRole('button', { name: 'No fui yo: cerrar todo y bloquear mi cuenta' }).click();
	await expect(heading(page)).toHaveText('Este enlace ya no sirve');
	await expect(page.getByRole('main')).toContainText('Este enlace venció o ya se usó');
	await expectAccessible(page);

	// Recovering the clave unlocks the account.
	await page.goto('/ingresar');
	await signIn(page, { cuil: LUCAS.cuil, clave: CLAVES.recuperada });
	await errorSummary(page).getByRole('link', { name: 'Recuperar mi clave' }).click();
	await expect(page).toHaveURL('/clave/olvide');
	await recover(page, request, CLAVES.desbloqueo);
	await page.getByRole('link', { name: 'Ingresar', exact: true }).click();
	await signIn(page, { cuil: LUCAS.cuil, clave: CLAVES.desbloqueo });
	await expect(page).toHaveURL('/inicio');
});

test('Lucas ve sus sesiones abiertas y lo que pasó en su cuenta, y cierra las demás sesiones', async ({
	page,
	browser
}) => {
	const phones = {
		android:
			'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
		iphone:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'
	};
	const contexts = await Promise.all(
		Object.values(phones).map((userAgent) => browser.newContext({ userAgent }))
	);
	const [android, iphone] = await Promise.all(contexts.map((c) => c.newPage()));
	for (const other of [android, iphone]) {
		await other.goto('/ingresar');
		await signIn(other, { cuil: LUCAS.cuil, clave: CLAVES.desbloqueo });
		await expect(other).toHaveURL('/inicio');
	}

	// A clave older than a year brings a reminder on Inicio; never a forced change.
	await page.route('**/api/clave/estado', (route) =>
		route.fulfill({
			json: {
				actualizadaEn: '2025-01-01T00:00:00.000Z',
				antiguedadDias: 400,
				recomendarCambio: true,
				tienePreguntas: true
			}
		})
	);
	await page.goto('/ingresar');
	await signIn(page, { cuil: LUCAS.cuil, clave: CLAVES.desbloqueo });
	await expect(page).toHaveURL('/inicio');
	await expect(page.getByRole('main')).toContainText(
		'Tu clave tiene más de un año. Te recomendamos actualizarla.'
	);
	await expect(page.getByRole('link', { name: 'Cambiar mi clave' })).toHaveAttribute(
		'href',
		'/clave/cambiar'
	);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Gestión de Clave' }).click();
	await page.getByRole('link', { name: 'Actividad de la cuenta' }).click();
	await expect(page).toHaveURL('/clave/actividad');
	await expect(heading(page)).toHaveText('Actividad de la cuenta');

	// This one, the two phones, and the sign-in that ended the journey before.
	const sessions = page.getByRole('region', { name: 'Sesiones abiertas' }).getByRole('listitem');
	await expect(sessions).toHaveCount(4);
	await expect(sessions.first()).toContainText('Esta sesión');
	await expect(sessions.first()).toContainText('Chrome en Windows');
	await expect(sessions.first().getByRole('button')).toHaveCount(0);
	await expect(sessions.filter({ hasText: 'Chrome en Android' })).toHaveCount(1);
	await expect(sessions.filter({ hasText: 'Safari en iPhone' })).toHaveCount(1);
	await expect(sessions.first()).toContainText('Dirección IP');

	const events = page.getByRole('region', { name: 'Lo que pasó en tu cuenta' });
	for (const what of [
		'Creaste tu clave',
		'Cambiaste tu clave',
		'Recuperaste tu clave',
		'Avisaste “No fui yo”',
		'Ingresaste a mi ANSES con tu clave'
	])
		await expect(events.getByRole('listitem').filter({ hasText: what }).first()).toBeVisible();
	await expect(events).toContainText('Dirección IP');
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Cerrar la sesión de Safari en iPhone' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Cerraste la sesión de Safari en iPhone.' })
	).toBeVisible();
	await expect(sessions).toHaveCount(3);
	await expect(sessions.filter({ hasText: 'Safari en iPhone' })).toHaveCount(0);

	await page.getByRole('button', { name: 'Cerrar todas las demás' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Cerraste todas las demás sesiones.' })
	).toBeVisible();
	await expect(sessions).toHaveCount(1);
	await expect(page.getByRole('main')).toContainText('No tenés sesiones abiertas en otros dispositivos.');
	await expectAccessible(page);

	for (const other of [android, iphone]) {
		await other.reload();
		await expect(other).toHaveURL(/\/ingresar/);
	}
	await Promise.all(contexts.map((c) => c.close()));
});

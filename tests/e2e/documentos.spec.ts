import type { BrowserContext, Page } from '@playwright/test';
import {
	DAIANA,
	expect,
	expectAccessible,
	rawIndexedDb,
	signIn,
	signInWithVaultOffline,
	test,
	unlockVault
} from './fixtures';

/** Files whose first bytes are what they claim (the page and the Worker read them); padded to ~48 KB. */
function file(name: string, mimeType: string, head: number[]) {
	const buffer = Buffer.alloc(48 * 1024, 0x20);
	Buffer.from(head).copy(buffer);
	return { name, mimeType, buffer };
}
const FOTO = file('libreta-thiago.jpg', 'image/jpeg', [0xff, 0xd8, 0xff, 0xe0]);
const PDF = file('libreta-mia.pdf', 'application/pdf', [...Buffer.from('%PDF-1.7\n')]);
const PNG = file('libreta-thiago-2.png', 'image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function queue(page: Page, child: RegExp, year: string, f: typeof FOTO) {
	await page.getByRole('radio', { name: child }).check();
	await page.getByLabel('Año de la Libreta').selectOption(year);
	await page.getByLabel('Foto o PDF del documento').setInputFiles(f);
	await page.getByRole('button', { name: 'Guardar para enviar' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Guardado en este teléfono' })).toBeVisible();
}

/** The idempotency keys of the person's queued items, read straight from IndexedDB. */
async function outboxKeys(page: Page): Promise<string[]> {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('mi-anses');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('outbox').objectStore('outbox').getAllKeys();
					all.onsuccess = () => {
						resolve((all.result as string[]).map((k) => k.split(':')[1]));
						open.result.close();
					};
				};
			})
	);
}

test('three documents queued offline survive a reload and each arrives exactly once when the network returns', async ({
	page,
	context
}) => {
	const year = String(new Date().getFullYear() - 1);
	// Queued files are kept sealed by the vault: the PIN comes first.
	await signInWithVaultOffline(page, DAIANA);
	await page.getByRole('main').getByRole('link', { name: 'Presentar documentación' }).click();
	await expect(heading(page)).toHaveText('Presentar documentación');
	await expect(page.getByText('Todavía no mandaste documentos desde este teléfono.')).toBeVisible();
	await expectAccessible(page);

	const before = (await (await page.request.get('/api/documentos')).json()) as { documentos: unknown[] };

	// A client-side check, in Spanish, before anything is queued.
	await page.getByLabel('Foto o PDF del documento').setInputFiles({
		name: 'nota.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('esto no es una foto')
	});
	await expect(page.getByText('El archivo tiene que ser una foto (JPG o PNG) o un PDF.')).toBeVisible();
	await expectAccessible(page);

	await context.setOffline(true);
	await queue(page, /Thiago/, year, FOTO);
	await queue(page, /Mía/, year, PDF);
	await queue(page, /Thiago/, String(Number(year) - 1), PNG);
	await expect(page.getByText('En espera', { exact: true })).toHaveCount(3);
	// Queued files and their descriptions are sealed: nothing of them is readable in IndexedDB.
	const raw = await rawIndexedDb(page);
	expect(raw.counts.outbox).toBeGreaterThanOrEqual(3);
	// Markers of 6 bytes or more: 150 KB of ciphertext holds a given 3-byte string about 1 time in 100
	// (seen once: "PNG"), a given 6-byte one about 1 in 10^9.
	const clear = [
		'%PDF-1.7',
		'PNG\r\n\u001a\n',
		' '.repeat(32),
		'Thiago',
		'Libreta AUH',
		'libreta-',
		'27387654327'
	];
	for (const plain of clear) expect(raw.text, `texto plano: ${JSON.stringify(plain)}`).not.toContain(plain);

	await page.reload();
	// A reload forgets the vault key: locked, the screen says so; the PIN opens it with no signal.
	await expect(page.getByText(/tus datos guardados en este teléfono están bloqueados/)).toBeVisible();
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await expect(heading(page)).toHaveText('Presentar documentación');
	await expect(page.getByText('En espera', { exact: true })).toHaveCount(3);
	await expect(page.getByText(`Libreta AUH ${year} de Thiago Benjamín Acosta`)).toBeVisible();
	await expectAccessible(page);
	const keys = await outboxKeys(page);
	expect(keys).toHaveLength(3);

	// A slow uplink, so the progress is there to be seen (CDP wins over setOffline: see DEVELOPMENT.md).
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 40,
		downloadThroughput: -1,
		uploadThroughput: 32 * 1024
	});
	await context.setOffline(false);
	await expect(page.locator('progress')).toBeVisible();
	await expect(page.getByText(/^Enviando \d+ %$/)).toBeVisible();
	await expectAccessible(page);
	await expect(page.getByText('Enviado', { exact: true })).toHaveCount(3, { timeout: 30_000 });
	await expectAccessible(page);
	await cdp.detach();

	// Exactly once: three new documents on the server, one per queued key.
	const after = (await (await page.request.get('/api/documentos')).json()) as {
		documentos: { clave: string; descripcion: string }[];
	};
	expect(after.documentos.length - before.documentos.length).toBe(3);
	for (const k of keys) expect(after.documentos.filter((d) => d.clave === k)).toHaveLength(1);

	// Another reload (app start) sends nothing again.
	await page.reload();
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	await expect(page.getByText('Enviado', { exact: true })).toHaveCount(3);
	const again = (await (await page.request.get('/api/documentos')).json()) as { documentos: unknown[] };
	expect(again.documentos.length).toBe(after.documentos.length);
});

test('without a PIN nothing is kept on the phone: offline, saving a document is disabled and says why', async ({
	page,
	context
}) => {
	await page.goto('/ingresar');
	await signIn(page, DAIANA);
	await expect(page).toHaveURL('/inicio');
	await page.getByRole('main').getByRole('link', { name: 'Presentar documentación' }).click();
	await expect(heading(page)).toHaveText('Presentar documentación');
	await expect(page.getByText(/Sin PIN, el documento no se guarda en este teléfono/)).toBeVisible();

	await context.setOffline(true);
	const guardar = page.getByRole('button', { name: 'Guardar para enviar' });
	await expect(guardar).toBeDisabled();
	await expect(guardar).toHaveAccessibleDescription(/primero creá tu PIN/);
	await expect(page.getByRole('main').getByRole('link', { name: 'Crear PIN' })).toHaveAttribute(
		'href',
		'/boveda?volver=%2Fdocumentos'
	);
	await expectAccessible(page);
	expect(
		await page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					const open = indexedDB.open('mi-anses');
					open.onsuccess = () => {
						const count = open.result.transaction('outbox').objectStore('outbox').count();
						count.onsuccess = () => resolve(count.result);
					};
				})
		)
	).toBe(0);
	await context.setOffline(false);
});

/**
 * Makes the server's answer to uploads `status` with `error` (the one error shape), until `stop()`: the
 * other requests go through untouched.
 */
async function answerUploads(context: BrowserContext, status: number, error: Record<string, unknown>) {
	let on = true;
	await context.route('**/api/documentos?*', (route) =>
		on && route.request().method() === 'POST'
			? route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error }) })
			: route.fallback()
	);
	return { stop: () => (on = false) };
}

/** Daiana, signed in with her vault open, on "Presentar documentación" in a page the service worker controls. */
async function daianaEnDocumentos(page: Page) {
	await signInWithVaultOffline(page, DAIANA);
	await page.getByRole('main').getByRole('link', { name: 'Presentar documentación' }).click();
	await expect(heading(page)).toHaveText('Presentar documentación');
}

test('Background Sync: when the browser says the network is back, the waiting document goes at once', async ({
	page,
	context
}) => {
	const year = String(new Date().getFullYear() - 1);
	await daianaEnDocumentos(page);

	// The server is busy and asks to wait two minutes: the document waits on the phone.
	const busy = await answerUploads(context, 503, {
		code: 'servicio_ocupado',
		message: 'Hay mucha demanda en este momento.',
		retryAfterSeconds: 120
	});
	await page.getByRole('radio', { name: /Mía/ }).check();
	await page.getByLabel('Año de la Libreta').selectOption(year);
	await page.getByLabel('Foto o PDF del documento').setInputFiles(PDF);
	await page.getByRole('button', { name: 'Enviar', exact: true }).click();
	await expect(page.getByText('En espera', { exact: true })).toHaveCount(1);
	const [clave] = await outboxKeys(page);
	busy.stop();

	// Nothing else wakes the queue for two minutes (no `online` event: the page never went offline).
	// The browser's sync event does: the service worker asks the page to send now.
	const cdp = await context.newCDPSession(page);
	const registration = new Promise<string>((resolve) =>
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const live = registrations.find((r) => !r.isDeleted);
			if (live) resolve(live.registrationId);
		})
	);
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.dispatchSyncEvent', {
		origin: new URL(page.url()).origin,
		registrationId: await registration,
		tag: 'mi-anses-outbox',
		lastChance: false
	});
	await expect(page.getByText('Enviado', { exact: true })).toHaveCount(1);
	await cdp.detach();
	const after = (await (await page.request.get('/api/documentos')).json()) as {
		documentos: { clave: string }[];
	};
	expect(after.documentos.filter((d) => d.clave === clave)).toHaveLength(1);
});

test('a file over 10 MB is refused before it is kept, and a document the server refuses says why', async ({
	page,
	context
}) => {
	const year = String(new Date().getFullYear() - 1);
	await daianaEnDocumentos(page);
	await page.getByRole('radio', { name: /Thiago/ }).check();
	await page.getByLabel('Año de la Libreta').selectOption(year);

	// Checked on the phone first: nothing is queued.
	const grande = file('libreta-enorme.jpg', 'image/jpeg', [0xff, 0xd8, 0xff, 0xe0]);
	grande.buffer = Buffer.concat([grande.buffer, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
	await page.getByLabel('Foto o PDF del documento').setInputFiles(grande);
	await expect(page.getByText('El archivo pesa más de 10 MB.', { exact: false })).toBeVisible();
	await page.getByRole('button', { name: 'Enviar', exact: true }).click();
	expect(await outboxKeys(page)).toHaveLength(0);
	await expectAccessible(page);

	// A refusal from the server is final and shown with its reason (no endless retries).
	await answerUploads(context, 422, {
		code: 'documento_invalido',
		message: 'No pudimos leer el archivo. Mandá otra foto.'
	});
	await page.getByLabel('Foto o PDF del documento').setInputFiles(FOTO);
	await page.getByRole('button', { name: 'Enviar', exact: true }).click();
	await expect(page.getByText('Error: No pudimos leer el archivo. Mandá otra foto.')).toBeVisible();
	await expectAccessible(page);
});

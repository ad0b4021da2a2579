import type { Page } from '@playwright/test';
import { ROSA, expect, expectAccessible, signInWithVaultOffline, tapTo, test, unlockVault } from './fixtures';

/**
 * Issue 7: the app opens with no signal. Every screen, loaded in full with the network off (what a
 * reload or a tap on the home-screen icon does), shows either what this phone keeps (marked "Sin
 * conexión") or, for data that is live only, that it needs the connection and what works without it:
 * never a bare failure. And the installed app opened offline in a NEW window (no tab session) still
 * reaches the person's locked vault.
 */

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const NEEDS_CONNECTION = 'Esta pantalla necesita conexión';
/** What a screen must never show offline: the bare failures of the error page. */
const BARE_FAILURE = /No pudimos mostrar esta página|No encontramos esta página/;

/** Private screens with what they show offline: their own heading from the phone, or "needs connection". */
const PRIVATE: { url: string; offline: 'saved' | 'screen' | 'needs-connection' }[] = [
	{ url: '/inicio', offline: 'screen' },
	{ url: '/prestaciones', offline: 'saved' },
	{ url: '/cobros', offline: 'saved' },
	{ url: '/historia-laboral', offline: 'saved' },
	{ url: '/tramites', offline: 'saved' },
	{ url: '/tramites/nuevo', offline: 'screen' },
	{ url: '/tramites/nuevo/reclamo', offline: 'screen' },
	{ url: '/mis-datos', offline: 'saved' },
	{ url: '/documentos', offline: 'screen' },
	{ url: '/certificados', offline: 'screen' },
	{ url: '/clave', offline: 'screen' },
	{ url: '/clave/cambiar', offline: 'screen' },
	{ url: '/clave/actividad', offline: 'needs-connection' },
	{ url: '/clave/passkeys', offline: 'needs-connection' },
	{ url: '/turnos', offline: 'needs-connection' },
	{ url: '/corporativas', offline: 'screen' },
	{ url: '/boveda', offline: 'screen' },
	{ url: '/salir', offline: 'screen' }
];

/** Public screens: static forms and explanations, served by the service worker. */
const PUBLIC = [
	'/ingresar',
	'/verificar',
	'/clave/alta',
	'/clave/olvide',
	'/clave/politicas',
	'/clave/provisoria',
	'/clave/no-fui-yo'
];

test('every screen loaded in full with no connection shows what the phone keeps or what needs the network', async ({
	page,
	context
}) => {
	test.setTimeout(300_000);
	await signInWithVaultOffline(page, ROSA);

	// Online first, with the vault open: each screen's heading, and its data kept on the phone.
	const headings = new Map<string, string>();
	const recibo = await page.request.get('/api/servicios/pagos?limit=1').then((r) => r.json());
	const withDetail = [...PRIVATE, { url: `/cobros/${recibo.items[0].id}`, offline: 'saved' as const }];
	for (const { url } of withDetail) {
		await tapTo(page, url);
		await expect(heading(page)).not.toHaveText('');
		headings.set(url, (await heading(page).textContent())!.trim());
	}

	await context.setOffline(true);
	for (const { url, offline } of withDetail) {
		await page.goto(url);
		await expect(heading(page)).toBeVisible();
		// A full load forgets the vault key: the screen says it is locked and the PIN opens it offline.
		const locked = page.getByRole('link', { name: 'Desbloquear' });
		if (url !== '/boveda' && (await locked.first().isVisible())) {
			await locked.first().click();
			await unlockVault(page);
			await expect(page).toHaveURL(url);
		}
		await expect(heading(page), url).not.toHaveText(BARE_FAILURE);
		if (offline === 'needs-connection') {
			await expect(heading(page), url).toHaveText(NEEDS_CONNECTION);
			await expect(page.getByRole('link', { name: 'Mis certificados' })).toBeVisible();
		} else if (url !== '/boveda') {
			await expect(heading(page), url).toHaveText(headings.get(url)!);
		}
		if (offline === 'saved') await expect(page.getByText(/^Sin conexión\. Datos al /), url).toBeVisible();
	}
	await expectAccessible(page);

	// Salir says what it can do with no signal (lock or erase here) and what waits (the server session).
	await page.goto('/salir');
	await expect(page.getByText(/^Sin conexión: lo guardado se bloquea o se borra igual/)).toBeVisible();
	// The home screen says what works with no signal.
	await page.goto('/inicio');
	await expect(page.getByText('Sin conexión podés:')).toBeVisible();

	// Signed out of this tab's view of things, the public screens still open from the phone.
	for (const url of PUBLIC) {
		await page.goto(url);
		await expect(heading(page), url).toBeVisible();
		await expect(heading(page), url).not.toHaveText(BARE_FAILURE);
	}
	await context.setOffline(false);
});

test('the installed app opened with no signal in a new window reaches the locked vault, and only it', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	await signInWithVaultOffline(page, ROSA);
	await tapTo(page, '/prestaciones');
	await expect(page.getByRole('heading', { name: /Jubilación/ }).first()).toBeVisible();

	// Like tapping the home-screen icon with no signal: a new window, so no session of this tab.
	await context.setOffline(true);
	await page.close();
	const win = await context.newPage();
	await win.goto('/inicio');
	await expect(heading(win)).toHaveText('Hola');
	// Only the CUIL until the PIN: not the name, not the level, not the data.
	await expect(win.getByText('27-05123456-7')).toBeVisible();
	await expect(win.getByText('Rosa')).toHaveCount(0);
	await expect(win.getByText('Tus datos guardados en este teléfono están bloqueados.')).toBeVisible();
	await expect(win.getByText(/Abriste la app sin conexión/)).toBeVisible();
	await expectAccessible(win);

	await win.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(win);
	await tapTo(win, '/prestaciones');
	await expect(win.getByText(/^Sin conexión\. Datos al /)).toBeVisible();
	await expect(win.getByRole('heading', { name: /Jubilación/ }).first()).toBeVisible();

	// Back online, the stand-in gives way: the server decides, and this window has no session of its own
	// unless the browser kept the cookie; either way nothing is shown from the device's word alone.
	await context.setOffline(false);
	await win.goto('/inicio');
	await expect(heading(win)).toHaveText(/^Hola, Rosa|^Ingresá a mi ANSES/);
});

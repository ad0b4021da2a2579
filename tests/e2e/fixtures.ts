import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';

export { expect };

/** The named demo accounts the seed creates (worker/seed/demo-accounts.ts). */
export const ROSA = { cuil: '27-05123456-7', clave: 'Mate-Lluvia-73!', nombres: 'Rosa Beatriz' };
/** Only for wrong-clave journeys: at most two failures per run, below the account's free attempts. */
export const MARTIN = { cuil: '23-30456789-9', clave: 'Tornillo.Azul-58', nombres: 'Martín Ezequiel' };
export const DAIANA = { cuil: '27-38765432-7', clave: 'Girasol-Rio-91!', nombres: 'Daiana Soledad' };
/** Nivel 3, represents Supermercados del Litoral S.A. (Aplicaciones corporativas, corporativas.spec.ts). */
export const GRACIELA = { cuil: '27-94512307-4', clave: 'Balanza-Norte-62!', nombres: 'Graciela Beatriz' };
/** Worked at Supermercados del Litoral until March 2026 (certificados.spec.ts, corporativas.spec.ts). */
export const SOFIA = { cuil: '27-49012345-3', clave: 'Lapacho-Verde-24!', nombres: 'Sofía Abril' };
/**
 * Only for clave-life.spec.ts, which creates his clave, changes it, recovers it and locks the account:
 * no other journey may depend on his state.
 */
export const LUCAS = {
	cuil: '20-44123456-3',
	dni: '44123456',
	tramite: '00712345689',
	email: 'lucas.romero@example.com',
	nombres: 'Lucas Gabriel'
};

/** The office demo (README): the operator of UDAI Once and two people who come to her counter. */
export const CAROLINA = { cuil: '27-49100001-0', clave: 'Ceibo-Farol-62!', nombres: 'Carolina Inés' };
export const JORGE = {
	cuil: '20-49100002-4',
	clave: 'Quebracho-Sol-35!',
	nombres: 'Jorge Omar',
	tramite: '00967890124'
};
export const NELIDA = {
	cuil: '27-49100003-7',
	clave: 'Totora-Luna-88!',
	nombres: 'Nélida Susana',
	tramite: '00978901235'
};

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Checks the screen as it is now against WCAG 2.2 A/AA with axe; any violation fails the journey. */
export async function expectAccessible(page: Page) {
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	const summary = violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		help: v.help,
		nodes: v.nodes.map((n) => n.target.join(' '))
	}));
	expect(summary, `axe en ${page.url()}`).toEqual([]);
}

/**
 * Chromium logs every 4xx fetch as a console error. A 401 from the session check (nobody signed in) or
 * from a wrong clave, a 423 for an account locked with "No fui yo", a 429 and a 409 for an outdated page, are answers the screens
 * expect and explain; so are a 401 for a passkey the server does not know, a 403 asking for the clave
 * again before a sensitive change, a new clave the policy refuses, wrong security answers and a used
 * "No fui yo" link. Anything else is a bug, and a CSP violation ("Refused to …") always is.
 */
const EXPECTED_REFUSALS: { status: RegExp; path: RegExp }[] = [
	{ status: /^(401|423|429)$/, path: /^\/api\/auth\// },
	{ status: /^401$/, path: /^\/api\/passkeys\/authentication\/verify$/ },
	{ status: /^403$/, path: /^\/api\/passkeys(\/|$)/ },
	{ status: /^400$/, path: /^\/api\/clave\/cambio$/ },
	{ status: /^401$/, path: /^\/api\/clave\/recuperacion\/respuestas$/ },
	{ status: /^400$/, path: /^\/api\/clave\/no-fui-yo$/ },
	{ status: /^403$/, path: /^\/api\/servicios\/(tramites|datos)$/ },
	// The office console refuses a clave sign-in (403) and checks the DNI's número de trámite (422);
	// a wrong or used provisional code is a 401 (oficina.spec.ts).
	{ status: /^(403|422)$/, path: /^\/api\/oficina\// },
	{ status: /^(400|401)$/, path: /^\/api\/clave\/provisoria\// },
	// A page older than the API is told so, and offers to update (app-update.spec.ts).
	{ status: /^409$/, path: /^\/api\// },
	// documentos.spec.ts makes the upload answer "busy" (503) and "refused" (422) to show how the queue
	// waits and how it explains a refusal; a real upload answers 201 or 200.
	{ status: /^(422|503)$/, path: /^\/api\/documentos$/ }
];

function isExpectedApiRefusal(message: ConsoleMessage): boolean {
	// A journey that turns the network off (context.setOffline) expects the API calls to fail.
	if (/net::ERR_INTERNET_DISCONNECTED/.test(message.text())) return true;
	// Chrome itself checks for a new service worker on navigations; offline that fetch fails and Chrome
	// logs this (whether it happens depends on timing: seen once in servicios' offline journey). It is the
	// browser's update check, not our code failing.
	if (message.text() === 'An unknown error occurred when fetching the script.') return true;
	const status = /^Failed to load resource: the server responded with a status of (\d{3})\b/.exec(
		message.text()
	)?.[1];
	if (!status) return false;
	const path = new URL(message.location().url || 'http://x/').pathname;
	return EXPECTED_REFUSALS.some((r) => r.status.test(status) && r.path.test(path));
}

export const test = base.extend<{ consoleErrors: string[] }>({
	consoleErrors: [
		async ({ page }, use) => {
			const errors: string[] = [];
			page.on('console', (message) => {
				if (message.type() === 'error' && !isExpectedApiRefusal(message)) errors.push(message.text());
			});
			page.on('pageerror', (error) => errors.push(error.message));
			await use(errors);
			expect(errors, 'errores en la consola').toEqual([]);
		},
		{ auto: true }
	]
});

export async function signIn(page: Page, account: { cuil: string; clave: string }) {
	await page.getByLabel('CUIL').fill(account.cuil);
	await page.getByLabel('Clave de Seguridad Social').fill(account.clave);
	await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
}

/** The PIN the journeys choose for the vault that keeps data on this device (docs/ARCHITECTURE.md). */
export const VAULT_PIN = '482913';

/**
 * Creates the vault with `VAULT_PIN` from Inicio's offer, and comes back to Inicio. Journeys that need
 * what the phone keeps (offline screens, certificates) call it right after signing in.
 */
export async function createVault(page: Page, pin = VAULT_PIN) {
	await page.getByRole('link', { name: 'Crear PIN' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Protegé tus datos en este teléfono');
	await page.getByLabel('PIN nuevo').fill(pin);
	await page.getByLabel('Repetí el PIN').fill(pin);
	await page.getByRole('button', { name: 'Crear PIN' }).click();
	const skip = page.getByRole('link', { name: 'Ahora no' });
	await expect(skip.or(page.getByRole('heading', { level: 1, name: /^Hola/ }))).toBeVisible();
	if (await skip.isVisible()) await skip.click();
	await expect(page.getByRole('button', { name: 'Bloquear' })).toBeVisible();
}

/**
 * Signs in, creates the vault, and reloads once the service worker is ready so that it controls the page
 * (the first load never is controlled); the reload forgets the vault key, so the PIN opens it again.
 * Journeys that go offline start here.
 */
export async function signInWithVaultOffline(page: Page, account: { cuil: string; clave: string }) {
	await page.goto('/ingresar');
	await signIn(page, account);
	await expect(page).toHaveURL('/inicio');
	await createVault(page);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await page.getByRole('link', { name: 'Desbloquear' }).click();
	await unlockVault(page);
	expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** Moves inside the app, as a tap on a link does (no full load, so the vault stays open). */
export async function tapTo(page: Page, url: string) {
	await page.evaluate((href) => {
		const link = Object.assign(document.createElement('a'), { href });
		document.body.append(link);
		link.click();
		link.remove();
	}, url);
	await expect(page).toHaveURL(url);
}

/** Unlocks the vault with the PIN on the screen that asks for it. */
export async function unlockVault(page: Page, pin = VAULT_PIN) {
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Desbloqueá tus datos');
	await page.getByLabel('PIN', { exact: true }).fill(pin);
	await page.getByRole('button', { name: 'Desbloquear', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Bloquear' })).toBeVisible();
	// "Bloquear" shows while the vault screen still sends the person back where they were: wait for
	// that, or the journey's next tap races it and loses to the pending navigation.
	await expect(page).not.toHaveURL(/\/boveda(\?|$)/);
}

/** Every value in IndexedDB's personal stores, flattened to text (bytes read as latin1). */
export function rawIndexedDb(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ text: string; counts: Record<string, number> }>((resolve, reject) => {
				const open = indexedDB.open('mi-anses');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const stores = ['snapshots', 'certificados', 'vault', 'outbox'];
					const tx = db.transaction(stores);
					const parts: string[] = [];
					const counts: Record<string, number> = {};
					const flat = (v: unknown): string => {
						if (v instanceof ArrayBuffer) return new TextDecoder('latin1').decode(v);
						if (ArrayBuffer.isView(v)) return new TextDecoder('latin1').decode(v);
						if (v && typeof v === 'object') return Object.values(v).map(flat).join('|');
						return String(v);
					};
					for (const s of stores) {
						const all = tx.objectStore(s).getAll();
						all.onsuccess = () => {
							counts[s] = all.result.length;
							parts.push(...all.result.map(flat));
						};
					}
					tx.oncomplete = () => {
						db.close();
						resolve({ text: parts.join('\n'), counts });
					};
				};
			})
	);
}

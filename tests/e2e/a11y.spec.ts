import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
	ROSA,
	VAULT_PIN,
	createVault,
	expect,
	expectAccessible,
	signIn,
	tapTo,
	test,
	unlockVault
} from './fixtures';

/**
 * Every screen of the app, signed out and signed in, checked with axe against WCAG 2.2 A/AA (issue 9,
 * point 3; Argentina's Ley 26.653 asks it of public-sector sites). `SCREENS` is the one table: each
 * folder of src/routes with a `+page.svelte` has a row, and each row lists the states of that screen
 * worth checking (error summaries, the offline banner, locked and unlocked vault, a detail with data).
 * A new screen without a row fails the first test, so the table stays complete as screens are added.
 *
 * The keyboard-only journey (sign in, download a certificate, open it, save its PDF) is
 * certificados.spec.ts › "keyboard only: …"; the sign-in alone by keyboard is login-form.spec.ts.
 */

/** Brings the page to one state of a screen; the table's order is the order they run in. */
type Visit = (page: Page) => Promise<unknown>;
type Screen = {
	/** States checked with nobody signed in (a private screen signed out is the sign-in screen). */
	signedOut?: Record<string, Visit>;
	/** States checked with Rosa signed in and her vault created (the page keeps state between rows). */
	signedIn?: Record<string, Visit>;
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/**
 * Opens `url` and waits for its heading. With the vault open, it moves inside the app (as a tap on a link
 * does), so the vault stays open: a full load would lock it and ask for the PIN again, and each unlock
 * is 600,000 PBKDF2 iterations. Otherwise it is a full load, and a locked vault is opened with the PIN.
 */
async function open(page: Page, url: string, title: string | RegExp) {
	if (await page.getByRole('button', { name: 'Bloquear' }).isVisible()) {
		await tapTo(page, url);
	} else {
		await page.goto(url);
		await page.waitForLoadState('networkidle');
		if (await page.getByText('Tus datos guardados en este teléfono están bloqueados.').isVisible()) {
			await page.getByRole('link', { name: 'Desbloquear' }).first().click();
			await unlockVault(page);
		}
	}
	await expect(page).toHaveURL(url);
	await expect(heading(page)).toHaveText(title);
}

/** Sends the screen's first form empty and waits for the error summary at the top. */
async function submitEmpty(page: Page) {
	await page.getByRole('main').locator('button[type="submit"]').first().click();
	await expect(page.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeFocused();
}

/** Turns the network off, waits for the banner that says so, and turns it back on after the check. */
function offline(url: string, title: string | RegExp): Visit {
	return async (page) => {
		await open(page, url, title);
		await page.context().setOffline(true);
		await expect(page.getByRole('status').filter({ hasText: 'Sin conexión.' })).toBeVisible();
	};
}

/** The certificate Rosa downloads in this run, shown on Verificar signed in. */
let codigo = '';

const SCREENS: Record<string, Screen> = {
	// Signed in, the rows run in this order: the vault first, the certificate before Verificar.
	'(privado)/inicio': {
		signedOut: {
			'lleva a ingresar': async (page) => {
				await page.goto('/inicio');
				await expect(page).toHaveURL(/\/ingresar\?volver=%2Finicio$/);
				await expect(heading(page)).toHaveText('Ingresá a mi ANSES');
			}
		},
		signedIn: {
			'con la oferta del PIN': (page) => open(page, '/inicio', /^Hola, Rosa/),
			'sin conexión': offline('/inicio', /^Hola, Rosa/)
		}
	},
	'(privado)/boveda': {
		signedIn: {
			'crear el PIN': async (page) => {
				await open(page, '/inicio', /^Hola, Rosa/);
				await page.getByRole('link', { name: 'Crear PIN' }).click();
				await expect(heading(page)).toHaveText('Protegé tus datos en este teléfono');
			},
			'PIN que no coincide': async (page) => {
				await page.getByLabel('PIN nuevo').fill(VAULT_PIN);
				await page.getByLabel('Repetí el PIN').fill('111111');
				await page.getByRole('button', { name: 'Crear PIN' }).click();
				await expect(page.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
				await page.goto('/inicio');
				await createVault(page);
			},
			bloqueada: async (page) => {
				await page.goto('/boveda');
				await expect(heading(page)).toHaveText('Desbloqueá tus datos');
			},
			desbloqueada: async (page) => {
				await unlockVault(page);
				await expect(heading(page)).toHaveText(/./);
			}
		}
	},
	'(privado)/prestaciones': {
		signedIn: { 'con su jubilación': (page) => open(page, '/prestaciones', 'Mis prestaciones') }
	},
	'(privado)/cobros': {
		signedIn: { 'fechas, gráfico y tabla': (page) => open(page, '/cobros', 'Cuándo cobro') }
	},
	'(privado)/cobros/[id]': {
		signedIn: {
			recibo: async (page) => {
				await open(page, '/cobros', 'Cuándo cobro');
				await page
					.getByRole('link', { name: /^Recibo de / })
					.first()
					.click();
				await expect(heading(page)).toHaveText(/^Recibo de /);
			},
			'que no existe': (page) => open(page, '/cobros/abc', /./)
		}
	},
	'(privado)/historia-laboral': {
		signedIn: { aportes: (page) => open(page, '/historia-laboral', 'Historia laboral y aportes') }
	},
	'(privado)/tramites': {
		signedIn: { lista: (page) => open(page, '/tramites', 'Trámites') }
	},
	'(privado)/tramites/nuevo': {
		signedIn: { catálogo: (page) => open(page, '/tramites/nuevo', 'Iniciar un trámite') }
	},
	'(privado)/tramites/nuevo/[tipo]': {
		signedIn: {
			formulario: (page) => open(page, '/tramites/nuevo/reclamo', 'Reclamo'),
			'resumen de errores': submitEmpty
		}
	},
	'(privado)/tramites/[id]': {
		signedIn: {
			'recién iniciado': async (page) => {
				await open(page, '/tramites/nuevo/reclamo', 'Reclamo');
				await page.getByLabel('No me acreditaron un pago').check();
				await page.getByLabel('Qué pasó').fill('Revisión de accesibilidad: el pago de noviembre no llegó.');
				await page.getByRole('button', { name: 'Enviar el trámite' }).click();
				await expect(page).toHaveURL(/\/tramites\/\d+\?iniciado$/);
				await expect(page.getByText('Iniciaste el trámite.')).toBeVisible();
			},
			'que no existe': (page) => open(page, '/tramites/abc', /./)
		}
	},
	'(privado)/documentos': {
		signedIn: { opciones: (page) => open(page, '/documentos', 'Presentar documentación') }
	},
	'(privado)/certificados': {
		signedIn: {
			lista: (page) => open(page, '/certificados', 'Mis certificados'),
			'Negativa rechazada': async (page) => {
				await page.getByRole('radio', { name: /^Certificación Negativa/ }).check();
				await page.getByRole('button', { name: 'Pedir y descargar' }).click();
				await expect(
					page.getByRole('heading', { name: /^No podemos emitir la Certificación Negativa/ })
				).toBeFocused({ timeout: 15_000 });
			}
		}
	},
	'(privado)/certificados/[id]': {
		signedIn: {
			'recién descargado': async (page) => {
				await open(page, '/certificados', 'Mis certificados');
				await page.getByRole('radio', { name: /^Constancia de CUIL/ }).check();
				const issued = page.waitForResponse(
					(r) => /\/api\/certificados$/.test(new URL(r.url()).pathname) && r.ok()
				);
				await page.getByRole('button', { name: 'Pedir y descargar' }).click();
				codigo = ((await (await issued).json()) as { certificado: { codigo: string } }).certificado.codigo;
				await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
				await expect(page.getByText('Firma verificada:')).toBeVisible();
			},
			'que no está en este teléfono': (page) =>
				open(page, '/certificados/999999', 'Este certificado no está en este teléfono')
		}
	},
	'(privado)/clave': {
		signedIn: { resumen: (page) => open(page, '/clave', /./) }
	},
	'(privado)/clave/actividad': {
		signedIn: { 'ingresos recientes': (page) => open(page, '/clave/actividad', /./) }
	},
	'(privado)/clave/cambiar': {
		signedIn: {
			formulario: (page) => open(page, '/clave/cambiar', 'Cambiar clave'),
			'resumen de errores': submitEmpty
		}
	},
	'(privado)/clave/passkeys': {
		signedIn: { 'llaves de acceso': (page) => open(page, '/clave/passkeys', /./) }
	},
	'(privado)/mis-datos': {
		signedIn: { datos: (page) => open(page, '/mis-datos', 'Mis datos') }
	},
	'(privado)/turnos': {
		signedIn: { oficinas: (page) => open(page, '/turnos', 'Turnos en una oficina') }
	},
	// Rosa is nivel 2: the screen explains how to reach nivel 3 (the nivel-3 states: corporativas.spec.ts).
	'(privado)/corporativas': {
		signedIn: { 'sin nivel 3': (page) => open(page, '/corporativas', 'Aplicaciones corporativas') }
	},
	// Where "Salir" goes when the phone keeps something of the person; the session stays open.
	'(privado)/salir': {
		signedIn: {
			'qué dejar en el teléfono': async (page) => {
				await open(page, '/inicio', /^Hola, Rosa/);
				await page.getByRole('button', { name: 'Salir', exact: true }).click();
				await expect(heading(page)).toHaveText('Antes de salir');
			}
		}
	},
	ingresar: {
		signedOut: {
			vacío: (page) => open(page, '/ingresar', 'Ingresá a mi ANSES'),
			'resumen de errores': submitEmpty,
			'sin conexión': offline('/ingresar', 'Ingresá a mi ANSES')
		}
	},
	verificar: {
		signedOut: {
			vacío: (page) => open(page, '/verificar', 'Verificar un certificado de ANSES'),
			'código mal escrito': async (page) => {
				await page.getByLabel('Código de verificación').fill('ABC');
				await page.getByRole('button', { name: 'Consultar el código' }).click();
				await expect(page.locator('#codigo-error')).toBeVisible();
			},
			'sin conexión': offline('/verificar', 'Verificar un certificado de ANSES')
		},
		signedIn: {
			'un certificado vigente': async (page) => {
				await open(page, '/verificar', 'Verificar un certificado de ANSES');
				await page.getByLabel('Código de verificación').fill(codigo);
				await page.getByRole('button', { name: 'Consultar el código' }).click();
				await expect(page.getByText(/Rosa Beatriz/).first()).toBeVisible();
			}
		}
	},
	'clave/alta': {
		signedOut: {
			'primer paso': (page) => open(page, '/clave/alta', 'Creá tu Clave de Seguridad Social'),
			'resumen de errores': submitEmpty
		}
	},
	'clave/olvide': {
		signedOut: {
			'primer paso': (page) => open(page, '/clave/olvide', '¿Olvidaste tu Clave de Seguridad Social?'),
			'resumen de errores': submitEmpty
		}
	},
	'clave/no-fui-yo': {
		signedOut: {
			'enlace incompleto': (page) => open(page, '/clave/no-fui-yo', 'Este enlace ya no sirve'),
			// The link's token travels in the fragment; the screen takes it out of the address bar.
			confirmar: async (page) => {
				await page.goto(`/clave/politicas`);
				await page.goto(`/clave/no-fui-yo#${'a'.repeat(22)}`);
				await expect(heading(page)).toHaveText('¿No fuiste vos?');
			}
		}
	},
	'clave/politicas': {
		signedOut: {
			texto: (page) =>
				open(page, '/clave/politicas', 'Políticas de seguridad de la Clave de Seguridad Social')
		}
	},
	// Rosa is not office staff: the console says so (the operator's states: oficina.spec.ts).
	oficina: {
		signedIn: {
			'sin permiso': async (page) => {
				await page.goto('/oficina');
				await expect(heading(page)).toHaveText('No podés usar la consola de la oficina');
			}
		}
	},
	'clave/provisoria': {
		signedOut: {
			'primer paso': (page) =>
				open(page, '/clave/provisoria', 'Ingresá con el código que te dieron en la oficina'),
			'resumen de errores': submitEmpty
		}
	},
	'desarrollo/buzon': {
		signedOut: { mensajes: (page) => open(page, '/desarrollo/buzon', 'Buzón de desarrollo') }
	}
};

const routesDir = fileURLToPath(new URL('../../src/routes/', import.meta.url));

/** Every folder under src/routes that holds a +page.svelte, as a path relative to src/routes. */
function screenRoutes(dir = routesDir): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return screenRoutes(full);
		return entry.name === '+page.svelte' ? [path.relative(routesDir, dir).split(path.sep).join('/')] : [];
	});
}

test('the table covers every screen in src/routes, and only those', () => {
	const routes = screenRoutes().filter((r) => r !== '');
	expect(
		routes.filter((r) => !(r in SCREENS)),
		'pantallas sin fila en SCREENS'
	).toEqual([]);
	expect(
		Object.keys(SCREENS).filter((r) => !routes.includes(r)),
		'filas sin pantalla'
	).toEqual([]);
	for (const [route, screen] of Object.entries(SCREENS))
		expect(
			Object.keys({ ...screen.signedOut, ...screen.signedIn }).length,
			`${route} no revisa ningún estado`
		).toBeGreaterThan(0);
});

async function checkAll(page: Page, which: 'signedOut' | 'signedIn') {
	for (const [route, screen] of Object.entries(SCREENS))
		for (const [state, visit] of Object.entries(screen[which] ?? {}))
			await test.step(`${route}: ${state}`, async () => {
				await visit(page);
				await expectAccessible(page);
				await page.context().setOffline(false);
			});
}

test('signed out, every public screen and its states has no axe violations', async ({ page }) => {
	test.setTimeout(180_000);
	await checkAll(page, 'signedOut');
});

test('signed in, every screen and its states has no axe violations', async ({ page }) => {
	test.setTimeout(300_000);
	await page.goto('/ingresar');
	await signIn(page, ROSA);
	await expect(page).toHaveURL('/inicio');
	await checkAll(page, 'signedIn');
});

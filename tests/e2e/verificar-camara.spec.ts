import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { MENSAJES_INVALIDO } from '../../src/lib/domain/certificados/sello';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { ROSA, createVault, expect, expectAccessible, signIn, test } from './fixtures';

/**
 * Verificar's live camera, end to end. Rosa gets a real Constancia de CUIL; its QR is drawn in Node and
 * written as a Y4M video, which a separate Chromium plays as its camera (`--use-file-for-fake-video-capture`).
 * Headless Chromium on Linux has no BarcodeDetector, so the first two journeys read the frames with jsQR
 * (the second taps twice while the camera starts: one camera only, off after the read); the last gives
 * the page a stand-in BarcodeDetector that answers a tampered payload, which the page must still verify
 * and refuse.
 */

const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? '8788'}`;
const CONTEXT = { baseURL: BASE_URL, locale: 'es-AR', timezoneId: 'America/Argentina/Buenos_Aires' };
/** Pixels per QR module, and white modules around it (the QR standard's quiet zone is 4). */
const ESCALA = 8;
const MARGEN = 4;

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

let emitido: { qr: string; codigo: string };
let lado: number;
let carpeta: string;
let camara: Browser;

/** Rosa signs in, creates her vault and asks for a Constancia de CUIL: its JWS (the QR's fragment) and code. */
async function emitirConstancia(browser: Browser) {
	const context = await browser.newContext(CONTEXT);
	try {
		const page = await context.newPage();
		await page.goto('/ingresar');
		await signIn(page, ROSA);
		await expect(page).toHaveURL('/inicio');
		await createVault(page);
		await page.getByRole('main').getByRole('link', { name: 'Certificados y constancias' }).click();
		await expect(heading(page)).toHaveText('Mis certificados');
		const respuesta = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/certificados'
		);
		await page.getByRole('radio', { name: /^Constancia de CUIL/ }).check();
		await page.getByRole('button', { name: 'Pedir y descargar' }).click();
		const res = await respuesta;
		expect(res.status()).toBe(201);
		const body = (await res.json()) as { qr: string; certificado: { codigo: string } };
		await expect(page).toHaveURL(/\/certificados\/\d+\?descargado$/, { timeout: 30_000 });
		return { qr: body.qr, codigo: body.certificado.codigo };
	} finally {
		await context.close();
	}
}

/**
 * The QR of `text` as a YUV4MPEG2 video (4:2:0, two identical frames; Chromium loops it): black modules
 * on white, `ESCALA` pixels each, `MARGEN` white modules around. Returns the file and its side in pixels.
 */
async function videoDeQr(text: string, dir: string) {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const side = (modules.size + 2 * MARGEN) * ESCALA;
	const y = Buffer.alloc(side * side, 255);
	for (let row = 0; row < modules.size; row++)
		for (let col = 0; col < modules.size; col++) {
			if (!modules.get(row, col)) continue;
			for (let dy = 0; dy < ESCALA; dy++) {
				const start = ((row + MARGEN) * ESCALA + dy) * side + (col + MARGEN) * ESCALA;
				y.fill(0, start, start + ESCALA);
			}
		}
	const uv = Buffer.alloc((side / 2) * (side / 2) * 2, 128);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv]);
	const file = path.join(dir, 'qr.y4m');
	await writeFile(
		file,
		Buffer.concat([Buffer.from(`YUV4MPEG2 W${side} H${side} F10:1 Ip A1:1 C420jpeg\n`), frame, frame])
	);
	return { file, side };
}

/**
 * A context of the fake-camera browser with the camera allowed. It keeps every stream the page gets
 * (`window.camaras`), to check the camera is off after a read, and fails the journey on a console error
 * (nobody is signed in: the session check's 401 is expected).
 */
async function contextoConCamara(): Promise<{ context: BrowserContext; page: Page; errores: string[] }> {
	const context = await camara.newContext({ ...CONTEXT, permissions: ['camera'] });
	await context.addInitScript(() => {
		const w = window as unknown as { camaras: MediaStream[] };
		w.camaras = [];
		const devices = navigator.mediaDevices;
		if (!devices) return;
		const original = devices.getUserMedia.bind(devices);
		devices.getUserMedia = async (constraints) => {
			const stream = await original(constraints);
			w.camaras.push(stream);
			return stream;
		};
	});
	const page = await context.newPage();
	const errores: string[] = [];
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		const sesion =
			/status of 401\b/.test(m.text()) &&
			new URL(m.location().url || 'http://x/').pathname === '/api/auth/session';
		if (!sesion) errores.push(m.text());
	});
	page.on('pageerror', (e) => errores.push(e.message));
	return { context, page, errores };
}

/** The state of each video track the page opened ('live' or 'ended'). */
const camaras = (page: Page) =>
	page.evaluate(() =>
		(window as unknown as { camaras: MediaStream[] }).camaras.map((s) =>
			s.getVideoTracks().map((t) => t.readyState)
		)
	);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
	test.setTimeout(90_000);
	emitido = await emitirConstancia(browser);
	carpeta = await mkdtemp(path.join(tmpdir(), 'mi-anses-camara-'));
	const video = await videoDeQr(`${BASE_URL}/verificar#${emitido.qr}`, carpeta);
	lado = video.side;
	camara = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			...CHROMIUM_ARGS,
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${video.file}`
		]
	});
});

test.afterAll(async () => {
	await camara?.close();
	if (carpeta) await rm(carpeta, { recursive: true, force: true });
});

test('the camera reads a real certificate’s QR (jsQR on the frames), shows it genuine and turns off', async () => {
	const { context, page, errores } = await contextoConCamara();
	try {
		await page.goto('/verificar');
		await expect(heading(page)).toHaveText('Verificar un certificado de ANSES');
		// This Chromium has no BarcodeDetector: the frames go to jsQR.
		expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
		await page.getByRole('button', { name: 'Abrir la cámara' }).click();

		const result = page.getByRole('heading', { level: 2, name: 'Certificado auténtico' });
		await expect(result).toBeFocused({ timeout: 20_000 });
		await expect(page.getByText('los datos del QR no fueron modificados', { exact: false })).toBeVisible();
		const ficha = page.locator('section', { has: result }).locator('dl');
		await expect(ficha).toContainText('Constancia de CUIL');
		await expect(ficha).toContainText('Rosa Beatriz');
		await expect(ficha).toContainText(ROSA.cuil);
		await expect(ficha).toContainText(emitido.codigo);
		await expect(page.getByText('Consultamos a ANSES: no fue anulado.')).toBeVisible();

		// The camera is off after the read: no video on screen, the track ended, the button to open it back.
		await expect(page.getByLabel('Imagen de la cámara')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Abrir la cámara' })).toBeVisible();
		expect(await camaras(page)).toEqual([['ended']]);
		await expectAccessible(page);
		expect(errores, 'errores en la consola').toEqual([]);
	} finally {
		await context.close();
	}
});

test('a second tap while the camera starts opens one camera only, and it is off after the read', async () => {
	const { context, page, errores } = await contextoConCamara();
	try {
		await page.goto('/verificar');
		await expect(heading(page)).toHaveText('Verificar un certificado de ANSES');
		// Two taps before the browser answers the first (an impatient person, or a slow permission prompt).
		await page.getByRole('button', { name: 'Abrir la cámara' }).evaluate((b: HTMLElement) => {
			b.click();
			b.click();
		});
		const result = page.getByRole('heading', { level: 2, name: 'Certificado auténtico' });
		await expect(result).toBeFocused({ timeout: 20_000 });
		await expect(page.getByText('Consultamos a ANSES: no fue anulado.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Abrir la cámara' })).toBeVisible();
		expect(await camaras(page)).toEqual([['ended']]);
		expect(errores, 'errores en la consola').toEqual([]);
	} finally {
		await context.close();
	}
});

test('where the browser has BarcodeDetector the page uses it on the frames, and still refuses a tampered QR', async () => {
	const { context, page, errores } = await contextoConCamara();
	try {
		// One character of the signature changed (the middle one: the last carries unused bits).
		const [h, p, s] = emitido.qr.split('.');
		const i = Math.floor(s.length / 2);
		const cambiado = `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
		await context.addInitScript((rawValue: string) => {
			const w = window as unknown as { lecturas: { video: boolean; ancho: number; alto: number }[] };
			w.lecturas = [];
			class BarcodeDetector {
				formats: string[];
				constructor(options: { formats: string[] }) {
					this.formats = options.formats;
				}
				static async getSupportedFormats() {
					return ['qr_code'];
				}
				async detect(source: unknown) {
					const video = source instanceof HTMLVideoElement ? source : null;
					w.lecturas.push({ video: !!video, ancho: video?.videoWidth ?? 0, alto: video?.videoHeight ?? 0 });
					return [{ rawValue }];
				}
			}
			Object.defineProperty(window, 'BarcodeDetector', {
				configurable: true,
				writable: true,
				value: BarcodeDetector
			});
		}, `${BASE_URL}/verificar#${cambiado}`);

		await page.goto('/verificar');
		await expect(heading(page)).toHaveText('Verificar un certificado de ANSES');
		await page.getByRole('button', { name: 'Abrir la cámara' }).click();

		// The camera shows the genuine QR; only the detector could have read the tampered one.
		const alert = page.getByRole('alert').filter({ hasText: 'No es un certificado auténtico' });
		await expect(alert).toBeVisible({ timeout: 20_000 });
		await expect(alert).toContainText(MENSAJES_INVALIDO.firma);
		// (exact: "No es un certificado auténtico" contains the name too.)
		await expect(
			page.getByRole('heading', { level: 2, name: 'Certificado auténtico', exact: true })
		).toHaveCount(0);
		// It was handed the live video, playing the fake camera's frames, once: the read stops the loop.
		const lecturas = await page.evaluate(
			() => (window as unknown as { lecturas: { video: boolean; ancho: number; alto: number }[] }).lecturas
		);
		expect(lecturas).toEqual([{ video: true, ancho: lado, alto: lado }]);
		await expect(page.getByLabel('Imagen de la cámara')).toHaveCount(0);
		expect(await camaras(page)).toEqual([['ended']]);
		await expectAccessible(page);
		expect(errores, 'errores en la consola').toEqual([]);
	} finally {
		await context.close();
	}
});

/**
 * Reading a QR code from a photo or from the camera: the browser's BarcodeDetector where it has one
 * (Chrome on Android), otherwise jsQR (≈ 45 KiB, loaded only when needed, never on first load).
 */

interface DetectedBarcode {
	rawValue: string;
}
interface BarcodeDetectorLike {
	detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
	new (options: { formats: string[] }): BarcodeDetectorLike;
	getSupportedFormats(): Promise<string[]>;
}

let detector: Promise<BarcodeDetectorLike | null> | undefined;

/** The native QR detector, or null when this browser has none (desktop Linux, Firefox, Safari). */
export function detectorNativo(): Promise<BarcodeDetectorLike | null> {
	detector ??= (async () => {
		const BD = (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
		if (!BD) return null;
		try {
			if (!(await BD.getSupportedFormats()).includes('qr_code')) return null;
			return new BD({ formats: ['qr_code'] });
		} catch {
			return null;
		}
	})();
	return detector;
}

/** Largest side the fallback decoder looks at: enough for a QR filling part of a phone photo. */
const LADO_MAXIMO = 1280;

function pixeles(source: CanvasImageSource, ancho: number, alto: number): ImageData | null {
	const escala = Math.min(1, LADO_MAXIMO / Math.max(ancho, alto));
	const w = Math.max(1, Math.round(ancho * escala));
	const h = Math.max(1, Math.round(alto * escala));
	const canvas = document.createElement('canvas');
	canvas.width = w;
	canvas.height = h;
	const ctx = canvas.getContext('2d', { willReadFrequently: true });
	if (!ctx) return null;
	// White behind transparent PNGs: jsQR reads transparent pixels as black.
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, w, h);
	ctx.drawImage(source, 0, 0, w, h);
	return ctx.getImageData(0, 0, w, h);
}

async function conJsQr(image: ImageData): Promise<string | null> {
	const { default: jsQR } = await import('jsqr');
	return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The text of the QR in a photo, or null when none could be read. */
export async function leerQrDeImagen(file: Blob): Promise<string | null> {
	const bitmap = await createImageBitmap(file);
	try {
		const nativo = await detectorNativo();
		if (nativo) {
			const found = await nativo.detect(bitmap).catch(() => []);
			if (found[0]?.rawValue) return found[0].rawValue;
		}
		const image = pixeles(bitmap, bitmap.width, bitmap.height);
		return image ? conJsQr(image) : null;
	} finally {
		bitmap.close();
	}
}

/** One look at the camera's current frame: the QR's text, or null. */
export async function leerQrDeVideo(video: HTMLVideoElement): Promise<string | null> {
	if (video.readyState < 2 || video.videoWidth === 0) return null;
	const nativo = await detectorNativo();
	if (nativo) {
		const found = await nativo.detect(video).catch(() => []);
		return found[0]?.rawValue ?? null;
	}
	const image = pixeles(video, video.videoWidth, video.videoHeight);
	return image ? conJsQr(image) : null;
}

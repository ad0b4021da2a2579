/**
 * Reading a download while it arrives, so the screen can show a real progress bar on a slow network.
 * Framework-free: the unit tests feed it a Response made in Node.
 */

/** Whole percent received, 0–100; `null` when the size is unknown (the bar then shows no number). */
export function progreso(recibidos: number, total: number | null | undefined): number | null {
	if (!total || total <= 0 || !Number.isFinite(total)) return null;
	return Math.max(0, Math.min(100, Math.floor((recibidos / total) * 100)));
}

/** The size to measure against: the response's Content-Length, else the size the list announced. */
export function tamanioEsperado(response: Response, anunciado?: number): number | null {
	const header = Number(response.headers.get('content-length'));
	if (Number.isFinite(header) && header > 0) return header;
	return anunciado && anunciado > 0 ? anunciado : null;
}

/**
 * The body as a Blob, calling `onProgress(percent | null, received)` after each chunk. Without a
 * readable stream (old browsers) it falls back to `blob()` and reports 100 at the end.
 */
export async function leerConProgreso(
	response: Response,
	anunciado: number | undefined,
	onProgress: (porcentaje: number | null, recibidos: number) => void,
	type = 'application/pdf'
): Promise<Blob> {
	const total = tamanioEsperado(response, anunciado);
	if (!response.body) {
		const blob = await response.blob();
		onProgress(100, blob.size);
		return new Blob([blob], { type });
	}
	const reader = response.body.getReader();
	const partes: Uint8Array[] = [];
	let recibidos = 0;
	onProgress(progreso(0, total), 0);
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		partes.push(value);
		recibidos += value.byteLength;
		onProgress(progreso(recibidos, total), recibidos);
	}
	onProgress(100, recibidos);
	return new Blob(partes as BlobPart[], { type });
}

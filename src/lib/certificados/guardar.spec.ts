import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CertificadoEmitido } from '../domain/api/certificados';

// What is kept on the phone is the vault's business (offline/certificados.spec.ts): here it only records.
const guardar = vi.hoisted(() => vi.fn(async (c: { id: number; pdf: Blob }) => c));
vi.mock('../offline/certificados', () => ({ guardar }));

const PDF = new TextEncoder().encode('%PDF-1.7 sellado');

function emitido(id: number): CertificadoEmitido {
	return {
		certificado: {
			id,
			tipo: 'cuil',
			titulo: 'Constancia de CUIL',
			codigo: 'K7M3-Q9XD-2F4H',
			emitido: '2026-11-20',
			vence: '2027-11-19',
			estado: 'vigente',
			pdfBytes: PDF.byteLength
		},
		qr: 'h.p.s',
		sello: 's',
		datos: {}
	} as unknown as CertificadoEmitido;
}

/** localStorage as Node lacks it; `roto` makes every call throw, as in a private window. */
function memoryStorage(roto = false) {
	const map = new Map<string, string>();
	const fail = () => {
		throw new DOMException('denied', 'SecurityError');
	};
	return {
		getItem: (k: string) => (roto ? fail() : (map.get(k) ?? null)),
		setItem: (k: string, v: string) => (roto ? fail() : void map.set(k, v)),
		map
	};
}

/** The browser as the download sees it: `persist` answers with `respuesta` (or throws it, if an Error). */
function browser(respuesta: boolean | Error | undefined, roto = false) {
	const persist = vi.fn(async () => {
		if (respuesta instanceof Error) throw respuesta;
		return respuesta as boolean;
	});
	vi.stubGlobal('navigator', { storage: respuesta === undefined ? {} : { persist } });
	const storage = memoryStorage(roto);
	vi.stubGlobal('localStorage', storage);
	vi.stubGlobal(
		'fetch',
		vi.fn(
			async () =>
				new Response(PDF, {
					status: 200,
					headers: { 'content-type': 'application/pdf', 'content-length': String(PDF.byteLength) }
				})
		)
	);
	return { persist, storage };
}

async function fresh() {
	vi.resetModules();
	return import('./guardar');
}

async function descargar(id: number) {
	const { descargarAlTelefono } = await fresh();
	return descargarAlTelefono('27-05123456-7', emitido(id), () => {});
}

beforeEach(() => guardar.mockClear());
afterEach(() => vi.unstubAllGlobals());

describe('persistent storage at the first download', () => {
	it('asks the browser once, at the first download, and never again', async () => {
		const { persist, storage } = browser(true);
		await descargar(1);
		expect(persist).toHaveBeenCalledTimes(1);
		expect(storage.map.get('mia:almacenamiento-persistente')).toBe('si');

		// Later downloads, also after a reload (a fresh module): the remembered answer, no new question.
		await descargar(2);
		await descargar(3);
		expect(persist).toHaveBeenCalledTimes(1);
		expect(guardar.mock.calls.map(([c]) => c.id)).toEqual([1, 2, 3]);
	});

	it('a refusal does not stop the download, and is not asked again', async () => {
		const { persist, storage } = browser(false);
		const kept = await descargar(1);
		expect(persist).toHaveBeenCalledTimes(1);
		expect(guardar).toHaveBeenCalledTimes(1);
		expect(new Uint8Array(await kept.pdf.arrayBuffer())).toEqual(PDF);
		expect(storage.map.get('mia:almacenamiento-persistente')).toBe('no');

		await descargar(2);
		expect(persist).toHaveBeenCalledTimes(1);
		expect(guardar).toHaveBeenCalledTimes(2);
	});

	it('a browser that throws, lacks persist() or localStorage still downloads', async () => {
		const throws = browser(new DOMException('nope', 'InvalidStateError'));
		await descargar(1);
		expect(throws.persist).toHaveBeenCalledTimes(1);
		// Nothing learnt from a failure: the next download may ask again.
		expect(throws.storage.map.size).toBe(0);

		browser(undefined);
		await descargar(2);

		const privado = browser(true, true);
		await descargar(3);
		expect(privado.persist).toHaveBeenCalledTimes(1);
		expect(guardar.mock.calls.map(([c]) => c.id)).toEqual([1, 2, 3]);
	});
});

import { describe, expect, it } from 'vitest';
import {
	backoffMs,
	createOutbox,
	outboxKey,
	type OutboxItem,
	type OutboxStorage,
	type Resultado,
	type Sender
} from './outbox';

function memoryStorage(): OutboxStorage & { map: Map<string, OutboxItem> } {
	const map = new Map<string, OutboxItem>();
	return {
		map,
		get: async (key) => map.get(key),
		put: async (key, item) => void map.set(key, { ...item }),
		delete: async (key) => void map.delete(key),
		list: async (prefix) => [...map.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v)
	};
}

const DAIANA = '27-38765432-7';
const ROSA = '27-05123456-7';
const libreta = { motivo: 'libreta_auh' as const, prestacion: 7, anio: 2025 };

/** A server stand-in: answers each try from a script, records every send with its key. */
function fakeSender(script: (item: OutboxItem, n: number) => Resultado | Promise<Resultado>) {
	const sends: { clave: string; bytes: number }[] = [];
	const sender: Sender = async (item, onProgress) => {
		sends.push({ clave: item.clave, bytes: item.archivo?.size ?? -1 });
		onProgress(item.bytes / 2, item.bytes);
		const r = await script(item, sends.length);
		if (r.tipo === 'enviado') onProgress(item.bytes, item.bytes);
		return r;
	};
	return { sender, sends };
}

function setup(script: (item: OutboxItem, n: number) => Resultado | Promise<Resultado>) {
	const storage = memoryStorage();
	const { sender, sends } = fakeSender(script);
	let t = 1_000_000;
	let k = 0;
	const clock = { advance: (ms: number) => (t += ms) };
	const outbox = createOutbox(storage, sender, {
		now: () => t,
		newKey: () => `00000000-0000-4000-8000-${String(++k).padStart(12, '0')}`
	});
	return { storage, sends, outbox, clock };
}

const file = (text = 'foto', type = 'image/jpeg') => new Blob([text], { type });
const enviado = (n: number): Resultado => ({ tipo: 'enviado', documentoId: 100 + n });
const sinRed: Resultado = { tipo: 'reintentar', mensaje: 'No hay conexión.', sinConexion: true };

describe('outbox', () => {
	it('keeps a queued file under the person and its idempotency key, waiting', async () => {
		const { outbox, storage } = setup(enviado.bind(null, 0));
		const item = await outbox.enqueue(DAIANA, {
			destino: libreta,
			descripcion: 'Libreta',
			archivo: file(),
			nombre: 'a.jpg'
		});
		expect(item.estado).toBe('espera');
		expect(storage.map.get(outboxKey(DAIANA, item.clave))?.archivo?.size).toBe(4);
		expect([...storage.map.keys()]).toEqual([`27387654327:${item.clave}`]);
	});

	it('sends each waiting item once, shows progress while sending, then keeps it as sent without the file', async () => {
		const { outbox, storage, sends } = setup((_i, n) => enviado(n));
		const seen: (number | undefined)[] = [];
		outbox.subscribe(() => seen.push(...[...storage.map.values()].map((i) => outbox.progressOf(i.clave))));
		const a = await outbox.enqueue(DAIANA, {
			destino: libreta,
			descripcion: 'A',
			archivo: file('aaaa'),
			nombre: 'a.jpg'
		});
		const b = await outbox.enqueue(DAIANA, {
			destino: libreta,
			descripcion: 'B',
			archivo: file('bb'),
			nombre: 'b.jpg'
		});
		await outbox.flush(DAIANA);
		expect(sends.map((s) => s.clave)).toEqual([a.clave, b.clave]);
		expect(seen).toContain(50);
		expect(seen).toContain(100);
		const items = await outbox.items(DAIANA);
		expect(items.map((i) => [i.estado, i.documentoId, i.archivo])).toEqual([
			['enviado', 101, undefined],
			['enviado', 102, undefined]
		]);
		// Flushing again sends nothing: they are on the server.
		await outbox.flush(DAIANA, true);
		expect(sends.length).toBe(2);
	});

	it("never shows or sends another person's items", async () => {
		const { outbox, sends } = setup((_i, n) => enviado(n));
		await outbox.enqueue(DAIANA, { destino: libreta, descripcion: 'D', archivo: file(), nombre: 'd.jpg' });
		expect(await outbox.items(ROSA)).toEqual([]);
		await outbox.flush(ROSA, true);
		expect(sends).toEqual([]);
	});

	it('without network keeps the item waiting, stops trying the rest, and backs off', async () => {
		let online = false;
		const { outbox, sends, clock } = setup((_i, n) => (online ? enviado(n) : sinRed));
		const a = await outbox.enqueue(DAIANA, {
			destino: libreta,
			descripcion: 'A',
			archivo: file(),
			nombre: 'a.jpg'
		});
		const b = await outbox.enqueue(DAIANA, {
			destino: libreta,
			descripcion: 'B',
			archivo: file(),
			nombre: 'b.jpg'
		});
		await outbox.flush(DAIANA);
		expect(sends.length).toBe(1);
		let [first] = await outbox.items(DAIANA);
		expect(first).toMatchObject({ estado: 'espera', intentos: 1, problema: 'No hay conexión.' });
		expect(first.proximoIntento - 1_000_000).toBe(backoffMs(1));

		// A timer-driven flush before A's backoff ends sends only B, never tried yet.
		online = true;
		clock.advance(1000);
		await outbox.flush(DAIANA);
		expect(sends.map((s) => s.clave)).toEqual([a.clave, b.clave]);
		clock.advance(1000);
		await outbox.flush(DAIANA);
		// The retry uses the same idempotency key as the first try.
		expect(sends.map((s) => s.clave)).toEqual([a.clave, b.clave, a.clave]);
		[first] = await outbox.items(DAIANA);
		expect(first.estado).toBe('enviado');
		expect(first.problema).toBeUndefined();
	});

	it('the online event skips the backoff', async () => {
		let online = false;
		const { outbox, sends } = setup((_i, n) => (online ? enviado(n) : sinRed));
		await outbox.enqueue(DAIANA, { destino: libreta, descripcion: 'A', archivo: file(), nombre: 'a.jpg' });
		await outbox.flush(DAIANA);
		online = true;
		await outbox.flush(DAIANA, true);
		expect(sends.length).toBe(2);
		expect((await outbox.items(DAIANA))[0].estado).toBe('enviado');
	});

	it('a server refusal is final, with its message; "Probar de nuevo" puts it back in line', async () => {
		let refuse = true;
		const { outbox, sends } = setup((_i, n) =>
			refuse
				? { tipo: 'rechazado', mensaje: 'El archivo tiene que ser una foto (JPG o PNG) o un PDF.' }
				: enviado(n)
		);
		const a = await outbox.enqueue(DAIANA, {
			destino: libreta,
			descripcion: 'A',
			archivo: file(),
			nombre: 'a.jpg'
		});
		await outbox.flush(DAIANA);
		await outbox.flush(DAIANA, true);
		expect(sends.length).toBe(1);
		expect((await outbox.items(DAIANA))[0]).toMatchObject({
			estado: 'error',
			problema: 'El archivo tiene que ser una foto (JPG o PNG) o un PDF.'
		});
		refuse = false;
		await outbox.retry(DAIANA, a.clave);
		await outbox.flush(DAIANA);
		expect((await outbox.items(DAIANA))[0].estado).toBe('enviado');
		expect(sends.map((s) => s.clave)).toEqual([a.clave, a.clave]);
	});

	it('two flushes at once (online event and app start together) send each item once', async () => {
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const { outbox, sends } = setup(async (_i, n) => {
			await gate;
			return enviado(n);
		});
		await outbox.enqueue(DAIANA, { destino: libreta, descripcion: 'A', archivo: file(), nombre: 'a.jpg' });
		await outbox.enqueue(DAIANA, { destino: libreta, descripcion: 'B', archivo: file(), nombre: 'b.jpg' });
		const both = Promise.all([outbox.flush(DAIANA, true), outbox.flush(DAIANA, true), outbox.flush(DAIANA)]);
		release();
		await both;
		expect(sends.length).toBe(2);
		expect(new Set(sends.map((s) => s.clave)).size).toBe(2);
	});

	it('an item removed while it was being sent does not come back', async () => {
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const { outbox } = setup(async (_i, n) => {
			await gate;
			return enviado(n);
		});
		const a = await outbox.enqueue(DAIANA, {
			destino: libreta,
			descripcion: 'A',
			archivo: file(),
			nombre: 'a.jpg'
		});
		const sending = outbox.flush(DAIANA);
		await new Promise((r) => setTimeout(r, 0));
		await outbox.remove(DAIANA, a.clave);
		release();
		await sending;
		expect(await outbox.items(DAIANA)).toEqual([]);
	});

	it('a sender that throws counts as a network failure, not a lost item', async () => {
		const { outbox } = setup(() => {
			throw new Error('se cortó');
		});
		await outbox.enqueue(DAIANA, { destino: libreta, descripcion: 'A', archivo: file(), nombre: 'a.jpg' });
		await outbox.flush(DAIANA);
		expect((await outbox.items(DAIANA))[0]).toMatchObject({ estado: 'espera', intentos: 1 });
	});

	it('backs off 2 s, 4 s, 8 s… up to 5 minutes', () => {
		expect([1, 2, 3, 4, 20].map(backoffMs)).toEqual([2000, 4000, 8000, 16000, 300000]);
	});
});

import type { DestinoDocumento } from '../domain/api/documentos';
import { openOfflineDb, type Envelope } from './db';
import { isEnvelope, vault as appVault, type Vault } from './vault';

/**
 * The outbox (issue 7, point 6): documents the person chose to send, kept on this device until the
 * server has them. Each item carries the idempotency key it was queued with, and every send of it uses
 * that key, so retries (a dropped connection, the `online` event, app start, Background Sync, two tabs)
 * can never make a second document on the server: the Worker answers a repeated key with the same one.
 *
 * Records live in the `outbox` store keyed `<cuil digits>:<idempotency key>`, sealed by the vault with
 * the file inside (`sealedOutboxStorage` below). All reads and writes go through `OutboxStorage`, so
 * the unit tests of the queue itself use a Map.
 */

export type EstadoEnvio = 'espera' | 'enviado' | 'error';

export interface OutboxItem {
	/** The idempotency key (a UUID), also the key's suffix. */
	clave: string;
	/** The person's CUIL, 11 digits: also the key's prefix. */
	cuil: string;
	destino: DestinoDocumento;
	/** What it is for, as the person reads it ("Libreta AUH 2025 de Thiago"). */
	descripcion: string;
	nombre: string;
	tipo: string;
	bytes: number;
	/** The file; dropped once the server has it. */
	archivo?: Blob;
	estado: EstadoEnvio;
	/** Tries so far that failed for a reason worth retrying (network, server busy). */
	intentos: number;
	/** Epoch ms before which no automatic retry is made (backoff). */
	proximoIntento: number;
	/** Why the last try failed: final for `error`, informative while `espera`. */
	problema?: string;
	documentoId?: number;
	creadoAt: string;
	enviadoAt?: string;
}

/** Where the outbox keeps its items: IndexedDB behind the vault in the browser, a Map in tests. */
export interface OutboxStorage {
	get(key: string): Promise<OutboxItem | undefined>;
	put(key: string, item: OutboxItem): Promise<void>;
	delete(key: string): Promise<void>;
	/** Every item whose key starts with `prefix`. */
	list(prefix: string): Promise<OutboxItem[]>;
}

/** An outbox item at rest: its fields (JSON) and its file's bytes, each sealed under the record key. */
export interface OutboxSellado {
	meta: Envelope;
	archivo?: Envelope;
}

const isSellado = (v: unknown): v is OutboxSellado =>
	typeof v === 'object' && v !== null && isEnvelope((v as OutboxSellado).meta);

const cuilOf = (key: string) => key.split(':')[0];

/**
 * The outbox behind the vault (issue 7, point 5: queued uploads are personal data too). While the
 * person's vault is open, items are sealed into IndexedDB: the fields and the file, each under its record
 * key as AES-GCM additional data, so a record moved to another person or another item fails to open.
 *
 * While it is locked, or before the person made a PIN, an item lives only in this page's memory: it can
 * still be sent while the page is open (online, nothing needs to be kept), but it is never written in the
 * clear, and the page tells the person that keeping it on the phone needs the PIN. Sealed items of a
 * locked vault are not listed nor sent until it is opened: sending one needs its file, which is sealed.
 */
export function sealedOutboxStorage(vault: Vault): OutboxStorage & {
	/** How many items this device keeps sealed for the person (counted without the key). */
	sealedCount(cuil: string): Promise<number>;
} {
	const memory = new Map<string, OutboxItem>();
	const range = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

	async function seal(key: string, item: OutboxItem): Promise<OutboxSellado> {
		const { archivo, ...fields } = item;
		const sealed: OutboxSellado = { meta: await vault.sealJson('outbox', `${key}#meta`, fields) };
		if (archivo) sealed.archivo = await vault.seal('outbox', `${key}#archivo`, await archivo.arrayBuffer());
		return sealed;
	}

	async function unseal(key: string, sealed: OutboxSellado): Promise<OutboxItem> {
		const fields = await vault.openJson<Omit<OutboxItem, 'archivo'>>('outbox', `${key}#meta`, sealed.meta);
		if (!sealed.archivo) return fields;
		const bytes = await vault.open('outbox', `${key}#archivo`, sealed.archivo);
		return { ...fields, archivo: new Blob([bytes], { type: fields.tipo }) };
	}

	async function readSealed(key: string, value: unknown): Promise<OutboxItem | undefined> {
		// Anything that is not an envelope was not written by this code (or was altered): never shown.
		if (!isSellado(value)) return undefined;
		// A record that does not open under its own key (moved, tampered) is skipped, not trusted.
		return unseal(key, value).catch(() => undefined);
	}

	return {
		async get(key) {
			const kept = memory.get(key);
			if (kept) return kept;
			if (!vault.isUnlockedFor(cuilOf(key))) return undefined;
			return readSealed(key, await (await openOfflineDb()).get('outbox', key));
		},
		async put(key, item) {
			if (!vault.isUnlockedFor(cuilOf(key))) {
				memory.set(key, item);
				return;
			}
			await (await openOfflineDb()).put('outbox', await seal(key, item), key);
			memory.delete(key);
		},
		async delete(key) {
			memory.delete(key);
			await (await openOfflineDb()).delete('outbox', key);
		},
		async list(prefix) {
			const mine = [...memory.entries()].filter(([k]) => k.startsWith(prefix));
			const found = new Map(mine);
			if (vault.isUnlockedFor(cuilOf(prefix))) {
				const db = await openOfflineDb();
				const keys = await db.getAllKeys('outbox', range(prefix));
				for (const key of keys) {
					if (found.has(key)) continue;
					const item = await readSealed(key, await db.get('outbox', key));
					if (item) found.set(key, item);
				}
			}
			return [...found.values()];
		},
		async sealedCount(cuil) {
			return (await openOfflineDb()).count('outbox', range(outboxKey(cuil, '')));
		}
	};
}

/** The app's outbox storage: sealed by the app's one vault. */
export const idbOutboxStorage = sealedOutboxStorage(appVault);

/** What one try to send an item came to. */
export type Resultado =
	| { tipo: 'enviado'; documentoId: number }
	/** The server refused it for good (a 4xx): the message is the server's, for the person. */
	| { tipo: 'rechazado'; mensaje: string }
	/** Worth trying again: no network, the server busy or failing, the session ended. */
	| { tipo: 'reintentar'; mensaje: string; sinConexion: boolean; esperaMs?: number };

/** Sends one item; reports upload progress as bytes sent of total. */
export type Sender = (
	item: OutboxItem,
	onProgress: (sent: number, total: number) => void
) => Promise<Resultado>;

export const outboxKey = (cuil: string, clave: string) => `${cuil.replace(/\D/g, '')}:${clave}`;
const prefixOf = (cuil: string) => outboxKey(cuil, '');

/** 2 s, 4 s, 8 s… up to 5 minutes between automatic retries of the same item. */
export function backoffMs(intentos: number): number {
	return Math.min(5 * 60_000, 2000 * 2 ** Math.max(0, intentos - 1));
}

export interface OutboxOptions {
	now?: () => number;
	newKey?: () => string;
}

export interface NuevoEnvio {
	destino: DestinoDocumento;
	descripcion: string;
	archivo: Blob;
	nombre: string;
}

export function createOutbox(storage: OutboxStorage, send: Sender, options: OutboxOptions = {}) {
	const now = options.now ?? Date.now;
	const newKey = options.newKey ?? (() => crypto.randomUUID());
	/** Items being sent right now, with their progress 0–100. Kept in memory: a send dies with the page. */
	const progress = new Map<string, number>();
	const listeners = new Set<() => void>();
	/** One flush at a time per person: a second call waits for the first and then looks again. */
	const flushing = new Map<string, Promise<void>>();

	const changed = () => listeners.forEach((l) => l());

	async function items(cuil: string): Promise<OutboxItem[]> {
		const list = await storage.list(prefixOf(cuil));
		return list.sort((a, b) => a.creadoAt.localeCompare(b.creadoAt) || a.clave.localeCompare(b.clave));
	}

	async function enqueue(cuil: string, nuevo: NuevoEnvio): Promise<OutboxItem> {
		const item: OutboxItem = {
			clave: newKey(),
			cuil: cuil.replace(/\D/g, ''),
			destino: nuevo.destino,
			descripcion: nuevo.descripcion,
			nombre: nuevo.nombre,
			tipo: nuevo.archivo.type,
			bytes: nuevo.archivo.size,
			archivo: nuevo.archivo,
			estado: 'espera',
			intentos: 0,
			proximoIntento: 0,
			creadoAt: new Date(now()).toISOString()
		};
		await storage.put(outboxKey(cuil, item.clave), item);
		changed();
		return item;
	}

	async function sendOne(cuil: string, item: OutboxItem): Promise<Resultado> {
		const key = outboxKey(cuil, item.clave);
		progress.set(item.clave, 0);
		changed();
		let resultado: Resultado;
		try {
			resultado = await send(item, (sent, total) => {
				progress.set(item.clave, total > 0 ? Math.min(100, Math.floor((sent / total) * 100)) : 0);
				changed();
			});
		} catch (cause) {
			resultado = {
				tipo: 'reintentar',
				mensaje: cause instanceof Error ? cause.message : 'No pudimos enviarlo.',
				sinConexion: true
			};
		} finally {
			progress.delete(item.clave);
		}
		// Read again: the person may have removed it while it was being sent.
		const actual = await storage.get(key);
		if (actual) {
			if (resultado.tipo === 'enviado') {
				const { archivo: _sent, problema: _none, ...rest } = actual;
				await storage.put(key, {
					...rest,
					estado: 'enviado',
					documentoId: resultado.documentoId,
					enviadoAt: new Date(now()).toISOString()
				});
			} else if (resultado.tipo === 'rechazado') {
				await storage.put(key, { ...actual, estado: 'error', problema: resultado.mensaje });
			} else {
				const intentos = actual.intentos + 1;
				await storage.put(key, {
					...actual,
					intentos,
					problema: resultado.mensaje,
					proximoIntento: now() + Math.max(resultado.esperaMs ?? 0, backoffMs(intentos))
				});
			}
		}
		changed();
		return resultado;
	}

	async function flushOnce(cuil: string, ignorarEspera: boolean) {
		for (const item of await items(cuil)) {
			if (item.estado !== 'espera' || !item.archivo) continue;
			if (!ignorarEspera && item.proximoIntento > now()) continue;
			const r = await sendOne(cuil, item);
			// Without a network the others would fail the same way: wait for the next chance.
			if (r.tipo === 'reintentar' && r.sinConexion) return;
		}
	}

	/**
	 * Sends every waiting item of the person, one after another. `ignorarEspera` (the network just came
	 * back, the app just started) skips the backoff. Never sends an item twice at once from this page.
	 */
	function flush(cuil: string, ignorarEspera = false): Promise<void> {
		const prefix = prefixOf(cuil);
		const running = flushing.get(prefix);
		if (running) return running.then(() => flush(cuil, ignorarEspera));
		const run = flushOnce(cuil, ignorarEspera).finally(() => flushing.delete(prefix));
		flushing.set(prefix, run);
		return run;
	}

	/** The earliest automatic retry among waiting items, or null. */
	async function nextRetryAt(cuil: string): Promise<number | null> {
		const waiting = (await items(cuil)).filter((i) => i.estado === 'espera' && i.archivo);
		return waiting.length ? Math.min(...waiting.map((i) => i.proximoIntento)) : null;
	}

	/** An item that ended in error goes back to waiting (the person tapped "Probar de nuevo"). */
	async function retry(cuil: string, clave: string) {
		const key = outboxKey(cuil, clave);
		const item = await storage.get(key);
		if (!item || item.estado !== 'error' || !item.archivo) return;
		const { problema: _old, ...rest } = item;
		await storage.put(key, { ...rest, estado: 'espera', intentos: 0, proximoIntento: 0 });
		changed();
	}

	async function remove(cuil: string, clave: string) {
		await storage.delete(outboxKey(cuil, clave));
		changed();
	}

	return {
		items,
		enqueue,
		flush,
		retry,
		remove,
		nextRetryAt,
		/** Upload progress (0–100) of an item being sent now, or undefined. */
		progressOf: (clave: string) => progress.get(clave),
		subscribe(listener: () => void) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		}
	};
}

export type Outbox = ReturnType<typeof createOutbox>;

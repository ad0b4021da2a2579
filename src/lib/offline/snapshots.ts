import { ApiError } from '../api/client';
import { openOfflineDb, type Snapshot } from './db';

export type { Snapshot };

/** Where snapshots are kept: IndexedDB in the browser, a map in the unit tests. */
export interface SnapshotStorage {
	get(key: string): Promise<Snapshot | undefined>;
	put(key: string, snapshot: Snapshot): Promise<void>;
	/** Removes every key that starts with `prefix`. */
	deletePrefix(prefix: string): Promise<void>;
}

export const idbStorage: SnapshotStorage = {
	async get(key) {
		return (await openOfflineDb()).get('snapshots', key);
	},
	async put(key, snapshot) {
		await (await openOfflineDb()).put('snapshots', snapshot, key);
	},
	async deletePrefix(prefix) {
		// Keys sort as strings: every key with the prefix lies between it and the prefix + U+FFFF.
		const db = await openOfflineDb();
		await db.delete('snapshots', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
	}
};

/**
 * A screen's data: live, or the copy kept on this device when there is no connection, with its date.
 * `savedAt` is set only for the kept copy, so the screen can say "Sin conexión. Datos al …".
 */
export type Loaded<T> = { data: T; offline: false } | { data: T; offline: true; savedAt: string };

/** Snapshots belong to a person: the key starts with the CUIL, so nobody reads someone else's. */
export function snapshotKey(cuil: string, screen: string): string {
	return `${cuil.replace(/\D/g, '')}:${screen}`;
}

export function createSnapshots(storage: SnapshotStorage, now: () => Date = () => new Date()) {
	async function saveSnapshot<T>(key: string, data: T): Promise<void> {
		await storage.put(key, { data, savedAt: now().toISOString() });
	}

	async function readSnapshot<T>(key: string): Promise<Snapshot<T> | undefined> {
		return (await storage.get(key)) as Snapshot<T> | undefined;
	}

	async function clearPersonData(cuil: string): Promise<void> {
		await storage.deletePrefix(snapshotKey(cuil, ''));
	}

	/**
	 * The live data (kept for next time), or, only when the network failed, the kept copy. Any answer
	 * from the server (401, 404, 500…) is thrown as it came: an old copy must not hide it.
	 */
	async function loadWithSnapshot<T>(key: string, fetcher: () => Promise<T>): Promise<Loaded<T>> {
		let data: T;
		try {
			data = await fetcher();
		} catch (cause) {
			if (!(cause instanceof ApiError) || cause.status !== 0) throw cause;
			const kept = await readSnapshot<T>(key).catch(() => undefined);
			if (!kept) throw cause;
			return { data: kept.data, offline: true, savedAt: kept.savedAt };
		}
		// A private window or a full disk must not break a screen that did load.
		await saveSnapshot(key, data).catch(() => {});
		return { data, offline: false };
	}

	return { saveSnapshot, readSnapshot, clearPersonData, loadWithSnapshot };
}

export const { saveSnapshot, readSnapshot, clearPersonData, loadWithSnapshot } = createSnapshots(idbStorage);

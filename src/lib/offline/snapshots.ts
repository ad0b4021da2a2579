import { ApiError } from '../api/client';
import { openOfflineDb, type Snapshot } from './db';
import { isEnvelope, vault as appVault, VaultLockedError, type Vault } from './vault';

export type { Snapshot };

/** Where snapshots are kept: IndexedDB in the browser, a map in the unit tests. */
export interface SnapshotStorage {
	get(key: string): Promise<Snapshot | undefined>;
	put(key: string, snapshot: Snapshot): Promise<void>;
	/** Removes every key that starts with `prefix`. */
	deletePrefix(prefix: string): Promise<void>;
}

/**
 * IndexedDB, sealed by the vault: a snapshot is written and read only while the person's vault is open.
 * Locked, nothing is read (the screen shows live data or says there is no copy) and nothing is written.
 */
export const sealedSnapshots = (vault: Vault): SnapshotStorage => ({
	async get(key) {
		if (!vault.isUnlockedFor(key.split(':')[0])) return undefined;
		const stored = await (await openOfflineDb()).get('snapshots', key);
		// A plaintext record from before the vault is never trusted nor shown.
		if (!isEnvelope(stored)) return undefined;
		return vault.openJson<Snapshot>('snapshots', key, stored);
	},
	async put(key, snapshot) {
		if (!vault.isUnlockedFor(key.split(':')[0])) throw new VaultLockedError();
		const sealed = await vault.sealJson('snapshots', key, snapshot);
		await (await openOfflineDb()).put('snapshots', sealed, key);
	},
	async deletePrefix(prefix) {
		// Keys sort as strings: every key with the prefix lies between it and the prefix + U+FFFF.
		const db = await openOfflineDb();
		await db.delete('snapshots', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
	}
});

export const idbStorage = sealedSnapshots(appVault);

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

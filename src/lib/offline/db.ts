import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The app's one IndexedDB database. Each version adds its steps to `upgrade` below and never rewrites
 * an earlier one, so a device that skipped versions runs every step it missed, in order.
 */
export const DB_NAME = 'mi-anses';
export const DB_VERSION = 1;

export interface Snapshot<T = unknown> {
	data: T;
	/** When the screen last loaded this from the server (ISO). */
	savedAt: string;
}

export interface OfflineSchema extends DBSchema {
	/** The last data each screen loaded, keyed by `<cuil>:<screen>`. */
	snapshots: { key: string; value: Snapshot };
}

export function upgrade(db: IDBPDatabase<OfflineSchema>, oldVersion: number) {
	if (oldVersion < 1) db.createObjectStore('snapshots');
	// if (oldVersion < 2) { … } — the next version's steps go here.
}

let opening: Promise<IDBPDatabase<OfflineSchema>> | undefined;

export function openOfflineDb(): Promise<IDBPDatabase<OfflineSchema>> {
	opening ??= openDB<OfflineSchema>(DB_NAME, DB_VERSION, {
		upgrade: (db, oldVersion) => upgrade(db, oldVersion),
		// Another tab opened a newer version: let it upgrade, and open again next time.
		blocking: (_current, _next, event) => {
			(event.target as IDBDatabase).close();
			opening = undefined;
		}
	});
	return opening.catch((cause) => {
		opening = undefined;
		throw cause;
	});
}

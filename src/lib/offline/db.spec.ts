import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, upgrade, type OfflineSchema } from './db';

let n = 0;
const freshName = () => `mi-anses-test-${++n}`;

/** Version 1 exactly as it shipped: only the snapshots store. Never change this copy. */
function upgradeV1(db: IDBPDatabase<unknown>, oldVersion: number) {
	if (oldVersion < 1) db.createObjectStore('snapshots');
}

/** Version 2 exactly as it shipped: v1 plus certificates and the key set. Never change this copy. */
function upgradeV2(db: IDBPDatabase<unknown>, oldVersion: number) {
	upgradeV1(db, oldVersion);
	if (oldVersion < 2) {
		db.createObjectStore('certificados');
		db.createObjectStore('claves');
	}
}

const ALL_STORES = ['certificados', 'claves', 'outbox', 'snapshots', 'vault'];

describe('offline database upgrades', () => {
	it('v1 → current keeps the snapshots and adds every later store', async () => {
		const name = freshName();
		const v1 = await openDB(name, 1, { upgrade: (db, old) => upgradeV1(db, old) });
		await v1.put(
			'snapshots',
			{ data: { items: [1] }, savedAt: '2026-11-01T10:00:00.000Z' },
			'27051234567:cobros'
		);
		v1.close();

		const v2 = await openDB<OfflineSchema>(name, DB_VERSION, { upgrade: (db, old) => upgrade(db, old) });
		expect(v2.version).toBe(DB_VERSION);
		expect([...v2.objectStoreNames].sort()).toEqual(ALL_STORES);
		expect(await v2.get('snapshots', '27051234567:cobros')).toEqual({
			data: { items: [1] },
			savedAt: '2026-11-01T10:00:00.000Z'
		});
		expect(await v2.count('certificados')).toBe(0);
		v2.close();
	});

	it('v2 → current keeps certificates and keys, and adds the vault and outbox stores', async () => {
		const name = freshName();
		const v2 = await openDB(name, 2, { upgrade: (db, old) => upgradeV2(db, old) });
		await v2.put('claves', { jwks: { keys: [] }, savedAt: 'x' }, 'jwks');
		await v2.put('certificados', { id: 1, cuil: '27051234567' }, '27051234567:1');
		v2.close();

		const now = await openDB<OfflineSchema>(name, DB_VERSION, { upgrade: (db, old) => upgrade(db, old) });
		expect([...now.objectStoreNames].sort()).toEqual(ALL_STORES);
		expect(await now.get('claves', 'jwks')).toEqual({ jwks: { keys: [] }, savedAt: 'x' });
		expect(await now.count('certificados')).toBe(1);
		expect(await now.count('vault')).toBe(0);
		expect(await now.count('outbox')).toBe(0);
		now.close();
	});

	it('a new device (v0 → current) gets every store', async () => {
		const db = await openDB<OfflineSchema>(freshName(), DB_VERSION, {
			upgrade: (d, old) => upgrade(d, old)
		});
		expect([...db.objectStoreNames].sort()).toEqual(ALL_STORES);
		db.close();
	});

	it('opening the current version again runs no step (nothing is recreated or cleared)', async () => {
		const name = freshName();
		const first = await openDB<OfflineSchema>(name, DB_VERSION, { upgrade: (d, old) => upgrade(d, old) });
		await first.put('claves', { jwks: { keys: [] }, savedAt: 'x' }, 'jwks');
		first.close();
		const again = await openDB<OfflineSchema>(name, DB_VERSION, { upgrade: (d, old) => upgrade(d, old) });
		expect(await again.get('claves', 'jwks')).toEqual({ jwks: { keys: [] }, savedAt: 'x' });
		again.close();
	});
});

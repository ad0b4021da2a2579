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

describe('offline database upgrades', () => {
	it('v1 → v2 keeps the snapshots and adds the certificate and key stores', async () => {
		const name = freshName();
		const v1 = await openDB(name, 1, { upgrade: (db, old) => upgradeV1(db, old) });
		await v1.put(
			'snapshots',
			{ data: { items: [1] }, savedAt: '2026-11-01T10:00:00.000Z' },
			'27051234567:cobros'
		);
		v1.close();

		const v2 = await openDB<OfflineSchema>(name, DB_VERSION, { upgrade: (db, old) => upgrade(db, old) });
		expect(v2.version).toBe(2);
		expect([...v2.objectStoreNames].sort()).toEqual(['certificados', 'claves', 'snapshots']);
		expect(await v2.get('snapshots', '27051234567:cobros')).toEqual({
			data: { items: [1] },
			savedAt: '2026-11-01T10:00:00.000Z'
		});
		expect(await v2.count('certificados')).toBe(0);
		v2.close();
	});

	it('a new device (v0 → v2) gets every store', async () => {
		const db = await openDB<OfflineSchema>(freshName(), DB_VERSION, {
			upgrade: (d, old) => upgrade(d, old)
		});
		expect([...db.objectStoreNames].sort()).toEqual(['certificados', 'claves', 'snapshots']);
		db.close();
	});

	it('opening v2 again runs no step (nothing is recreated or cleared)', async () => {
		const name = freshName();
		const first = await openDB<OfflineSchema>(name, DB_VERSION, { upgrade: (d, old) => upgrade(d, old) });
		await first.put('claves', { jwks: { keys: [] }, savedAt: 'x' }, 'jwks');
		first.close();
		const again = await openDB<OfflineSchema>(name, DB_VERSION, { upgrade: (d, old) => upgrade(d, old) });
		expect(await again.get('claves', 'jwks')).toEqual({ jwks: { keys: [] }, savedAt: 'x' });
		again.close();
	});
});

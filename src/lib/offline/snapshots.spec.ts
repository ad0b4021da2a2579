import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { createSnapshots, snapshotKey, type Snapshot, type SnapshotStorage } from './snapshots';

function memoryStorage(): SnapshotStorage & { map: Map<string, Snapshot> } {
	const map = new Map<string, Snapshot>();
	return {
		map,
		get: async (key) => map.get(key),
		put: async (key, snapshot) => void map.set(key, structuredClone(snapshot)),
		deletePrefix: async (prefix) => {
			for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
		}
	};
}

const offline = () => Promise.reject(new ApiError(0, { code: 'sin_conexion', message: 'No hay conexión.' }));
const ROSA = snapshotKey('27-05123456-7', 'prestaciones');
const MARTIN = snapshotKey('23-30456789-9', 'prestaciones');

describe('loadWithSnapshot', () => {
	it('returns live data and keeps it with the time it was loaded', async () => {
		const storage = memoryStorage();
		const { loadWithSnapshot } = createSnapshots(storage, () => new Date('2026-11-12T17:30:00Z'));
		const loaded = await loadWithSnapshot(ROSA, async () => ({ items: [1, 2] }));
		expect(loaded).toEqual({ data: { items: [1, 2] }, offline: false });
		expect(storage.map.get(ROSA)).toEqual({ data: { items: [1, 2] }, savedAt: '2026-11-12T17:30:00.000Z' });
	});

	it('without a connection, returns the kept copy with its date and says it is not live', async () => {
		const storage = memoryStorage();
		const { loadWithSnapshot } = createSnapshots(storage, () => new Date('2026-11-12T17:30:00Z'));
		await loadWithSnapshot(ROSA, async () => 'antes');
		expect(await loadWithSnapshot(ROSA, offline)).toEqual({
			data: 'antes',
			offline: true,
			savedAt: '2026-11-12T17:30:00.000Z'
		});
	});

	it('without a connection and no copy, fails as the network failed', async () => {
		const { loadWithSnapshot } = createSnapshots(memoryStorage());
		await expect(loadWithSnapshot(ROSA, offline)).rejects.toMatchObject({ status: 0 });
	});

	it('never shows an old copy in place of an answer from the server', async () => {
		const { loadWithSnapshot } = createSnapshots(memoryStorage());
		await loadWithSnapshot(ROSA, async () => 'antes');
		const refused = () =>
			Promise.reject(new ApiError(401, { code: 'sin_sesion', message: 'Ingresá de nuevo.' }));
		await expect(loadWithSnapshot(ROSA, refused)).rejects.toMatchObject({ status: 401 });
	});

	it("does not show one person's copy to another on the same device", async () => {
		const { loadWithSnapshot } = createSnapshots(memoryStorage());
		await loadWithSnapshot(ROSA, async () => 'de Rosa');
		await expect(loadWithSnapshot(MARTIN, offline)).rejects.toMatchObject({ status: 0 });
	});

	it('still returns live data when the device cannot keep a copy', async () => {
		const storage = memoryStorage();
		storage.put = () => Promise.reject(new Error('QuotaExceededError'));
		const { loadWithSnapshot } = createSnapshots(storage);
		expect(await loadWithSnapshot(ROSA, async () => 'vivo')).toEqual({ data: 'vivo', offline: false });
	});
});

describe('clearPersonData', () => {
	it("removes one person's copies and nobody else's", async () => {
		const storage = memoryStorage();
		const { saveSnapshot, clearPersonData, readSnapshot } = createSnapshots(storage);
		await saveSnapshot(ROSA, 1);
		await saveSnapshot(snapshotKey('27-05123456-7', 'cobros'), 2);
		await saveSnapshot(MARTIN, 3);
		await clearPersonData('27051234567');
		expect([...storage.map.keys()]).toEqual([MARTIN]);
		expect(await readSnapshot(MARTIN)).toMatchObject({ data: 3 });
	});
});

describe('snapshotKey', () => {
	it('is the CUIL without dashes and the screen', () => {
		expect(snapshotKey('27-05123456-7', 'cobros')).toBe('27051234567:cobros');
	});
});

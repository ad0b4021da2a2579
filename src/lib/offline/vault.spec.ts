import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCertificados, sealedCertificados } from './certificados';
import { openOfflineDb } from './db';
import { createSnapshots, sealedSnapshots } from './snapshots';
import { createVault, PIN_TRIES, VaultLockedError } from './vault';

// The count is stored with each wrap; the tests use fewer iterations than the app's 600,000 to stay fast.
const fast = () => createVault({ iterations: 1000 });

const ROSA = '27051234567';
const MARTIN = '23304567899';
const PIN = '482913';

async function clearDb() {
	const db = await openOfflineDb();
	for (const store of ['snapshots', 'certificados', 'vault', 'outbox', 'claves'] as const)
		await db.clear(store);
}

/** Every value in the personal stores, as text, to look for plaintext. */
async function rawDump(): Promise<string> {
	const db = await openOfflineDb();
	const parts: string[] = [];
	const text = (v: unknown): string => {
		if (v instanceof ArrayBuffer) return new TextDecoder('latin1').decode(v);
		if (ArrayBuffer.isView(v)) return new TextDecoder('latin1').decode(v as Uint8Array);
		if (v && typeof v === 'object') return Object.values(v).map(text).join('|');
		return String(v);
	};
	for (const store of ['snapshots', 'certificados', 'vault'] as const)
		for (const v of await db.getAll(store)) parts.push(text(v));
	return parts.join('\n');
}

function cert(cuil: string, id: number) {
	return {
		id,
		cuil,
		tipo: 'cuil' as const,
		titulo: 'Constancia de CUIL',
		codigo: 'K7M3-Q9XD-2F4H',
		emitido: '2026-11-20',
		vence: '2027-02-18',
		qr: 'eyJhbGciOiJFUzI1NiJ9.qr.sig',
		sello: 'eyJhbGciOiJFUzI1NiJ9.sello.sig',
		datos: { nombre: 'Rosa Benítez' } as never,
		pdf: new Blob([new TextEncoder().encode('%PDF-1.7 Rosa Benítez')], { type: 'application/pdf' }),
		pdfBytes: 21
	};
}

beforeEach(clearDb);

describe('vault', () => {
	it('round trip: sealed with the key, opened after lock + unlock with the PIN', async () => {
		const v = fast();
		expect(await v.status(ROSA)).toBe('none');
		await v.create(ROSA, PIN);
		expect(await v.status(ROSA)).toBe('unlocked');
		const env = await v.sealJson('snapshots', `${ROSA}:mis-datos`, { nombre: 'Rosa' });
		v.lock();
		expect(await v.status(ROSA)).toBe('locked');
		await expect(v.openJson('snapshots', `${ROSA}:mis-datos`, env)).rejects.toBeInstanceOf(VaultLockedError);
		expect(await v.unlockWithPin(ROSA, PIN)).toEqual({ ok: true });
		expect(await v.openJson('snapshots', `${ROSA}:mis-datos`, env)).toEqual({ nombre: 'Rosa' });
	});

	it('uses a fresh IV for every write', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		const a = await v.sealJson('snapshots', `${ROSA}:x`, 1);
		const b = await v.sealJson('snapshots', `${ROSA}:x`, 1);
		expect(a.iv).toHaveLength(12);
		expect(a.iv).not.toEqual(b.iv);
	});

	it('a ciphertext moved to another record key does not open', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		const env = await v.sealJson('snapshots', `${ROSA}:cobros`, { monto: 1 });
		await expect(v.openJson('snapshots', `${ROSA}:mis-datos`, env)).rejects.toThrow();
		await expect(v.openJson('certificados', `${ROSA}:cobros`, env)).rejects.toThrow();
		// And nobody else's key prefix is served by Rosa's open vault.
		await expect(v.openJson('snapshots', `${MARTIN}:cobros`, env)).rejects.toBeInstanceOf(VaultLockedError);
	});

	it('a wrong PIN does not open it and says how many tries are left', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		v.lock();
		expect(await v.unlockWithPin(ROSA, '000000')).toEqual({
			ok: false,
			triesLeft: PIN_TRIES - 1,
			wiped: false
		});
		expect(v.isUnlockedFor(ROSA)).toBe(false);
		// The right PIN resets the count.
		expect(await v.unlockWithPin(ROSA, PIN)).toEqual({ ok: true });
		v.lock();
		expect(await v.unlockWithPin(ROSA, '111111')).toMatchObject({ triesLeft: PIN_TRIES - 1 });
	});

	it('the tries survive a fresh module (a reload), and the 5th wrong PIN wipes the person’s data', async () => {
		const first = fast();
		await first.create(ROSA, PIN);
		const c = createCertificados(sealedCertificados(first));
		await c.guardar(cert(ROSA, 1));
		first.lock();
		for (let i = 1; i <= 3; i++) await first.unlockWithPin(ROSA, '000000');

		const second = fast(); // nothing in memory: what counts is what IndexedDB kept
		expect(await second.unlockWithPin(ROSA, '000001')).toEqual({ ok: false, triesLeft: 1, wiped: false });
		expect(await second.unlockWithPin(ROSA, '000002')).toEqual({ ok: false, triesLeft: 0, wiped: true });
		expect(await second.status(ROSA)).toBe('none');
		const db = await openOfflineDb();
		expect(await db.count('certificados')).toBe(0);
		expect(await db.count('vault')).toBe(0);
		// Even the right PIN cannot bring it back.
		expect(await second.unlockWithPin(ROSA, PIN)).toMatchObject({ ok: false, wiped: true });
	});

	it('a wipe leaves other people’s data on the device', async () => {
		const rosa = fast();
		await rosa.create(ROSA, PIN);
		await createSnapshots(sealedSnapshots(rosa)).saveSnapshot(`${ROSA}:cobros`, { a: 1 });
		const martin = fast();
		await martin.create(MARTIN, '135790');
		await createSnapshots(sealedSnapshots(martin)).saveSnapshot(`${MARTIN}:cobros`, { b: 2 });
		await rosa.wipe(ROSA);
		const db = await openOfflineDb();
		expect(await db.getAllKeys('snapshots')).toEqual([`${MARTIN}:cobros`]);
		expect(await db.getAllKeys('vault')).toEqual([`${MARTIN}:pin`]);
	});

	it('the raw stores hold no plaintext: no name, CUIL digits in values, certificate text or %PDF', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		await createSnapshots(sealedSnapshots(v)).saveSnapshot(`${ROSA}:mis-datos`, {
			nombre: 'Rosa Benítez',
			cuil: ROSA
		});
		const c = createCertificados(sealedCertificados(v));
		await c.guardar(cert(ROSA, 7));
		expect(new TextDecoder().decode(await (await c.leer(ROSA, 7))!.pdf.arrayBuffer())).toBe(
			'%PDF-1.7 Rosa Benítez'
		);
		const raw = await rawDump();
		for (const secret of ['Rosa', 'Ben', ROSA, 'Constancia', 'K7M3', '%PDF', 'eyJ', PIN])
			expect(raw).not.toContain(secret);
	});

	it('while locked, nothing personal is read or written', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		const snaps = createSnapshots(sealedSnapshots(v));
		const c = createCertificados(sealedCertificados(v));
		await snaps.saveSnapshot(`${ROSA}:cobros`, { a: 1 });
		await c.guardar(cert(ROSA, 1));
		v.lock();
		expect(await snaps.readSnapshot(`${ROSA}:cobros`)).toBeUndefined();
		await expect(snaps.saveSnapshot(`${ROSA}:cobros`, { a: 2 })).rejects.toBeInstanceOf(VaultLockedError);
		await expect(c.listar(ROSA)).rejects.toBeInstanceOf(VaultLockedError);
		await expect(c.guardar(cert(ROSA, 2))).rejects.toBeInstanceOf(VaultLockedError);
		await v.unlockWithPin(ROSA, PIN);
		expect(await snaps.readSnapshot(`${ROSA}:cobros`)).toMatchObject({ data: { a: 1 } });
		expect((await c.listar(ROSA)).map((x) => x.id)).toEqual([1]);
	});

	it('unlocks with the passkey PRF output, not with another one', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		const prf = crypto.getRandomValues(new Uint8Array(32));
		const salt = crypto.getRandomValues(new Uint8Array(32));
		await v.addPrf(
			ROSA,
			{ credentialId: 'cred-1', prfSalt: salt },
			prf,
			crypto.getRandomValues(new Uint8Array(16))
		);
		const env = await v.sealJson('snapshots', `${ROSA}:x`, 'hola');
		v.lock();
		expect(await v.unlockWithPrf(ROSA, crypto.getRandomValues(new Uint8Array(32)))).toBe(false);
		expect(await v.unlockWithPrf(ROSA, prf)).toBe(true);
		expect(await v.openJson('snapshots', `${ROSA}:x`, env)).toBe('hola');
	});
});

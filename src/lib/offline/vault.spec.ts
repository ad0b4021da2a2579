import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCertificados, sealedCertificados } from './certificados';
import { openOfflineDb } from './db';
import { createOutbox, outboxKey, sealedOutboxStorage, type Sender } from './outbox';
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
	for (const store of ['snapshots', 'certificados', 'vault', 'outbox'] as const)
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

describe('the outbox behind the vault', () => {
	const libreta = { motivo: 'libreta_auh' as const, prestacion: 7, anio: 2025 };
	const foto = () => new Blob([new TextEncoder().encode('JFIF Libreta de Thiago')], { type: 'image/jpeg' });
	const nunca: Sender = async () => ({ tipo: 'reintentar', mensaje: 'Sin conexión.', sinConexion: true });
	const nuevo = () => ({
		destino: libreta,
		descripcion: 'Libreta AUH 2025 de Thiago',
		archivo: foto(),
		nombre: 'thiago.jpg'
	});

	it('keeps a queued file sealed: nothing readable at rest, the same bytes back while open', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		const outbox = createOutbox(sealedOutboxStorage(v), nunca);
		const item = await outbox.enqueue(ROSA, nuevo());
		const raw = await rawDump();
		for (const secret of ['Thiago', 'JFIF', 'thiago.jpg', 'libreta_auh', item.clave])
			expect(raw).not.toContain(secret);
		// A fresh page (new storage object, same vault) reads it back, file included.
		const [back] = await createOutbox(sealedOutboxStorage(v), nunca).items(ROSA);
		expect(back).toMatchObject({
			clave: item.clave,
			descripcion: 'Libreta AUH 2025 de Thiago',
			estado: 'espera'
		});
		expect(new TextDecoder().decode(await back.archivo!.arrayBuffer())).toBe('JFIF Libreta de Thiago');
		expect(back.archivo!.type).toBe('image/jpeg');
	});

	it('locked, sealed items are counted but neither listed nor sent, and go out once it opens', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		const sends: string[] = [];
		const sender: Sender = async (item) => (sends.push(item.clave), { tipo: 'enviado', documentoId: 9 });
		const storage = sealedOutboxStorage(v);
		await createOutbox(storage, nunca).enqueue(ROSA, nuevo());
		v.lock();
		const outbox = createOutbox(sealedOutboxStorage(v), sender);
		expect(await outbox.items(ROSA)).toEqual([]);
		expect(await storage.sealedCount(ROSA)).toBe(1);
		await outbox.flush(ROSA, true);
		expect(sends).toEqual([]);
		await v.unlockWithPin(ROSA, PIN);
		await outbox.flush(ROSA, true);
		expect(sends).toHaveLength(1);
		expect((await outbox.items(ROSA))[0]).toMatchObject({ estado: 'enviado', documentoId: 9 });
	});

	it('without an open vault an item lives only in this page: never written to IndexedDB', async () => {
		const v = fast();
		const outbox = createOutbox(sealedOutboxStorage(v), nunca);
		await outbox.enqueue(ROSA, nuevo());
		expect(await outbox.items(ROSA)).toHaveLength(1);
		expect(await (await openOfflineDb()).count('outbox')).toBe(0);
		// Another page (a reload) does not have it.
		expect(await createOutbox(sealedOutboxStorage(v), nunca).items(ROSA)).toEqual([]);
	});

	it('a sealed item copied under another key, or a plaintext record, is never shown', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		const item = await createOutbox(sealedOutboxStorage(v), nunca).enqueue(ROSA, nuevo());
		const db = await openOfflineDb();
		const sealed = await db.get('outbox', outboxKey(ROSA, item.clave));
		await db.put('outbox', sealed, outboxKey(ROSA, 'copia'));
		await db.put('outbox', { ...item, clave: 'plano', archivo: foto() }, outboxKey(ROSA, 'plano'));
		const listed = await createOutbox(sealedOutboxStorage(v), nunca).items(ROSA);
		expect(listed.map((i) => i.clave)).toEqual([item.clave]);
	});

	it('five wrong PINs erase the queued documents too', async () => {
		const v = fast();
		await v.create(ROSA, PIN);
		await createOutbox(sealedOutboxStorage(v), nunca).enqueue(ROSA, nuevo());
		v.lock();
		for (let i = 0; i < PIN_TRIES; i++) await v.unlockWithPin(ROSA, '000000');
		expect(await (await openOfflineDb()).count('outbox')).toBe(0);
	});
});

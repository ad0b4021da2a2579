import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	certificadoKey,
	createCertificados,
	type CertificadoGuardado,
	type CertificadoStorage,
	type ClavesGuardadas
} from './certificados';

function memoryStorage(): CertificadoStorage & { map: Map<string, CertificadoGuardado> } {
	const map = new Map<string, CertificadoGuardado>();
	let claves: ClavesGuardadas | undefined;
	return {
		map,
		list: async (prefix) =>
			[...map.keys()]
				.filter((k) => k.startsWith(prefix))
				.sort()
				.map((k) => map.get(k)!),
		get: async (key) => map.get(key),
		put: async (key, value) => void map.set(key, value),
		delete: async (key) => void map.delete(key),
		getClaves: async () => claves,
		putClaves: async (value) => void (claves = value)
	};
}

const ROSA = '27-05123456-7';
const MARTIN = '23-30456789-9';

function cert(cuil: string, id: number, emitido = '2026-11-20') {
	return {
		id,
		cuil,
		tipo: 'cuil' as const,
		titulo: 'Constancia de CUIL',
		codigo: 'K7M3-Q9XD-2F4H',
		emitido,
		vence: '2027-11-19',
		qr: 'a.b.c',
		sello: 'd.e.f',
		datos: {
			titulo: 'Constancia de CUIL',
			texto: 'Se certifica…',
			titular: { nombre: 'Rosa', cuil: '27051234567', dni: '5123456' },
			detalles: []
		},
		pdf: new Blob([new Uint8Array([37, 80, 68, 70])], { type: 'application/pdf' }),
		pdfBytes: 4
	};
}

// The IndexedDB storage is sealed by the vault, one person open at a time: see vault.spec.ts.
for (const [name, make] of [['memory', memoryStorage]] as const) {
	describe(`certificates on this device — ${name}`, () => {
		it('keeps a certificate with its PDF and reads it back by person and id', async () => {
			const storage = make();
			const c = createCertificados(storage, () => new Date('2026-11-25T18:00:00Z'));
			await c.guardar(cert(ROSA, 1));
			const back = await c.leer(ROSA, 1);
			expect(back).toMatchObject({ id: 1, cuil: '27051234567', guardadoAt: '2026-11-25T18:00:00.000Z' });
			expect(new Uint8Array(await back!.pdf.arrayBuffer())).toEqual(new Uint8Array([37, 80, 68, 70]));
			await c.borrar(ROSA, 1);
			await c.borrar(MARTIN, 3);
		});

		it("lists only the person's own certificates, newest first; another person never sees them", async () => {
			const storage = make();
			const c = createCertificados(storage);
			await c.guardar(cert(ROSA, 10, '2026-10-01'));
			await c.guardar(cert(ROSA, 11, '2026-11-01'));
			await c.guardar(cert(MARTIN, 12));
			expect((await c.listar(ROSA)).map((x) => x.id)).toEqual([11, 10]);
			expect((await c.listar(MARTIN)).map((x) => x.id)).toEqual([12]);
			// Martín signed in on the same phone cannot open Rosa's by its id.
			expect(await c.leer(MARTIN, 10)).toBeUndefined();
			// A CUIL that is a prefix of nothing else: '2705123456' (10 digits) does not match Rosa's keys.
			expect(await c.listar('2705123456')).toEqual([]);
			for (const [cuil, id] of [
				[ROSA, 10],
				[ROSA, 11],
				[MARTIN, 12]
			] as const)
				await c.borrar(cuil, id);
		});

		it('records revocation learnt online', async () => {
			const c = createCertificados(make());
			await c.guardar(cert(ROSA, 20));
			await c.marcarRevocado(ROSA, 20, true);
			expect((await c.leer(ROSA, 20))?.revocado).toBe(true);
			await c.borrar(ROSA, 20);
		});

		it('keeps the key set with the time it was fetched', async () => {
			const c = createCertificados(make(), () => new Date('2026-11-25T18:00:00Z'));
			const jwks = {
				keys: [
					{
						kty: 'EC' as const,
						crv: 'P-256' as const,
						x: 'x',
						y: 'y',
						kid: 'k1',
						alg: 'ES256' as const,
						use: 'sig' as const
					}
				]
			};
			await c.guardarClaves(jwks);
			expect(await c.leerClaves()).toEqual({ jwks, savedAt: '2026-11-25T18:00:00.000Z' });
		});
	});
}

describe('certificadoKey', () => {
	it('is the CUIL without dashes and the id', () => {
		expect(certificadoKey('27-05123456-7', 42)).toBe('27051234567:42');
	});
});

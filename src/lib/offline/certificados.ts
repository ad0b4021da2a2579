import type { Jwks } from '../domain/api/certificados';
import { openOfflineDb, type CertificadoGuardado, type CertificadoSellado, type ClavesGuardadas } from './db';
import { vault as appVault, VaultLockedError, type Vault } from './vault';

export type { CertificadoGuardado, ClavesGuardadas };

/**
 * Certificates kept on this device, and the public key set that verifies them offline. The one place
 * that reads and writes them, so the vault (issue 7) can encrypt them here without touching the screens.
 *
 * Every key starts with the holder's CUIL (11 digits), like the snapshots: a person's list reads only
 * the keys with their prefix, and `leer` builds the key from the signed-in person's CUIL, so nobody on a
 * shared phone opens someone else's certificate by typing its id.
 */
export interface CertificadoStorage {
	/** Every record whose key starts with `prefix`, in key order. */
	list(prefix: string): Promise<CertificadoGuardado[]>;
	get(key: string): Promise<CertificadoGuardado | undefined>;
	put(key: string, value: CertificadoGuardado): Promise<void>;
	delete(key: string): Promise<void>;
	getClaves(): Promise<ClavesGuardadas | undefined>;
	putClaves(value: ClavesGuardadas): Promise<void>;
}

// Keys sort as strings: every key with the prefix lies between it and the prefix + U+FFFF.
const range = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

async function sealCertificado(
	vault: Vault,
	key: string,
	value: CertificadoGuardado
): Promise<CertificadoSellado> {
	const { pdf, ...fields } = value;
	const bytes = await pdf.arrayBuffer();
	return {
		meta: await vault.sealJson('certificados', `${key}#meta`, { ...fields, pdfType: pdf.type }),
		pdf: await vault.seal('certificados', `${key}#pdf`, bytes)
	};
}

async function openCertificado(
	vault: Vault,
	key: string,
	sealed: CertificadoSellado
): Promise<CertificadoGuardado> {
	const { pdfType, ...fields } = await vault.openJson<Omit<CertificadoGuardado, 'pdf'> & { pdfType: string }>(
		'certificados',
		`${key}#meta`,
		sealed.meta
	);
	const bytes = await vault.open('certificados', `${key}#pdf`, sealed.pdf);
	return { ...fields, pdf: new Blob([bytes], { type: pdfType || 'application/pdf' }) };
}

const isSealed = (v: unknown): v is CertificadoSellado =>
	typeof v === 'object' && v !== null && 'meta' in v && 'pdf' in v;

/**
 * IndexedDB, sealed by the vault (fields and PDF under the record key). Locked, reading or writing a
 * person's certificates throws VaultLockedError, so screens can say "Desbloqueá" instead of "no hay".
 */
export const sealedCertificados = (vault: Vault): CertificadoStorage => ({
	async list(prefix) {
		if (!vault.isUnlockedFor(prefix.split(':')[0])) throw new VaultLockedError();
		const db = await openOfflineDb();
		const tx = db.transaction('certificados');
		const [keys, values] = await Promise.all([
			tx.store.getAllKeys(range(prefix)),
			tx.store.getAll(range(prefix))
		]);
		const out: CertificadoGuardado[] = [];
		for (let i = 0; i < keys.length; i++)
			if (isSealed(values[i])) out.push(await openCertificado(vault, keys[i], values[i]));
		return out;
	},
	async get(key) {
		if (!vault.isUnlockedFor(key.split(':')[0])) throw new VaultLockedError();
		const stored = await (await openOfflineDb()).get('certificados', key);
		return isSealed(stored) ? openCertificado(vault, key, stored) : undefined;
	},
	async put(key, value) {
		if (!vault.isUnlockedFor(key.split(':')[0])) throw new VaultLockedError();
		await (await openOfflineDb()).put('certificados', await sealCertificado(vault, key, value), key);
	},
	async delete(key) {
		await (await openOfflineDb()).delete('certificados', key);
	},
	async getClaves() {
		return (await openOfflineDb()).get('claves', 'jwks');
	},
	async putClaves(value) {
		// The key set is public: it stays in the clear, readable while locked.
		await (await openOfflineDb()).put('claves', value, 'jwks');
	}
});

export const idbCertificados = sealedCertificados(appVault);

const digits = (cuil: string) => cuil.replace(/\D/g, '');

/** `<cuil digits>:<id>`. */
export function certificadoKey(cuil: string, id: number | string): string {
	return `${digits(cuil)}:${id}`;
}

export function createCertificados(storage: CertificadoStorage, now: () => Date = () => new Date()) {
	/** The person's certificates on this device, newest issue first. */
	async function listar(cuil: string): Promise<CertificadoGuardado[]> {
		const all = await storage.list(`${digits(cuil)}:`);
		return all.sort((a, b) => b.emitido.localeCompare(a.emitido) || b.id - a.id);
	}

	async function leer(cuil: string, id: number | string): Promise<CertificadoGuardado | undefined> {
		const found = await storage.get(certificadoKey(cuil, id));
		// Belt and braces: a record must be the person's own even if a key were ever written wrongly.
		return found && found.cuil === digits(cuil) ? found : undefined;
	}

	async function guardar(c: Omit<CertificadoGuardado, 'guardadoAt' | 'cuil'> & { cuil: string }) {
		const value: CertificadoGuardado = { ...c, cuil: digits(c.cuil), guardadoAt: now().toISOString() };
		await storage.put(certificadoKey(value.cuil, value.id), value);
		return value;
	}

	async function borrar(cuil: string, id: number | string): Promise<void> {
		await storage.delete(certificadoKey(cuil, id));
	}

	/** Records what the server said about revocation (online check). */
	async function marcarRevocado(cuil: string, id: number | string, revocado: boolean): Promise<void> {
		const found = await leer(cuil, id);
		if (!found || found.revocado === revocado) return;
		await storage.put(certificadoKey(cuil, id), { ...found, revocado });
	}

	async function leerClaves(): Promise<ClavesGuardadas | undefined> {
		return storage.getClaves();
	}

	async function guardarClaves(jwks: Jwks): Promise<void> {
		await storage.putClaves({ jwks, savedAt: now().toISOString() });
	}

	return { listar, leer, guardar, borrar, marcarRevocado, leerClaves, guardarClaves };
}

export const { listar, leer, guardar, borrar, marcarRevocado, leerClaves, guardarClaves } =
	createCertificados(idbCertificados);

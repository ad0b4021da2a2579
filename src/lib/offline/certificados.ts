import type { Jwks } from '../domain/api/certificados';
import { openOfflineDb, type CertificadoGuardado, type ClavesGuardadas } from './db';

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

export const idbCertificados: CertificadoStorage = {
	async list(prefix) {
		return (await openOfflineDb()).getAll('certificados', range(prefix));
	},
	async get(key) {
		return (await openOfflineDb()).get('certificados', key);
	},
	async put(key, value) {
		await (await openOfflineDb()).put('certificados', value, key);
	},
	async delete(key) {
		await (await openOfflineDb()).delete('certificados', key);
	},
	async getClaves() {
		return (await openOfflineDb()).get('claves', 'jwks');
	},
	async putClaves(value) {
		await (await openOfflineDb()).put('claves', value, 'jwks');
	}
};

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

import type { IDBPDatabase } from 'idb';
import { openOfflineDb, type Envelope, type OfflineSchema, type VaultRecord } from './db';

/**
 * The vault: everything the app keeps about a person in IndexedDB goes through `seal` / `open` here.
 *
 * - Each record is an AES-GCM 256 envelope `{ v, iv, ct }` with a fresh random 96-bit IV per write
 *   (NIST SP 800-38D: never reuse an IV under one key; random 96-bit IVs are safe for far more writes
 *   than a phone makes). The store name and the record key are the additional data, so a ciphertext
 *   copied to another key (someone else's CUIL, another certificate) fails to open (ASVS 5.0 V11.3.3,
 *   authenticated encryption).
 * - The vault key is random, lives only in this module's memory while unlocked, and is stored only
 *   wrapped: by a key derived from the person's 6-digit PIN (PBKDF2-SHA-256, 600,000 iterations, the
 *   OWASP 2023 figure, random 128-bit salt; ASVS V11.4.2) and, where the passkey supports it, by a key
 *   from the passkey's PRF output (HKDF-SHA-256). Losing memory (reload, "Bloquear") locks it.
 * - 5 wrong PINs, counted across restarts, wipe that person's data on this device. The try is written
 *   BEFORE the PIN is checked, so closing the tab mid-check cannot buy a free try (ASVS V6.3.1).
 *
 * Threat model (see docs/ARCHITECTURE.md): this protects against someone who picks up a shared phone
 * and opens the app. It does NOT protect against someone who copies the raw browser storage: with the
 * salt and the wrapped key they can try all 10^6 PINs offline, where the try counter does not exist.
 * The PRF wrap is as strong as the passkey, but the PIN wrap stays beside it.
 */

export const PIN_TRIES = 5;
export const PBKDF2_ITERATIONS = 600_000;
export const PIN_PATTERN = /^\d{6}$/;

/** Stores whose values are sealed with the vault key. */
export type SealedStore = 'snapshots' | 'certificados' | 'outbox';
const PERSONAL_STORES: SealedStore[] = ['snapshots', 'certificados', 'outbox'];

export type { Envelope };

/** Thrown when personal data is read or written while the vault is locked (or belongs to someone else). */
export class VaultLockedError extends Error {
	constructor() {
		super('Tus datos guardados en este teléfono están bloqueados.');
		this.name = 'VaultLockedError';
	}
}

export type VaultStatus = 'none' | 'locked' | 'unlocked';
export type UnlockResult = { ok: true } | { ok: false; triesLeft: number; wiped: boolean };

/** What the PRF wrap needs to ask the passkey again: its id and the salt given to PRF. */
export interface PrfInfo {
	credentialId: string;
	prfSalt: Uint8Array<ArrayBuffer>;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const digits = (cuil: string) => cuil.replace(/\D/g, '');
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const range = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);
const pinKey = (cuil: string) => `${digits(cuil)}:pin`;
const prfKey = (cuil: string) => `${digits(cuil)}:prf`;

/** The record key as AES-GCM additional data: `<store>/<key>`. */
const aad = (store: string, key: string) => enc.encode(`${store}/${key}`);

async function pinKek(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['wrapKey', 'unwrapKey']
	);
}

/** HKDF over the PRF output: PRF results are already uniform, HKDF binds them to this one use. */
export async function prfKek(prfOutput: BufferSource, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey('raw', prfOutput, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt, info: enc.encode('mi-anses vault key wrap v1') },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['wrapKey', 'unwrapKey']
	);
}

const WRAP_AAD = (cuil: string, how: string) => enc.encode(`vault/${digits(cuil)}/${how}`);

async function wrap(key: CryptoKey, kek: CryptoKey, ad: Uint8Array<ArrayBuffer>) {
	const iv = random(12);
	const wrapped = await crypto.subtle.wrapKey('raw', key, kek, { name: 'AES-GCM', iv, additionalData: ad });
	return { iv, wrapped };
}

function unwrap(
	wrapped: ArrayBuffer,
	iv: Uint8Array<ArrayBuffer>,
	kek: CryptoKey,
	ad: Uint8Array<ArrayBuffer>
) {
	// Extractable so a passkey can be added later while unlocked. Script running in the page while the
	// vault is open can already decrypt everything, so a non-extractable key would buy little here.
	return crypto.subtle.unwrapKey(
		'raw',
		wrapped,
		kek,
		{ name: 'AES-GCM', iv, additionalData: ad },
		{ name: 'AES-GCM', length: 256 },
		true,
		['encrypt', 'decrypt']
	);
}

export interface VaultOptions {
	db?: () => Promise<IDBPDatabase<OfflineSchema>>;
	/** Tests lower it to stay fast; the count is stored with each wrap, so the stored one is what's used. */
	iterations?: number;
}

export function createVault({ db = openOfflineDb, iterations = PBKDF2_ITERATIONS }: VaultOptions = {}) {
	let open: { cuil: string; key: CryptoKey } | null = null;
	const listeners = new Set<() => void>();
	const changed = () => listeners.forEach((f) => f());

	/**
	 * Writes a vault record with strict durability: the transaction completes only once the record is
	 * flushed, not just queued. The PIN try counter must survive a crash, a killed tab or a reload right
	 * after it is written (ASVS 5.0 6.3.1), and Chrome's default (relaxed) durability was seen to let a
	 * reload right after a correct PIN read the raised count back, so five quick unlocks wiped the vault.
	 */
	async function putVault(d: IDBPDatabase<OfflineSchema>, key: string, record: VaultRecord) {
		const tx = d.transaction('vault', 'readwrite', { durability: 'strict' });
		await Promise.all([tx.store.put(record, key), tx.done]);
	}

	async function readPin(cuil: string) {
		return (await (await db()).get('vault', pinKey(cuil))) as
			Extract<VaultRecord, { kind: 'pin' }> | undefined;
	}

	async function status(cuil: string): Promise<VaultStatus> {
		if (open && open.cuil === digits(cuil)) return 'unlocked';
		return (await readPin(cuil)) ? 'locked' : 'none';
	}

	/** The vault is open for this person (the CUIL the record keys start with). */
	function isUnlockedFor(cuil: string): boolean {
		return open !== null && open.cuil === digits(cuil);
	}

	/** Creates the person's vault with a new random key, wrapped by the PIN, and leaves it open. */
	async function create(cuil: string, pin: string): Promise<void> {
		if (!PIN_PATTERN.test(pin)) throw new Error('El PIN son 6 números.');
		const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
			'encrypt',
			'decrypt'
		]);
		const salt = random(16);
		const { iv, wrapped } = await wrap(key, await pinKek(pin, salt, iterations), WRAP_AAD(cuil, 'pin'));
		const record: VaultRecord = { kind: 'pin', salt, iterations, iv, wrapped, failed: 0 };
		const d = await db();
		// Anything left from an earlier vault of this person can no longer be opened: drop it first.
		await wipeIn(d, cuil);
		await putVault(d, pinKey(cuil), record);
		open = { cuil: digits(cuil), key };
		changed();
	}

	/**
	 * Opens the vault with the PIN. The failed count is raised and written before the PIN is checked, and
	 * reset only after it proved right; at `PIN_TRIES` failures the person's data here is wiped.
	 */
	async function unlockWithPin(cuil: string, pin: string): Promise<UnlockResult> {
		const record = await readPin(cuil);
		if (!record) return { ok: false, triesLeft: 0, wiped: true };
		const d = await db();
		const failed = record.failed + 1;
		await putVault(d, pinKey(cuil), { ...record, failed });
		if (failed > PIN_TRIES) {
			await wipe(cuil);
			return { ok: false, triesLeft: 0, wiped: true };
		}
		try {
			const kek = await pinKek(pin, record.salt, record.iterations);
			const key = await unwrap(record.wrapped, record.iv, kek, WRAP_AAD(cuil, 'pin'));
			await putVault(d, pinKey(cuil), { ...record, failed: 0 });
			open = { cuil: digits(cuil), key };
			changed();
			return { ok: true };
		} catch {
			if (failed >= PIN_TRIES) {
				await wipe(cuil);
				return { ok: false, triesLeft: 0, wiped: true };
			}
			return { ok: false, triesLeft: PIN_TRIES - failed, wiped: false };
		}
	}

	/** Wraps the open vault key with a key from the passkey's PRF output as well. */
	async function addPrf(
		cuil: string,
		info: PrfInfo,
		prfOutput: BufferSource,
		hkdfSalt: Uint8Array<ArrayBuffer>
	) {
		if (!open || !isUnlockedFor(cuil)) throw new VaultLockedError();
		const kek = await prfKek(prfOutput, hkdfSalt);
		const { iv, wrapped } = await wrap(open.key, kek, WRAP_AAD(cuil, 'prf'));
		const record: VaultRecord = { kind: 'prf', ...info, hkdfSalt, iv, wrapped };
		await putVault(await db(), prfKey(cuil), record);
	}

	async function prfInfo(cuil: string) {
		return (await (await db()).get('vault', prfKey(cuil))) as
			Extract<VaultRecord, { kind: 'prf' }> | undefined;
	}

	/** Opens the vault with the passkey's PRF output. A wrong output just fails (no tries: not guessable). */
	async function unlockWithPrf(cuil: string, prfOutput: BufferSource): Promise<boolean> {
		const record = await prfInfo(cuil);
		if (!record) return false;
		try {
			const kek = await prfKek(prfOutput, record.hkdfSalt);
			const key = await unwrap(record.wrapped, record.iv, kek, WRAP_AAD(cuil, 'prf'));
			open = { cuil: digits(cuil), key };
			changed();
			return true;
		} catch {
			return false;
		}
	}

	/** Forgets the key. What is stored stays, sealed. */
	function lock() {
		if (!open) return;
		open = null;
		changed();
	}

	async function wipeIn(d: IDBPDatabase<OfflineSchema>, cuil: string) {
		const prefix = `${digits(cuil)}:`;
		// One transaction over every personal store: the wipe happens entirely or not at all.
		const tx = d.transaction([...PERSONAL_STORES, 'vault'], 'readwrite');
		await Promise.all([
			...[...PERSONAL_STORES, 'vault' as const].map((s) => tx.objectStore(s).delete(range(prefix))),
			tx.done
		]);
	}

	/** Erases everything this device keeps about the person: their sealed data and their vault. */
	async function wipe(cuil: string): Promise<void> {
		await wipeIn(await db(), cuil);
		if (open?.cuil === digits(cuil)) open = null;
		changed();
	}

	/** The open key for a record key `<cuil digits>:…`, or VaultLockedError. */
	function keyFor(recordKey: string): CryptoKey {
		if (!open || !recordKey.startsWith(`${open.cuil}:`)) throw new VaultLockedError();
		return open.key;
	}

	/** Seals bytes for `store`/`key`. */
	async function seal(store: SealedStore, key: string, plaintext: BufferSource): Promise<Envelope> {
		const iv = random(12);
		const ct = await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv, additionalData: aad(store, key) },
			keyFor(key),
			plaintext
		);
		return { v: 1, iv, ct };
	}

	/** Opens what `seal` made for the same `store`/`key`; throws if moved, altered or locked. */
	async function openEnvelope(store: SealedStore, key: string, envelope: Envelope): Promise<ArrayBuffer> {
		return crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: envelope.iv, additionalData: aad(store, key) },
			keyFor(key),
			envelope.ct
		);
	}

	const sealJson = (store: SealedStore, key: string, value: unknown) =>
		seal(store, key, enc.encode(JSON.stringify(value)));

	async function openJson<T>(store: SealedStore, key: string, envelope: Envelope): Promise<T> {
		return JSON.parse(dec.decode(await openEnvelope(store, key, envelope))) as T;
	}

	function subscribe(listener: () => void) {
		listeners.add(listener);
		return () => listeners.delete(listener);
	}

	return {
		status,
		isUnlockedFor,
		create,
		unlockWithPin,
		addPrf,
		prfInfo,
		unlockWithPrf,
		lock,
		wipe,
		seal,
		open: openEnvelope,
		sealJson,
		openJson,
		subscribe
	};
}

export type Vault = ReturnType<typeof createVault>;

/** The app's one vault. */
export const vault = createVault();

export function isEnvelope(value: unknown): value is Envelope {
	return typeof value === 'object' && value !== null && (value as Envelope).v === 1 && 'ct' in value;
}

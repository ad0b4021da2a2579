import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TipoCertificado } from '../domain/certificados/tipos';
import type { DatosCertificado, Jwks } from '../domain/api/certificados';

/**
 * The app's one IndexedDB database. Each version adds its steps to `upgrade` below and never rewrites
 * an earlier one, so a device that skipped versions runs every step it missed, in order.
 *
 * - v1: `snapshots`.
 * - v2: `certificados` (one certificate downloaded to this device, keyed `<cuil digits>:<id>`) and
 *   `claves` (the public key set that verifies certificates offline, under `jwks`).
 * - v3: `vault` (per person, keyed `<cuil digits>:<name>`: the wrapped vault key, PIN tries; never the
 *   key in the clear) and `outbox` (documents waiting to be sent, keyed `<cuil digits>:<idempotency key>`).
 */
export const DB_NAME = 'mi-anses';
export const DB_VERSION = 3;

export interface Snapshot<T = unknown> {
	data: T;
	/** When the screen last loaded this from the server (ISO). */
	savedAt: string;
}

/**
 * A certificate kept on this device: what the list shows, the two signatures, the structured data the
 * screen renders, and the sealed PDF. All of it lives in this one record, so that the vault (issue 7)
 * can encrypt certificates in one place.
 */
export interface CertificadoGuardado {
	id: number;
	/** Holder's CUIL, 11 digits: also the key's prefix. */
	cuil: string;
	tipo: TipoCertificado;
	titulo: string;
	codigo: string;
	emitido: string;
	vence: string;
	/** Known only after an online check (true: anulado). */
	revocado?: boolean;
	/** Compact JWS the QR holds. */
	qr: string;
	/** Compact JWS sealed into the PDF. */
	sello: string;
	datos: DatosCertificado;
	pdf: Blob;
	pdfBytes: number;
	/** When it was downloaded to this device (ISO). */
	guardadoAt: string;
}

export interface ClavesGuardadas {
	jwks: Jwks;
	/** When it was last fetched from /api/keys (ISO). */
	savedAt: string;
}

/** A vault envelope (see vault.ts): AES-GCM ciphertext and its 96-bit IV. */
export interface Envelope {
	v: 1;
	iv: Uint8Array<ArrayBuffer>;
	ct: ArrayBuffer;
}

/** A certificate at rest: its fields (JSON) and its PDF bytes, each sealed under its record key. */
export interface CertificadoSellado {
	meta: Envelope;
	pdf: Envelope;
}

/**
 * What unlocks a person's vault, keyed `<cuil digits>:pin` and `<cuil digits>:prf`: the vault key
 * wrapped (AES-GCM) by a key from the PIN or from the passkey's PRF output. Never the key in the clear.
 */
export type VaultRecord =
	| {
			kind: 'pin';
			salt: Uint8Array<ArrayBuffer>;
			iterations: number;
			iv: Uint8Array<ArrayBuffer>;
			wrapped: ArrayBuffer;
			/** Wrong PINs in a row, written before each check. */
			failed: number;
	  }
	| {
			kind: 'prf';
			credentialId: string;
			prfSalt: Uint8Array<ArrayBuffer>;
			hkdfSalt: Uint8Array<ArrayBuffer>;
			iv: Uint8Array<ArrayBuffer>;
			wrapped: ArrayBuffer;
	  };

export interface OfflineSchema extends DBSchema {
	/** The last data each screen loaded, keyed by `<cuil>:<screen>`: a vault envelope of a Snapshot. */
	snapshots: { key: string; value: Envelope };
	/** Certificates downloaded to this device, keyed by `<cuil digits>:<id>`: sealed by the vault. */
	certificados: { key: string; value: CertificadoSellado };
	/** The key set that verifies certificates offline, under the key `jwks`. Public data. */
	claves: { key: string; value: ClavesGuardadas };
	/** Per person, `<cuil digits>:<name>`: what unlocks the vault (wrapped keys, tries). */
	vault: { key: string; value: VaultRecord };
	/** Documents waiting to be sent, `<cuil digits>:<idempotency key>`. */
	outbox: { key: string; value: unknown };
}

export function upgrade(db: IDBPDatabase<OfflineSchema>, oldVersion: number) {
	if (oldVersion < 1) db.createObjectStore('snapshots');
	if (oldVersion < 2) {
		db.createObjectStore('certificados');
		db.createObjectStore('claves');
	}
	if (oldVersion < 3) {
		db.createObjectStore('vault');
		db.createObjectStore('outbox');
	}
	// if (oldVersion < 4) { … } — the next version's steps go here.
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

import { obtenerClaves } from '../api/certificados';
import { guardarClaves, leerClaves } from '../offline/certificados';
import type { Jwks } from '../domain/api/certificados';

/**
 * The key set that verifies certificates. Online it is fetched from /api/keys and kept in IndexedDB;
 * offline the kept one is used. `fuente` says which, so a screen can tell "verificado sin conexión".
 * Why keep it: a verifier (a bank clerk) must be able to check a QR with no signal, and the keys are
 * public, so keeping them on the phone exposes nothing.
 */
export type ClavesDisponibles =
	{ jwks: Jwks; fuente: 'red' | 'guardadas'; savedAt?: string } | { jwks: null; fuente: 'ninguna' };

/** A set fetched on this visit is reused; a kept one is not, so the next call tries the network again. */
let deLaRed: ClavesDisponibles | undefined;

export async function clavesParaVerificar(opciones: { forzar?: boolean } = {}): Promise<ClavesDisponibles> {
	if (deLaRed && !opciones.forzar) return deLaRed;
	const claves = await cargar(opciones.forzar ?? false);
	if (claves.fuente === 'red') deLaRed = claves;
	return claves;
}

async function cargar(fresh: boolean): Promise<ClavesDisponibles> {
	const online = typeof navigator === 'undefined' || navigator.onLine;
	if (online) {
		try {
			const jwks = await obtenerClaves(fresh);
			await guardarClaves(jwks).catch(() => {});
			return { jwks, fuente: 'red' };
		} catch {
			/* the network failed: the kept set below */
		}
	}
	const kept = await leerClaves().catch(() => undefined);
	if (kept) return { jwks: kept.jwks, fuente: 'guardadas', savedAt: kept.savedAt };
	return { jwks: null, fuente: 'ninguna' };
}

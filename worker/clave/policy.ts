import type { Context } from 'hono';
import { repeatedCheck, type PersonalData, type PolicyCheck } from '../../src/lib/domain/clave-policy';
import { evaluateClave } from '../../src/lib/domain/clave-strength';
import { argon2 } from '../auth/argon2';
import { isBreachedPassword } from '../auth/breached-passwords';
import { hashClave, pepperBytes, verifyClave } from '../auth/clave-hash';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';
import type { PersonalRow } from './queries';

export function personalData(row: PersonalRow): PersonalData {
	return {
		cuil: row.cuil,
		dni: row.dni,
		nombres: row.nombres,
		apellidos: row.apellidos,
		fechaNacimiento: row.fecha_nacimiento,
		email: row.email
	};
}

/**
 * The clave policy, enforced here whatever the page did (a request straight to the API gets the same
 * verdict): the shared rules and strength from src/lib/domain, the breached list shipped with the
 * Worker, and the last five claves (checked by Argon2 against each stored hash). Returns the new hash.
 */
export async function enforceClavePolicy(
	c: Context<AppEnv>,
	row: PersonalRow,
	input: { claveNueva: string; confirmacion: string },
	recentHashes: string[]
): Promise<string> {
	if (input.claveNueva !== input.confirmacion)
		throw new ApiError(400, 'datos_invalidos', 'Las dos claves nuevas no coinciden.', {
			fields: [{ path: 'confirmacion', message: 'Escribí la misma clave nueva dos veces.' }]
		});
	const verdict = await evaluateClave(input.claveNueva, personalData(row), { breached: isBreachedPassword });
	const failed: PolicyCheck[] = verdict.checks.filter((check) => !check.ok);
	const compute = await argon2();
	const pepper = pepperBytes(c.env.CLAVE_PEPPER);
	if (failed.length === 0) {
		const repeated = recentHashes.some((hash) => verifyClave(compute, pepper, input.claveNueva, hash).ok);
		if (repeated) failed.push(repeatedCheck(true));
	}
	if (failed.length > 0)
		throw new ApiError(400, 'clave_no_cumple', 'La clave nueva no cumple las políticas de seguridad.', {
			fields: failed.map((check) => ({ path: 'claveNueva', message: check.message }))
		});
	return hashClave(compute, pepper, input.claveNueva);
}

import type { PersonalData } from '$lib/domain/clave-policy';
import { dniFromCuil, parseCuil } from '$lib/domain/cuil';

/**
 * What a screen knows about the person, in the shape the clave checklist reads. The DNI is inside the
 * CUIL; the birth date and the email never reach the page, so the Worker alone checks those.
 */
export function knownPersonalData(known: {
	cuil: string;
	dni?: string;
	nombres?: string;
	apellidos?: string;
}): PersonalData {
	const parsed = parseCuil(known.cuil);
	const cuil = parsed.ok ? parsed.cuil : '';
	return {
		cuil,
		dni: known.dni?.replace(/\D/g, '') || (cuil ? dniFromCuil(cuil) : ''),
		nombres: known.nombres ?? '',
		apellidos: known.apellidos ?? '',
		fechaNacimiento: ''
	};
}

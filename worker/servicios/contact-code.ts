/** The code that confirms a new email or phone: the shared one-time code, bound to person and value. */
import { pepperBytes } from '../auth/clave-hash';
import { codeMac } from '../auth/one-time-code';

export { constantTimeEqualHex, sixDigitCode } from '../auth/one-time-code';

export function contactCodeMac(pepper: string, citizenId: number, valor: string, code: string) {
	return codeMac(pepperBytes(pepper), `contacto:${citizenId}:${valor}`, code);
}

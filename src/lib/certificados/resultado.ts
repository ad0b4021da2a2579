import type { VerificacionEnLinea } from '../domain/api/certificados';
import type { Claims } from '../domain/certificados/sello';

/** Whether the server says the certificate was revoked, as far as this screen could learn. */
export type Revocacion = 'consultando' | 'vigente' | 'revocado' | 'sin_conexion' | 'error';

export type ResultadoVerificacion =
	| { tipo: 'autentico'; claims: Claims; origen: 'qr' | 'pdf'; revocacion: Revocacion }
	| { tipo: 'en_linea'; v: VerificacionEnLinea }
	| { tipo: 'invalido'; mensaje: string }
	| { tipo: 'sin_claves' };

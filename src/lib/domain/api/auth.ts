import { z } from 'zod';
import { isValidCuil } from '../cuil';
import { CLAVE_MAX_LENGTH, claveLength } from '../clave';

export const Cuil = z
	.string()
	.max(32)
	.refine(isValidCuil, { message: 'Revisá el CUIL: tiene que tener 11 números y ser válido.' })
	.meta({ id: 'Cuil', description: 'CUIL con o sin guiones.', example: '20-17254359-7' });

/**
 * The clave as typed: never trimmed, never truncated (NIST 800-63B 3.1.1.2). The length limit counts
 * characters (code points), not bytes or UTF-16 units, so that 128 accented letters still fit.
 */
export const ClaveInput = z
	.string()
	.min(1, { message: 'Escribí tu clave.' })
	.max(CLAVE_MAX_LENGTH * 2)
	.refine((s) => claveLength(s) <= CLAVE_MAX_LENGTH, {
		message: `La clave tiene como máximo ${CLAVE_MAX_LENGTH} caracteres.`
	})
	.meta({ id: 'Clave', description: 'Clave de Seguridad Social.' });

export const LoginRequest = z.object({ cuil: Cuil, clave: ClaveInput }).strict().meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const AuthMethod = z.enum(['clave', 'passkey']).meta({ id: 'AuthMethod' });
export type AuthMethod = z.infer<typeof AuthMethod>;

export const Citizen = z
	.object({
		cuil: z.string().meta({ example: '27281118394' }),
		nombres: z.string(),
		apellidos: z.string(),
		nivel: z.union([z.literal(2), z.literal(3)])
	})
	.meta({ id: 'Citizen' });
export type Citizen = z.infer<typeof Citizen>;

export const SessionInfo = z
	.object({
		user: Citizen,
		session: z.object({
			method: AuthMethod,
			authenticatedAt: z.iso.datetime(),
			idleExpiresAt: z.iso.datetime(),
			absoluteExpiresAt: z.iso.datetime()
		})
	})
	.meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ReauthRequest = z.object({ clave: ClaveInput }).strict().meta({ id: 'ReauthRequest' });
export type ReauthRequest = z.infer<typeof ReauthRequest>;

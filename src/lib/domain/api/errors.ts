import { z } from 'zod';

/**
 * The one error shape of the API: every 4xx (and the rare 5xx) answers `{ error: { code, message } }`.
 * `code` is stable and meant for code; `message` is Spanish (es-AR) and meant for people.
 */
export const ApiErrorBody = z
	.object({
		error: z.object({
			code: z.string().meta({ example: 'credenciales_invalidas' }),
			message: z.string().meta({ example: 'El CUIL o la clave no son correctos.' }),
			/** Which request fields failed validation, for the form's error summary. */
			fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
			/** Seconds until the action may be tried again (throttling). */
			retryAfterSeconds: z.number().int().nonnegative().optional()
		})
	})
	.meta({ id: 'Error', description: 'La única forma de error de la API.' });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

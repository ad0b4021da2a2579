import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { ApiError, errorResponse } from './errors';

/**
 * Every schema failure (body, query, params) becomes a 400 in the one error shape, listing the fields
 * so the page can build its error summary. Zod's messages are ours, written in Spanish in the schemas.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const defaultHook: Hook<any, AppEnv, any, any> = (result, c) => {
	if (result.success) return;
	const fields = result.error.issues.map((issue) => ({
		path: issue.path.join('.'),
		message: issue.code === 'invalid_type' ? 'Falta este dato o no tiene el formato esperado.' : issue.message
	}));
	return errorResponse(c, new ApiError(400, 'datos_invalidos', 'Revisá los datos marcados.', { fields }));
};

/** One sub-app per API area, all sharing the validation hook. */
export function createApp() {
	return new OpenAPIHono<AppEnv>({ defaultHook });
}

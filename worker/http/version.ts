import type { MiddlewareHandler } from 'hono';
import { API_VERSION, API_VERSION_HEADER, VERSION_INCOMPATIBLE } from '../../src/lib/domain/api/version';
import type { AppEnv } from '../env';
import { ApiError } from './errors';

/**
 * Stops an old page (a shell kept by the service worker) from talking to an API that changed under it:
 * a request that says which API version it was built for must say this one, or it gets 409 and the page
 * offers to update. A request without the header (curl, the tests, monitoring) is not a page and passes:
 * the header is a promise the page makes, not an access control, so nothing is protected by demanding it.
 */
export const checkApiVersion: MiddlewareHandler<AppEnv> = async (c, next) => {
	const sent = c.req.header(API_VERSION_HEADER);
	if (sent !== undefined && sent.trim() !== String(API_VERSION))
		throw new ApiError(
			409,
			VERSION_INCOMPATIBLE,
			'Hay una versión nueva de mi ANSES. Actualizá la app para seguir.'
		);
	await next();
};

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '../../src/lib/domain/api/errors';

type ErrorExtra = Omit<ApiErrorBody['error'], 'code' | 'message'>;

/** A failure the client caused or must act on; always answered with the one error shape. */
export class ApiError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: string,
		message: string,
		readonly extra: ErrorExtra = {}
	) {
		super(message);
	}
}

export function errorResponse(c: Context, err: ApiError) {
	const body: ApiErrorBody = { error: { code: err.code, message: err.message, ...err.extra } };
	if (err.extra.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.extra.retryAfterSeconds));
	return c.json(body, err.status);
}

/** Hono and its middleware throw HTTPExceptions for transport-level problems; name each in Spanish. */
const HTTP_EXCEPTIONS: Partial<Record<number, [code: string, message: string]>> = {
	400: ['solicitud_invalida', 'La solicitud no tiene un formato válido (JSON).'],
	401: ['sin_sesion', 'Tu sesión terminó. Ingresá de nuevo.'],
	403: ['origen_no_permitido', 'La solicitud no viene de mi ANSES.'],
	404: ['no_encontrado', 'No encontramos lo que buscás.'],
	405: ['metodo_no_permitido', 'Esta dirección no acepta ese método.'],
	413: ['solicitud_demasiado_grande', 'La solicitud es demasiado grande.'],
	415: ['tipo_no_soportado', 'La solicitud tiene que enviarse como JSON.']
};

export const onError: ErrorHandler = (err, c) => {
	if (err instanceof ApiError) return errorResponse(c, err);
	if (err instanceof HTTPException && err.status < 500) {
		const [code, message] = HTTP_EXCEPTIONS[err.status] ?? [
			'solicitud_invalida',
			'No pudimos procesar la solicitud.'
		];
		return errorResponse(c, new ApiError(err.status as ContentfulStatusCode, code, message));
	}
	// Log the failure's name and message only: request bodies may carry a clave, so they never reach logs.
	console.error(
		'unhandled error',
		c.req.method,
		c.req.path,
		err instanceof Error ? `${err.name}: ${err.message}` : typeof err
	);
	return errorResponse(
		c,
		new ApiError(500, 'error_interno', 'Tuvimos un problema. Probá de nuevo en unos minutos.')
	);
};

export const notFound: NotFoundHandler = (c) =>
	errorResponse(c, new ApiError(404, 'no_encontrado', 'No encontramos lo que buscás.'));

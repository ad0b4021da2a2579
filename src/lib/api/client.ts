import type { LoginRequest, SessionInfo } from '$lib/domain/api/auth';
import type { ApiErrorBody } from '$lib/domain/api/errors';

type ErrorDetail = ApiErrorBody['error'];
export type FieldError = NonNullable<ErrorDetail['fields']>[number];

const NO_CONNECTION = 'No hay conexión. Revisá tu internet y probá de nuevo.';
const UNEXPECTED = 'Algo salió mal de nuestro lado. Probá de nuevo en unos minutos.';

/** Every failure of a call to the API: the server's `{ error }` body, or one made here for the network. */
export class ApiError extends Error {
	readonly status: number;
	readonly code: string;
	readonly fields: FieldError[];
	readonly retryAfterSeconds: number | undefined;

	constructor(status: number, detail: ErrorDetail) {
		super(detail.message);
		this.name = 'ApiError';
		this.status = status;
		this.code = detail.code;
		this.fields = detail.fields ?? [];
		this.retryAfterSeconds = detail.retryAfterSeconds;
	}
}

function isErrorBody(body: unknown): body is ApiErrorBody {
	const error = (body as ApiErrorBody | null)?.error;
	return typeof error?.code === 'string' && typeof error.message === 'string';
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			method,
			credentials: 'same-origin',
			headers:
				body === undefined
					? { accept: 'application/json' }
					: { accept: 'application/json', 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ApiError(0, { code: 'sin_conexion', message: NO_CONNECTION });
	}

	if (response.status === 204) return undefined as T;

	let parsed: unknown;
	try {
		parsed = await response.json();
	} catch {
		parsed = undefined;
	}

	if (response.ok) return parsed as T;
	if (isErrorBody(parsed)) throw new ApiError(response.status, parsed.error);
	throw new ApiError(response.status, { code: 'error_inesperado', message: UNEXPECTED });
}

export function login(body: LoginRequest): Promise<SessionInfo> {
	return request('POST', '/auth/login', body);
}

export function getSession(): Promise<SessionInfo> {
	return request('GET', '/auth/session');
}

export function logout(): Promise<void> {
	return request('POST', '/auth/logout');
}

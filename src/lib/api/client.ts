import type {
	AuthenticationResponseJSON,
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON,
	RegistrationResponseJSON
} from '@simplewebauthn/browser';
import type { LoginRequest, ReauthRequest, SessionInfo } from '$lib/domain/api/auth';
import type { ApiErrorBody } from '$lib/domain/api/errors';
import { API_VERSION, API_VERSION_HEADER, VERSION_INCOMPATIBLE } from '../domain/api/version';
import type {
	AuthenticationVerifyRequest,
	PasskeyList,
	PasskeySummary,
	RegistrationVerifyRequest,
	RenamePasskeyRequest
} from '$lib/domain/api/passkeys';

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

let onOutdated: (message: string) => void = () => undefined;

/** Who to tell when the API says this page is older than it: the update banner ($lib/app-update). */
export function whenOutdated(handler: (message: string) => void) {
	onOutdated = handler;
}

/**
 * For requests made outside `request` (the PDF download, the upload by XMLHttpRequest): an API error
 * that says this page is too old shows the update banner too, so no path fails without saying why.
 */
export function noticeOutdated(status: number, code: string | undefined, message: string | undefined) {
	if (status === 409 && code === VERSION_INCOMPATIBLE && message) onOutdated(message);
}

function isErrorBody(body: unknown): body is ApiErrorBody {
	const error = (body as ApiErrorBody | null)?.error;
	return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** One call to the API; the screens' own modules (`$lib/api/clave`, …) build on it. */
export async function request<T>(
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
	path: string,
	body?: unknown
): Promise<T> {
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			method,
			credentials: 'same-origin',
			// The API refuses a page built for another version of it (409 version_incompatible).
			headers: {
				accept: 'application/json',
				[API_VERSION_HEADER]: String(API_VERSION),
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
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
	if (isErrorBody(parsed)) {
		// This page is older than the API: the update banner says so (with the server's words).
		noticeOutdated(response.status, parsed.error.code, parsed.error.message);
		throw new ApiError(response.status, parsed.error);
	}
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

/** Asks for the clave again before a sensitive change (the session's sign-in is older than 5 minutes). */
export function reauthenticate(body: ReauthRequest): Promise<SessionInfo> {
	return request('POST', '/auth/reauth', body);
}

// The ceremony payloads are the JSON forms @simplewebauthn/browser produces; the schemas check them
// loosely (their extension results are an open record), so the browser library's types are used here.
type WithResponse<T, R> = Omit<T, 'response'> & { response: R };

export function getPasskeyRegistrationOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
	return request('POST', '/passkeys/registration/options', {});
}

export function verifyPasskeyRegistration(
	body: WithResponse<RegistrationVerifyRequest, RegistrationResponseJSON>
): Promise<PasskeySummary> {
	return request('POST', '/passkeys/registration/verify', body);
}

export function getPasskeyAuthenticationOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
	return request('POST', '/passkeys/authentication/options', {});
}

export function verifyPasskeyAuthentication(
	body: WithResponse<AuthenticationVerifyRequest, AuthenticationResponseJSON>
): Promise<SessionInfo> {
	return request('POST', '/passkeys/authentication/verify', body);
}

export function listPasskeys(): Promise<PasskeyList> {
	return request('GET', '/passkeys');
}

export function renamePasskey(id: string, body: RenamePasskeyRequest): Promise<PasskeySummary> {
	return request('PATCH', `/passkeys/${encodeURIComponent(id)}`, body);
}

export function deletePasskey(id: string): Promise<void> {
	return request('DELETE', `/passkeys/${encodeURIComponent(id)}`);
}

import { request } from './client';
import type { SessionInfo } from '$lib/domain/api/auth';
import type {
	AltaStartResponse,
	ChangeClaveResponse,
	ClaveStatus,
	CodeSentResponse,
	RecoveryStartResponse
} from '$lib/domain/api/clave';

/**
 * The clave's life: create it (alta), change it, recover it ("Olvidé mi clave") and "No fui yo". A module
 * of its own so that the sign-in screen, which needs none of it, does not carry it.
 */

export interface Question {
	id: string;
	texto: string;
}

export interface Answer {
	id: string;
	respuesta: string;
}

/** A new clave as the forms send it: typed twice, with the security policies accepted. */
export interface NewClave {
	claveNueva: string;
	confirmacion: string;
	aceptaPoliticas: true;
}

export function getSecurityQuestions(): Promise<{ preguntas: Question[] }> {
	return request('GET', '/clave/preguntas');
}

export function getClaveStatus(): Promise<ClaveStatus> {
	return request('GET', '/clave/estado');
}

export function changeClave(body: NewClave & { claveActual?: string }): Promise<ChangeClaveResponse> {
	return request('POST', '/clave/cambio', body);
}

export function startRecovery(cuil: string): Promise<RecoveryStartResponse> {
	return request('POST', '/clave/recuperacion/inicio', { cuil });
}

export function answerRecovery(recuperacion: string, respuestas: Answer[]): Promise<CodeSentResponse> {
	return request('POST', '/clave/recuperacion/respuestas', { recuperacion, respuestas });
}

export function confirmRecoveryCode(recuperacion: string, codigo: string): Promise<void> {
	return request('POST', '/clave/recuperacion/codigo', { recuperacion, codigo });
}

export function setRecoveredClave(recuperacion: string, clave: NewClave): Promise<void> {
	return request('POST', '/clave/recuperacion/clave', { recuperacion, ...clave });
}

export function startAlta(body: { cuil: string; dni: string; tramite: string }): Promise<AltaStartResponse> {
	return request('POST', '/clave/alta/inicio', body);
}

export function confirmAlta(
	body: { alta: string; codigo: string; preguntas: Answer[] } & NewClave
): Promise<SessionInfo> {
	return request('POST', '/clave/alta/confirmar', body);
}

export function reportNotMe(token: string): Promise<void> {
	return request('POST', '/clave/no-fui-yo', { token });
}

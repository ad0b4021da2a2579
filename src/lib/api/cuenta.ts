import { request } from './client';
import type { Activity, DevMailbox } from '$lib/domain/api/cuenta';

export function getActivity(): Promise<Activity> {
	return request('GET', '/cuenta/actividad');
}

export function closeSession(id: string): Promise<void> {
	return request('DELETE', `/cuenta/sesiones/${encodeURIComponent(id)}`);
}

export function closeOtherSessions(): Promise<void> {
	return request('POST', '/cuenta/sesiones/cerrar-otras');
}

/** Only in a local installation: the messages the app would have sent (404 anywhere else). */
export function getDevMailbox(): Promise<DevMailbox> {
	return request('GET', '/dev/buzon');
}

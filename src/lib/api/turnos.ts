import { request } from './client';
import type { Disponibles, NuevoTurno, Turno, Turnos, Udais } from '$lib/domain/api/turnos';

export const getUdais = (): Promise<Udais> => request('GET', '/turnos/udais');
export const getMisTurnos = (): Promise<Turnos> => request('GET', '/turnos');
export const getDisponibles = (udai: number, fecha: string): Promise<Disponibles> =>
	request('GET', `/turnos/disponibles?udai=${udai}&fecha=${encodeURIComponent(fecha)}`);
export const reservarTurno = (body: NuevoTurno): Promise<Turno> => request('POST', '/turnos', body);
export const cancelarTurno = (id: number): Promise<Turno> => request('DELETE', `/turnos/${id}`);

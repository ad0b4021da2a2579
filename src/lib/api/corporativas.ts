import { request } from './client';
import type {
	CertificacionResumen,
	FichaEmpleado,
	ListaCertificaciones,
	MisEmpleadores,
	NuevaCertificacion
} from '$lib/domain/api/corporativas';

export const getEmpleadores = (): Promise<MisEmpleadores> => request('GET', '/corporativas/empleadores');
export const getCertificacionesHechas = (): Promise<ListaCertificaciones> =>
	request('GET', '/corporativas/certificaciones');
export const getFichaEmpleado = (cuit: string, cuil: string): Promise<FichaEmpleado> =>
	request(
		'GET',
		`/corporativas/empleadores/${encodeURIComponent(cuit)}/empleados/${encodeURIComponent(cuil)}`
	);
export const certificar = (body: NuevaCertificacion): Promise<CertificacionResumen> =>
	request('POST', '/corporativas/certificaciones', body);

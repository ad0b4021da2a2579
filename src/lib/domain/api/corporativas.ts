import { z } from 'zod';
import { MAX_MESES_CERTIFICACION, MAX_REMUNERACION_CENTAVOS } from '../corporativas';
import { Centavos, Periodo } from './servicios';

/**
 * Aplicaciones corporativas (`/api/corporativas`): only for nivel-3 sessions (issue 8, point 4).
 *
 * - GET  /api/corporativas/empleadores                               the employers this account represents
 * - GET  /api/corporativas/empleadores/{cuit}/empleados/{cuil}       a (former) employee's employments there,
 *                                                                    months prefilled from the declared aportes
 * - POST /api/corporativas/certificaciones                           certify services and remuneraciones
 * - GET  /api/corporativas/certificaciones                           what this representative certified
 *
 * The employee then issues the certificate from /api/certificados (tipo `servicios_remuneraciones`).
 */

const Cuit = z
	.string()
	.regex(/^\d{11}$/, { message: 'El CUIT tiene 11 números, sin guiones.' })
	.meta({ id: 'Cuit', example: '30694102871' });
const Cuil = z
	.string()
	.regex(/^\d{11}$/, { message: 'El CUIL tiene 11 números, sin guiones.' })
	.meta({ example: '27490123453' });

export const EmpleadorRepresentado = z
	.object({
		cuit: Cuit,
		razonSocial: z.string(),
		domicilio: z.string().nullable(),
		/** The representative's role, as ANSES recorded it ('Responsable de Recursos Humanos'). */
		cargo: z.string()
	})
	.meta({ id: 'EmpleadorRepresentado' });
export type EmpleadorRepresentado = z.infer<typeof EmpleadorRepresentado>;

export const MisEmpleadores = z
	.object({ items: z.array(EmpleadorRepresentado) })
	.meta({ id: 'MisEmpleadores' });
export type MisEmpleadores = z.infer<typeof MisEmpleadores>;

export const EmpleadoParams = z.object({ cuit: Cuit, cuil: Cuil });

export const MesCertificable = z
	.object({
		periodo: Periodo,
		/** Prefilled from the aportes the employer declared; null when the month has no declaration. */
		remuneracion: Centavos.nullable(),
		aportes: Centavos.nullable()
	})
	.meta({ id: 'MesCertificable' });

export const CertificacionResumen = z
	.object({
		id: z.number().int(),
		empleoId: z.number().int(),
		cuit: Cuit,
		razonSocial: z.string(),
		empleado: z.object({ cuil: Cuil, nombre: z.string() }),
		desde: Periodo,
		hasta: Periodo,
		meses: z.number().int(),
		/** Sum of the certified remuneraciones, centavos. */
		total: Centavos,
		certificadoAt: z.number().int(),
		/** Who certified: name and CUIL of the representative. */
		representante: z.object({ nombre: z.string(), cuil: Cuil })
	})
	.meta({ id: 'CertificacionResumen' });
export type CertificacionResumen = z.infer<typeof CertificacionResumen>;

export const FichaEmpleado = z
	.object({
		empleado: z.object({ cuil: Cuil, nombre: z.string() }),
		empleador: EmpleadorRepresentado,
		empleos: z.array(
			z.object({
				id: z.number().int(),
				desde: Periodo,
				/** null while the job goes on. */
				hasta: Periodo.nullable(),
				/** Last month that can be certified: the end of the job or the current month. */
				ultimoCertificable: Periodo,
				/** Every month of the employment (the last 120 at most), oldest first. */
				meses: z.array(MesCertificable)
			})
		),
		/** Certifications already made for this person at this employer, newest first. */
		certificaciones: z.array(CertificacionResumen)
	})
	.meta({ id: 'FichaEmpleado' });
export type FichaEmpleado = z.infer<typeof FichaEmpleado>;

export const NuevaCertificacion = z
	.object({
		cuit: Cuit,
		cuil: Cuil,
		empleoId: z.number().int().positive(),
		desde: Periodo,
		hasta: Periodo,
		remuneraciones: z
			.array(
				z
					.object({
						periodo: Periodo,
						remuneracion: z
							.number({ message: 'Escribí la remuneración del mes.' })
							.int({ message: 'La remuneración va en centavos enteros.' })
							.min(0, { message: 'La remuneración no puede ser negativa.' })
							.max(MAX_REMUNERACION_CENTAVOS, {
								message: 'La remuneración es demasiado alta. Revisá que no sobren ceros.'
							})
					})
					.strict()
			)
			.min(1, { message: 'Cargá al menos un mes.' })
			.max(MAX_MESES_CERTIFICACION, {
				message: `Se pueden certificar hasta ${MAX_MESES_CERTIFICACION} meses.`
			}),
		/** The representative confirms the data is true (the paper's signature line). */
		declaracionJurada: z.literal(true, {
			message: 'Para certificar tenés que confirmar que los datos son correctos.'
		})
	})
	.strict()
	.meta({ id: 'NuevaCertificacion' });
export type NuevaCertificacion = z.infer<typeof NuevaCertificacion>;

export const ListaCertificaciones = z
	.object({ items: z.array(CertificacionResumen) })
	.meta({ id: 'ListaCertificaciones' });
export type ListaCertificaciones = z.infer<typeof ListaCertificaciones>;

/** What the EMPLOYEE sees in Mis certificados: certifications employers made for them. */
export const CertificacionDeEmpleador = z
	.object({
		id: z.number().int(),
		cuit: Cuit,
		razonSocial: z.string(),
		desde: Periodo,
		hasta: Periodo,
		certificadoAt: z.number().int()
	})
	.meta({ id: 'CertificacionDeEmpleador' });
export type CertificacionDeEmpleador = z.infer<typeof CertificacionDeEmpleador>;

export const CertificacionesDeEmpleadores = z
	.object({ items: z.array(CertificacionDeEmpleador) })
	.meta({ id: 'CertificacionesDeEmpleadores' });
export type CertificacionesDeEmpleadores = z.infer<typeof CertificacionesDeEmpleadores>;

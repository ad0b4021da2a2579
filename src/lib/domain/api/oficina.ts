import { z } from 'zod';
import { codigoValido } from '../clave-provisoria';
import { ClaveInput, Cuil } from './auth';

/** The office console's requests and answers (worker/oficina, src/routes/oficina). */

const UdaiResumen = z
	.object({ id: z.number().int(), nombre: z.string(), direccion: z.string(), localidad: z.string() })
	.meta({ id: 'UdaiResumen' });

export const Operador = z
	.object({
		nombres: z.string(),
		apellidos: z.string(),
		legajo: z.string(),
		udai: UdaiResumen
	})
	.meta({ id: 'Operador' });
export type Operador = z.infer<typeof Operador>;

export const TurnosDelDiaQuery = z.object({
	fecha: z.iso.date({ message: 'Elegí un día.' }).optional()
});

export const TurnoDelDia = z
	.object({
		id: z.number().int(),
		hora: z.string(),
		estado: z.enum(['reservado', 'cancelado', 'atendido']),
		motivoTexto: z.string(),
		ciudadano: z.object({
			cuil: z.string(),
			nombres: z.string(),
			apellidos: z.string(),
			nivel: z.union([z.literal(2), z.literal(3)])
		})
	})
	.meta({ id: 'TurnoDelDia' });
export type TurnoDelDia = z.infer<typeof TurnoDelDia>;

export const TurnosDelDia = z
	.object({ fecha: z.string(), udai: UdaiResumen, items: z.array(TurnoDelDia) })
	.meta({ id: 'TurnosDelDia' });
export type TurnosDelDia = z.infer<typeof TurnosDelDia>;

export const BusquedaRequest = z.object({ cuil: Cuil }).strict().meta({ id: 'BusquedaRequest' });
export type BusquedaRequest = z.infer<typeof BusquedaRequest>;

/**
 * What the counter sees of a person. Never the número de trámite on record: the operator must read it
 * off the card the person hands over, or matching it would prove nothing.
 */
export const CiudadanoOficina = z
	.object({
		cuil: z.string(),
		dni: z.string(),
		nombres: z.string(),
		apellidos: z.string(),
		fechaNacimiento: z.string(),
		nivel: z.union([z.literal(2), z.literal(3)]),
		tieneClave: z.boolean(),
		otorgamientos: z.array(z.object({ otorgadoEn: z.iso.datetime(), udai: z.string(), legajo: z.string() })),
		/** Live appointments of this person at the operator's office. */
		turnos: z.array(z.object({ id: z.number().int(), fecha: z.string(), hora: z.string() }))
	})
	.meta({ id: 'CiudadanoOficina' });
export type CiudadanoOficina = z.infer<typeof CiudadanoOficina>;

const Tramite = z.string().regex(/^\d{11}$/, { message: 'El número de trámite tiene 11 números.' });
const DniVisto = z.literal(true, { message: 'Marcá que viste el DNI de la persona.' });

export const ValidacionRequest = z
	.object({
		cuil: Cuil,
		turnoId: z.number().int().positive().nullable().optional(),
		dniVisto: DniVisto,
		tramite: Tramite,
		notas: z.string().trim().max(500, { message: 'Las notas tienen como máximo 500 caracteres.' }).optional()
	})
	.strict()
	.meta({ id: 'ValidacionRequest' });
export type ValidacionRequest = z.infer<typeof ValidacionRequest>;

export const ValidacionResponse = z
	.object({
		nivel: z.literal(3),
		otorgadoEn: z.iso.datetime(),
		sesionesCerradas: z.number().int(),
		avisoPor: z.enum(['email', 'sms']).nullable()
	})
	.meta({ id: 'ValidacionResponse' });
export type ValidacionResponse = z.infer<typeof ValidacionResponse>;

export const ClaveProvisoriaRequest = z
	.object({ cuil: Cuil, dniVisto: DniVisto, tramite: Tramite })
	.strict()
	.meta({ id: 'ClaveProvisoriaRequest' });
export type ClaveProvisoriaRequest = z.infer<typeof ClaveProvisoriaRequest>;

export const ClaveProvisoriaResponse = z
	.object({
		/** Shown once, printed, never stored: the database keeps only its HMAC. */
		codigo: z.string().meta({ example: 'K7QH-3MZP-T9XC-4RWB' }),
		venceEn: z.iso.datetime(),
		sesionesCerradas: z.number().int(),
		avisoPor: z.enum(['email', 'sms']).nullable(),
		ciudadano: z.object({ cuil: z.string(), nombres: z.string(), apellidos: z.string() })
	})
	.meta({ id: 'ClaveProvisoriaResponse' });
export type ClaveProvisoriaResponse = z.infer<typeof ClaveProvisoriaResponse>;

const FlowToken = z.string().regex(/^[A-Za-z0-9_-]{22}$/, { message: 'El trámite no es válido.' });

export const ProvisoriaIngresoRequest = z
	.object({
		cuil: Cuil,
		codigo: z
			.string()
			.max(64)
			.refine(codigoValido, { message: 'El código tiene 16 letras y números, como figura en la hoja.' })
	})
	.strict()
	.meta({ id: 'ProvisoriaIngresoRequest' });
export type ProvisoriaIngresoRequest = z.infer<typeof ProvisoriaIngresoRequest>;

export const ProvisoriaIngresoResponse = z
	.object({ provisoria: FlowToken, nombres: z.string() })
	.meta({ id: 'ProvisoriaIngresoResponse' });
export type ProvisoriaIngresoResponse = z.infer<typeof ProvisoriaIngresoResponse>;

export const ProvisoriaClaveRequest = z
	.object({
		provisoria: FlowToken,
		claveNueva: ClaveInput,
		confirmacion: z.string().max(512),
		aceptaPoliticas: z.literal(true, { message: 'Tenés que aceptar las políticas de seguridad.' })
	})
	.strict()
	.meta({ id: 'ProvisoriaClaveRequest' });
export type ProvisoriaClaveRequest = z.infer<typeof ProvisoriaClaveRequest>;

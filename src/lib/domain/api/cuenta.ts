import { z } from 'zod';

export const ActivityEvent = z
	.object({
		tipo: z.string(),
		descripcion: z.string(),
		fecha: z.iso.datetime(),
		ip: z.string().nullable(),
		dispositivo: z.string().nullable()
	})
	.meta({ id: 'ActivityEvent' });

export const OpenSession = z
	.object({
		id: z.string(),
		actual: z.boolean(),
		metodo: z.enum(['clave', 'passkey']),
		inicio: z.iso.datetime(),
		ultimaActividad: z.iso.datetime(),
		ip: z.string().nullable(),
		dispositivo: z.string().nullable()
	})
	.meta({ id: 'OpenSession' });

export const Activity = z
	.object({ eventos: z.array(ActivityEvent), sesiones: z.array(OpenSession) })
	.meta({ id: 'Activity' });
export type Activity = z.infer<typeof Activity>;

export const SessionIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) });

export const DevMailbox = z
	.object({
		mensajes: z.array(
			z.object({
				id: z.number().int(),
				tipo: z.string(),
				canal: z.enum(['email', 'sms']),
				para: z.string(),
				asunto: z.string(),
				cuerpo: z.string(),
				fecha: z.iso.datetime()
			})
		)
	})
	.meta({ id: 'DevMailbox' });
export type DevMailbox = z.infer<typeof DevMailbox>;

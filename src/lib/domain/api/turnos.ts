import { z } from 'zod';

export const Udai = z
	.object({
		id: z.number().int(),
		nombre: z.string(),
		direccion: z.string(),
		localidad: z.string(),
		provincia: z.string(),
		abre: z.number().int(),
		cierra: z.number().int(),
		turnoMinutos: z.number().int(),
		capacidad: z.number().int()
	})
	.meta({ id: 'Udai' });
export type Udai = z.infer<typeof Udai>;

export const Udais = z.object({ items: z.array(Udai) }).meta({ id: 'Udais' });
export type Udais = z.infer<typeof Udais>;

export const DisponiblesQuery = z.object({
	udai: z.coerce.number().int().positive(),
	fecha: z.iso.date({ message: 'Elegí un día.' })
});
export const Disponibles = z
	.object({
		fecha: z.string(),
		slots: z.array(z.object({ hora: z.string(), libres: z.number().int() }))
	})
	.meta({ id: 'Disponibles' });
export type Disponibles = z.infer<typeof Disponibles>;

export const NuevoTurno = z
	.object({
		udaiId: z.number().int().positive(),
		motivo: z.literal('validacion_identidad'),
		fecha: z.iso.date({ message: 'Elegí un día.' }),
		hora: z.string().regex(/^\d{2}:\d{2}$/, { message: 'Elegí un horario.' })
	})
	.strict();
export type NuevoTurno = z.infer<typeof NuevoTurno>;

export const Turno = z
	.object({
		id: z.number().int(),
		motivo: z.literal('validacion_identidad'),
		motivoTexto: z.string(),
		fecha: z.string(),
		hora: z.string(),
		estado: z.enum(['reservado', 'cancelado', 'atendido']),
		udai: Udai.pick({ id: true, nombre: true, direccion: true, localidad: true, provincia: true })
	})
	.meta({ id: 'Turno' });
export type Turno = z.infer<typeof Turno>;

export const Turnos = z.object({ items: z.array(Turno) }).meta({ id: 'Turnos' });
export type Turnos = z.infer<typeof Turnos>;

export const TurnoIdParam = z.object({ id: z.coerce.number().int().positive() });

import { createRoute } from '@hono/zod-openapi';
import {
	Disponibles,
	DisponiblesQuery,
	NuevoTurno,
	Turno,
	TurnoIdParam,
	Turnos,
	Udais
} from '../../src/lib/domain/api/turnos';
import { todayInArgentina } from '../../src/lib/domain/cronograma';
import { MOTIVOS_TURNO, isBookable, slotsOf } from '../../src/lib/domain/turnos';
import { requireSession } from '../auth/sessions';
import { createApp } from '../http/app';
import { ApiError } from '../http/errors';
import { errors, json, jsonBody } from '../http/openapi';
import { SQL, type TurnoRow, type UdaiRow } from './queries';

const TAG = ['Turnos'];
const SIN_SESION: [number, string] = [401, 'Sin sesión'];

const udai = (r: UdaiRow) => ({
	id: r.id,
	nombre: r.nombre,
	direccion: r.direccion,
	localidad: r.localidad,
	provincia: r.provincia,
	abre: r.abre,
	cierra: r.cierra,
	turnoMinutos: r.turno_minutos,
	capacidad: r.capacidad
});

const turno = (r: TurnoRow) => ({
	id: r.id,
	motivo: r.motivo,
	motivoTexto: MOTIVOS_TURNO[r.motivo],
	fecha: r.fecha,
	hora: r.hora,
	estado: r.estado,
	udai: {
		id: r.udai_id,
		nombre: r.nombre,
		direccion: r.direccion,
		localidad: r.localidad,
		provincia: r.provincia
	}
});

const horario = (r: UdaiRow) => ({ abre: r.abre, cierra: r.cierra, turnoMinutos: r.turno_minutos });

const udaisRoute = createRoute({
	method: 'get',
	path: '/udais',
	tags: TAG,
	summary: 'Oficinas de ANSES (UDAI) con dirección, horario y turnos',
	responses: { 200: json(Udais, 'Oficinas'), ...errors(SIN_SESION) }
});
const disponiblesRoute = createRoute({
	method: 'get',
	path: '/disponibles',
	tags: TAG,
	summary: 'Horarios de un día en una oficina y lugares libres',
	request: { query: DisponiblesQuery },
	responses: {
		200: json(Disponibles, 'Horarios'),
		...errors([400, 'Datos inválidos'], SIN_SESION, [404, 'No existe esa oficina'])
	}
});
const misTurnosRoute = createRoute({
	method: 'get',
	path: '/',
	tags: TAG,
	summary: 'Mis turnos',
	responses: { 200: json(Turnos, 'Turnos'), ...errors(SIN_SESION) }
});
const reservarRoute = createRoute({
	method: 'post',
	path: '/',
	tags: TAG,
	summary: 'Reservar un turno (sin doble reserva: el control de lugares y el alta son una sola sentencia)',
	request: jsonBody(NuevoTurno),
	responses: {
		201: json(Turno, 'Turno reservado'),
		...errors(
			[400, 'Datos inválidos'],
			SIN_SESION,
			[404, 'No existe esa oficina'],
			[409, 'Sin lugar o ya tenés un turno']
		)
	}
});
const cancelarRoute = createRoute({
	method: 'delete',
	path: '/{id}',
	tags: TAG,
	summary: 'Cancelar un turno propio',
	request: { params: TurnoIdParam },
	responses: {
		200: json(Turno, 'Turno cancelado'),
		...errors(SIN_SESION, [404, 'No existe, no es tuyo o ya no está reservado'])
	}
});

const noUdai = () => new ApiError(404, 'no_encontrado', 'No encontramos esa oficina.');

async function findUdai(db: D1Database, id: number) {
	return db.prepare(SQL.udai).bind(id).first<UdaiRow>();
}

export const turnos = createApp()
	.openapi({ ...udaisRoute, middleware: [requireSession] as const }, async (c) => {
		const { results } = await c.env.DB.prepare(SQL.udais).all<UdaiRow>();
		return c.json({ items: results.map(udai) }, 200);
	})
	.openapi({ ...disponiblesRoute, middleware: [requireSession] as const }, async (c) => {
		const { udai: id, fecha } = c.req.valid('query');
		const u = await findUdai(c.env.DB, id);
		if (!u) throw noUdai();
		const today = todayInArgentina();
		const { results } = await c.env.DB.prepare(SQL.taken).bind(id, fecha).all<{ hora: string; n: number }>();
		const taken = new Map(results.map((r) => [r.hora, r.n]));
		const slots = slotsOf(horario(u), fecha)
			.filter((hora) => isBookable(horario(u), fecha, hora, today))
			.map((hora) => ({ hora, libres: Math.max(0, u.capacidad - (taken.get(hora) ?? 0)) }));
		return c.json({ fecha, slots }, 200);
	})
	.openapi({ ...misTurnosRoute, middleware: [requireSession] as const }, async (c) => {
		const { results } = await c.env.DB.prepare(SQL.mine).bind(c.var.session.citizenId).all<TurnoRow>();
		return c.json({ items: results.map(turno) }, 200);
	})
	.openapi({ ...reservarRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const body = c.req.valid('json');
		const u = await findUdai(c.env.DB, body.udaiId);
		if (!u) throw noUdai();
		if (!isBookable(horario(u), body.fecha, body.hora, todayInArgentina()))
			throw new ApiError(
				400,
				'horario_invalido',
				'Ese día u horario no se puede reservar. Elegí otro de la lista.'
			);
		let changes: number;
		let id: number;
		try {
			const { meta } = await c.env.DB.prepare(SQL.book)
				.bind(s.citizenId, u.id, body.motivo, body.fecha, body.hora, Date.now())
				.run();
			changes = meta.changes;
			id = meta.last_row_id;
		} catch (e) {
			// turnos_one_live: one live appointment per person and reason (a UNIQUE partial index).
			if (String(e).includes('UNIQUE'))
				throw new ApiError(
					409,
					'turno_existente',
					'Ya tenés un turno reservado para esto. Si querés otro día, cancelá el que tenés.'
				);
			throw e;
		}
		if (changes === 0) throw new ApiError(409, 'sin_lugar', 'Ese horario se acaba de ocupar. Elegí otro.');
		const row = await c.env.DB.prepare(SQL.one).bind(id, s.citizenId).first<TurnoRow>();
		if (!row) throw new Error('appointment vanished after insert');
		return c.json(turno(row), 201);
	})
	.openapi({ ...cancelarRoute, middleware: [requireSession] as const }, async (c) => {
		const s = c.var.session;
		const { id } = c.req.valid('param');
		// The citizen id in the WHERE: another person's appointment answers like one that does not exist.
		const { meta } = await c.env.DB.prepare(SQL.cancel).bind(id, s.citizenId, Date.now()).run();
		if (meta.changes === 0) throw new ApiError(404, 'no_encontrado', 'No encontramos ese turno reservado.');
		const row = await c.env.DB.prepare(SQL.one).bind(id, s.citizenId).first<TurnoRow>();
		return c.json(turno(row!), 200);
	});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { todayInArgentina } from '../../src/lib/domain/cronograma';
import { addDays, isOfficeDay } from '../../src/lib/domain/turnos';
import { call, cookieHeader, cookiesFrom, createCitizen, login, randomIp } from './helpers';

const CLAVE = 'Girasol-Rio-91!';
type ErrorBody = { error: { code: string; message: string } };

async function signedIn() {
	const citizen = await createCitizen({ clave: CLAVE });
	const res = await login(citizen.cuil, CLAVE, { ip: randomIp() });
	return { ...citizen, cookie: cookieHeader({ '__Host-mia_sesion': cookiesFrom(res)['__Host-mia_sesion'] }) };
}

/** The next office day after today, `skip` office days further on. */
function officeDay(skip = 0) {
	let d = todayInArgentina();
	for (let found = -1; found < skip;) {
		d = addDays(d, 1);
		if (isOfficeDay(d)) found++;
	}
	return d;
}

const book = (cookie: string, body: Record<string, unknown>) => call('/api/turnos', { body, cookie });

describe('turnos', () => {
	it('lists the seeded offices in several provinces', async () => {
		const s = await signedIn();
		const { items } = await (
			await call('/api/turnos/udais', { cookie: s.cookie })
		).json<{
			items: { provincia: string; capacidad: number }[];
		}>();
		expect(new Set(items.map((u) => u.provincia)).size).toBeGreaterThanOrEqual(5);
		expect(items.every((u) => u.capacidad > 0)).toBe(true);
	});

	it('books, lists and cancels one’s own appointment; one live appointment per person', async () => {
		const s = await signedIn();
		const fecha = officeDay(3);
		const res = await book(s.cookie, { udaiId: 2, motivo: 'validacion_identidad', fecha, hora: '09:00' });
		expect(res.status).toBe(201);
		const t = await res.json<{ id: number; estado: string; motivoTexto: string }>();
		expect(t).toMatchObject({ estado: 'reservado', motivoTexto: 'Validación de identidad (nivel 3)' });
		const again = await book(s.cookie, { udaiId: 2, motivo: 'validacion_identidad', fecha, hora: '10:00' });
		expect(again.status).toBe(409);
		expect((await again.json<ErrorBody>()).error.code).toBe('turno_existente');

		const other = await signedIn();
		expect((await call(`/api/turnos/${t.id}`, { method: 'DELETE', cookie: other.cookie })).status).toBe(404);
		const cancel = await call(`/api/turnos/${t.id}`, { method: 'DELETE', cookie: s.cookie });
		expect(cancel.status).toBe(200);
		expect((await cancel.json<{ estado: string }>()).estado).toBe('cancelado');
		const mine = await (
			await call('/api/turnos', { cookie: s.cookie })
		).json<{ items: { estado: string }[] }>();
		expect(mine.items.map((i) => i.estado)).toEqual(['cancelado']);
		// Once cancelled, a new one can be booked.
		expect(
			(await book(s.cookie, { udaiId: 2, motivo: 'validacion_identidad', fecha, hora: '10:00' })).status
		).toBe(201);
	});

	it('refuses a day the office is closed, a time that is not a slot, and the past', async () => {
		const s = await signedIn();
		let sunday = todayInArgentina();
		while (new Date(`${sunday}T12:00:00Z`).getUTCDay() !== 0) sunday = addDays(sunday, 1);
		for (const [fecha, hora] of [
			[sunday, '09:00'],
			[officeDay(), '09:07'],
			[officeDay(), '20:00'],
			[todayInArgentina(), '09:00'],
			['2020-03-02', '09:00']
		]) {
			const res = await book(s.cookie, { udaiId: 1, motivo: 'validacion_identidad', fecha, hora });
			expect(res.status, `${fecha} ${hora}`).toBe(400);
		}
	});

	it('parallel bookings of the last seat of a slot: exactly one 201', async () => {
		// UDAI 5 (Tucumán) has one seat per slot.
		const fecha = officeDay(5);
		const people = await Promise.all(Array.from({ length: 8 }, signedIn));
		const responses = await Promise.all(
			people.map((p) => book(p.cookie, { udaiId: 5, motivo: 'validacion_identidad', fecha, hora: '08:00' }))
		);
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
		const seats = await env.DB.prepare(
			"SELECT COUNT(*) AS n FROM turnos WHERE udai_id = 5 AND fecha = ? AND hora = '08:00' AND estado = 'reservado'"
		)
			.bind(fecha)
			.first<{ n: number }>();
		expect(seats!.n).toBe(1);
		const slots = await (
			await call(`/api/turnos/disponibles?udai=5&fecha=${fecha}`, { cookie: people[0].cookie })
		).json<{ slots: { hora: string; libres: number }[] }>();
		expect(slots.slots.find((x) => x.hora === '08:00')!.libres).toBe(0);
	});

	it('needs a session', async () => {
		expect((await call('/api/turnos')).status).toBe(401);
		expect((await call('/api/turnos', { body: {} })).status).toBe(401);
	});
});

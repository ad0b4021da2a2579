import { describe, expect, it } from 'vitest';
import { parseCbu } from '../../src/lib/domain/cbu';
import { monthsBetween } from '../../src/lib/domain/cronograma';
import { parseCuit } from '../../src/lib/domain/cuil';
import { DEMO_ACCOUNTS } from '../../worker/seed/demo-accounts';
import { DEFAULT_SEED, createCitizenGenerator, type CitizenRow } from '../../worker/seed/generate';
import {
	DEMO_EMPLOYERS,
	DEMO_SERVICIOS,
	createServiciosGenerator,
	type ServiciosSeed
} from '../../worker/seed/servicios';
import { SEED_LAST_PERIOD, SIPA_START } from '../../worker/seed/servicios-data';
import { calendarRows, FIRST_PAYMENT_PERIOD, wageIndex } from '../../worker/seed/servicios-sql';

const SAMPLE = 20_000;
const citizens = createCitizenGenerator(DEFAULT_SEED);
const servicios = createServiciosGenerator(DEFAULT_SEED);
const people: { c: CitizenRow; s: ServiciosSeed }[] = Array.from({ length: SAMPLE }, (_, i) => {
	const c = citizens.citizenAt(i);
	return { c, s: servicios.serviciosAt(i, c) };
});
const ageOf = (c: CitizenRow) => Number(SEED_LAST_PERIOD.slice(0, 4)) - Number(c.fechaNacimiento.slice(0, 4));

describe('generated services', () => {
	it('are the same for the same seed and row, whatever was generated before', () => {
		const again = createServiciosGenerator(DEFAULT_SEED);
		for (const i of [0, 17, 4_321, SAMPLE - 1])
			expect(again.serviciosAt(i, people[i].c)).toEqual(people[i].s);
		const other = createServiciosGenerator('otra-semilla');
		const same = people
			.slice(0, 500)
			.filter((p, i) => JSON.stringify(other.serviciosAt(i, p.c)) === JSON.stringify(p.s));
		// Most people have no services at all, so some rows match by being empty.
		expect(same.length).toBeLessThan(450);
	});

	it('name employers with valid company CUITs (30 or 33), all different', () => {
		const employers = [...servicios.employers, ...DEMO_EMPLOYERS];
		expect(employers.filter((e) => parseCuit(e.cuit) !== e.cuit || !/^3[03]/.test(e.cuit))).toEqual([]);
		expect(new Set(employers.map((e) => e.cuit)).size).toBe(employers.length);
		expect(new Set(employers.map((e) => e.razonSocial)).size).toBe(employers.length);
	});

	it('pay into valid CBUs', () => {
		const bad = people.flatMap((p) => p.s.prestaciones).filter((p) => !parseCbu(p.cbu).ok);
		expect(bad).toEqual([]);
	});

	it('give jubilaciones only from the retirement age, and to most people past it', () => {
		const early = people.filter(
			(p) =>
				p.s.prestaciones.some((x) => x.tipo === 'jubilacion') && ageOf(p.c) < (p.c.sexo === 'F' ? 60 : 65)
		);
		expect(early).toEqual([]);
		const old = people.filter((p) => ageOf(p.c) >= 66);
		const covered = old.filter((p) =>
			p.s.prestaciones.some((x) => x.tipo === 'jubilacion' || x.tipo === 'pension')
		);
		expect(covered.length / old.length).toBeGreaterThan(0.85);
		const atMinimo = people
			.flatMap((p) => p.s.prestaciones)
			.filter((x) => x.tipo === 'jubilacion' && x.milesimas === 1000);
		expect(atMinimo.length).toBeGreaterThan(0);
	});

	it('give AUH per child, to mothers, for children under 18 born when the mother was 17 or older', () => {
		const mothers = people.filter((p) => p.s.prestaciones.some((x) => x.tipo === 'auh'));
		expect(mothers.length).toBeGreaterThan(SAMPLE * 0.005);
		for (const { c, s } of mothers) {
			expect(c.sexo).toBe('F');
			for (const auh of s.prestaciones.filter((x) => x.tipo === 'auh')) {
				expect(auh.hijoNombre).toMatch(/\S+ \S+/);
				expect(auh.hijoDni).toMatch(/^\d{8}$/);
				expect(auh.alta.slice(0, 4) >= String(Number(c.fechaNacimiento.slice(0, 4)) + 17)).toBe(true);
				expect(Number(auh.alta.slice(0, 4))).toBeGreaterThanOrEqual(
					Number(SEED_LAST_PERIOD.slice(0, 4)) - 18
				);
			}
		}
	});

	it('give some workers a historia laboral with no benefit, jobs in order, with gaps between some', () => {
		const workers = people.filter((p) => p.s.empleos.length > 0);
		expect(workers.length / SAMPLE).toBeGreaterThan(0.1);
		expect(workers.filter((p) => p.s.prestaciones.length === 0).length).toBeGreaterThan(workers.length / 2);
		let gaps = 0;
		for (const { s } of workers)
			s.empleos.forEach((e, k) => {
				expect(e.desde >= SIPA_START && e.desde <= SEED_LAST_PERIOD).toBe(true);
				if (e.hasta) expect(e.hasta >= e.desde && e.hasta <= SEED_LAST_PERIOD).toBe(true);
				else expect(k).toBe(s.empleos.length - 1);
				expect(e.base).toBeGreaterThan(0);
				const next = s.empleos[k + 1];
				if (next) {
					expect(next.desde > e.hasta!).toBe(true);
					if (monthsBetween(e.hasta!, next.desde) > 1) gaps++;
				}
			});
		expect(gaps).toBeGreaterThan(workers.length / 10);
	});

	it('give a few people desempleo and a few requests with a state history', () => {
		const desempleo = people.filter((p) => p.s.prestaciones.some((x) => x.tipo === 'desempleo'));
		expect(desempleo.length).toBeGreaterThan(0);
		expect(desempleo.length).toBeLessThan(SAMPLE * 0.02);
		const tramites = people.flatMap((p) => p.s.tramites);
		expect(tramites.length / SAMPLE).toBeGreaterThan(0.01);
		for (const t of tramites) {
			expect(t.pasos[0].estado).toBe('iniciado');
			expect(t.pasos.map((p) => p.fecha)).toEqual([...t.pasos.map((p) => p.fecha)].sort((a, b) => a - b));
		}
	});
});

describe('demo accounts', () => {
	const byRole = (dni: number) => DEMO_SERVICIOS[dni];
	const [rosa, martin, daiana, lucas, sofia] = DEMO_ACCOUNTS.map((a) => a.dni);

	it('Rosa is a jubilada paid at the haber mínimo', () => {
		expect(byRole(rosa).prestaciones).toMatchObject([
			{ tipo: 'jubilacion', estado: 'activa', referencia: 'haber_minimo', milesimas: 1000 }
		]);
	});

	it('Martín has 15+ years of aportes with 3–4 employers, a visible gap and no benefit', () => {
		const { empleos, prestaciones } = byRole(martin);
		expect(prestaciones).toEqual([]);
		expect(new Set(empleos.map((e) => e.cuit)).size).toBeGreaterThanOrEqual(3);
		const months = empleos.reduce(
			(sum, e) => sum + monthsBetween(e.desde, e.hasta ?? SEED_LAST_PERIOD) + 1,
			0
		);
		expect(months).toBeGreaterThanOrEqual(15 * 12);
		const longestGap = Math.max(
			...empleos.slice(1).map((e, k) => monthsBetween(empleos[k].hasta!, e.desde) - 1)
		);
		expect(longestGap).toBeGreaterThanOrEqual(12);
	});

	it('Daiana has AUH for two children and Lucas has nothing yet', () => {
		expect(byRole(daiana).prestaciones.map((p) => [p.tipo, p.hijoNombre])).toEqual([
			['auh', 'Thiago Benjamín Acosta'],
			['auh', 'Mía Valentina Acosta']
		]);
		expect(byRole(lucas)).toBeUndefined();
	});

	it('Sofía worked until March 2026 and has nothing since: a Certificación Negativa can be issued', () => {
		const { empleos, prestaciones, registros } = byRole(sofia);
		expect(prestaciones).toEqual([]);
		expect(registros).toBeUndefined();
		expect(empleos.length).toBe(2);
		expect(empleos.every((e) => e.hasta !== null && e.hasta <= '2026-03')).toBe(true);
		// At least six months before SEED_LAST_PERIOD: the Negativa's whole window is free.
		expect(monthsBetween(empleos.at(-1)!.hasta!, SEED_LAST_PERIOD)).toBeGreaterThan(6);
	});

	it('no demo account has records of other registries', () => {
		for (const account of DEMO_ACCOUNTS) expect(byRole(account.dni)?.registros).toBeUndefined();
	});
});

describe('records of other registries (for the Certificación Negativa)', () => {
	const withRecords = people.filter((p) => p.s.registros);
	const all = withRecords.flatMap((p) => p.s.registros!);

	it('go to a deterministic share of the generated people, each type represented', () => {
		expect(withRecords.length / SAMPLE).toBeGreaterThan(0.03);
		expect(withRecords.length / SAMPLE).toBeLessThan(0.15);
		for (const tipo of [
			'monotributo',
			'autonomo',
			'casas_particulares',
			'provincial_no_sipa',
			'programa_social',
			'progresar'
		])
			expect(
				all.some((r) => r.tipo === tipo),
				tipo
			).toBe(true);
		const again = createServiciosGenerator(DEFAULT_SEED);
		for (const i of [0, 17, 4_321, SAMPLE - 1])
			expect(again.serviciosAt(i, people[i].c).registros).toEqual(people[i].s.registros);
	});

	it('have valid periods, ending no later than the last seeded month', () => {
		for (const r of all) {
			expect(r.desde).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
			expect(r.desde <= SEED_LAST_PERIOD).toBe(true);
			if (r.hasta !== null) expect(r.hasta >= r.desde && r.hasta <= SEED_LAST_PERIOD).toBe(true);
			expect(r.detalle.length).toBeGreaterThan(3);
		}
	});

	it('give Progresar only to people aged 18 to 24, and monotributo to no one with a current job', () => {
		for (const { c, s } of withRecords) {
			if (s.registros!.some((r) => r.tipo === 'progresar')) expect(ageOf(c)).toBeLessThanOrEqual(24);
			if (s.registros!.some((r) => r.tipo === 'monotributo')) expect(s.empleos.at(-1)?.hasta).not.toBeNull();
		}
	});
});

describe('seed expansion data', () => {
	it('dates payments with the same calendar as the API (January 2026, DNI ending 0 to 9)', () => {
		const january = calendarRows()
			.filter(([p, e]) => p === '2026-01' && e === 'minimo')
			.map(([, , , fecha]) => fecha.slice(8));
		expect(january).toEqual(['09', '12', '13', '14', '15', '16', '19', '20', '21', '22']);
		expect(calendarRows()[0][0]).toBe(FIRST_PAYMENT_PERIOD);
	});

	it('deflates salaries with a wage index that ends at 1', () => {
		const index = wageIndex();
		expect(index[0][0]).toBe(SIPA_START);
		expect(index.at(-1)).toEqual([SEED_LAST_PERIOD, 1]);
		expect(index.every(([, v], k) => k === 0 || v >= index[k - 1][1] * 0.99)).toBe(true);
	});
});

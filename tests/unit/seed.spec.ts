import { describe, expect, it } from 'vitest';
import { dniFromCuil, formatCuil, parseCuil } from '../../src/lib/domain/cuil';
import { EMAIL_DOMAINS } from '../../worker/seed/data';
import { DEMO_ACCOUNTS } from '../../worker/seed/demo-accounts';
import {
	DEFAULT_SEED,
	REFERENCE_YEAR,
	createCitizenGenerator,
	demoCitizenRows,
	generateCitizens,
	type CitizenRow
} from '../../worker/seed/generate';
import { createPrng } from '../../worker/seed/prng';

const SAMPLE = 50_000;
const rows: CitizenRow[] = Array.from(generateCitizens({ count: SAMPLE }));

describe('seeded random numbers', () => {
	it('repeat for the same seed and differ for another', () => {
		const draw = (seed: string) => {
			const rng = createPrng(seed);
			return Array.from({ length: 20 }, () => rng.int(0, 1_000_000));
		};
		expect(draw('a')).toEqual(draw('a'));
		expect(draw('a')).not.toEqual(draw('b'));
	});

	it('keep int() inside its bounds, both included', () => {
		const rng = createPrng('bounds');
		const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 7)));
		expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
	});
});

describe('generated citizens', () => {
	it('are identical for the same seed', () => {
		expect(Array.from(generateCitizens({ count: 500, seed: DEFAULT_SEED }))).toEqual(rows.slice(0, 500));
	});

	it('are different for another seed', () => {
		const other = Array.from(generateCitizens({ count: 500, seed: 'otra-semilla' }));
		const same = other.filter((row, i) => row.cuil === rows[i].cuil).length;
		expect(same).toBeLessThan(5);
	});

	it('do not depend on how many rows come before', () => {
		const generator = createCitizenGenerator();
		expect(generator.citizenAt(SAMPLE - 1)).toEqual(rows[SAMPLE - 1]);
		expect(Array.from(generateCitizens({ count: 10, start: 100 }))).toEqual(rows.slice(100, 110));
	});

	it('have valid CUILs whose DNI is the row DNI', () => {
		const wrong = rows.filter((r) => !parseCuil(r.cuil).ok || dniFromCuil(r.cuil) !== r.dni);
		expect(wrong).toEqual([]);
	});

	it('use only the prefixes of people, 20 and 27 by sex', () => {
		const prefixes = new Set(rows.map((r) => r.cuil.slice(0, 2)));
		expect([...prefixes].filter((p) => !['20', '23', '24', '27'].includes(p))).toEqual([]);
		const mismatched = rows.filter(
			(r) => (r.cuil.startsWith('20') && r.sexo !== 'M') || (r.cuil.startsWith('27') && r.sexo !== 'F')
		);
		expect(mismatched).toEqual([]);
	});

	it(`never repeat a DNI or a CUIL among ${SAMPLE.toLocaleString('en')} rows`, () => {
		expect(new Set(rows.map((r) => r.dni)).size).toBe(SAMPLE);
		expect(new Set(rows.map((r) => r.cuil)).size).toBe(SAMPLE);
	});

	it('never take the DNI of a demo account', () => {
		const demoDnis = new Set(DEMO_ACCOUNTS.map((a) => String(a.dni)));
		expect(rows.some((r) => demoDnis.has(r.dni))).toBe(false);
	});

	it('are adults aged 18 to 95, with DNIs that grow with birth year', () => {
		// Ages as of 1 January of the reference year: born in 2007 means already 18.
		const outside = rows.filter((r) => {
			const year = Number(r.fechaNacimiento.slice(0, 4));
			return (
				!/^\d{4}-\d{2}-\d{2}$/.test(r.fechaNacimiento) ||
				REFERENCE_YEAR - 1 - year < 18 ||
				REFERENCE_YEAR - year > 95
			);
		});
		expect(outside).toEqual([]);
		const dniOf = (from: number, to: number) => {
			const dnis = rows
				.filter((r) => +r.fechaNacimiento.slice(0, 4) >= from && +r.fechaNacimiento.slice(0, 4) < to)
				.map((r) => Number(r.dni));
			return { min: Math.min(...dnis), max: Math.max(...dnis) };
		};
		expect(dniOf(1931, 1935).max).toBeLessThan(4_000_000);
		expect(dniOf(1970, 1971).min).toBeGreaterThan(19_000_000);
		expect(dniOf(1970, 1971).max).toBeLessThan(22_000_000);
		expect(dniOf(2000, 2001).min).toBeGreaterThan(41_000_000);
		expect(dniOf(2000, 2001).max).toBeLessThan(43_000_000);
	});

	it('have emails only at reserved example domains, and most have one', () => {
		const withEmail = rows.filter((r) => r.email !== null);
		const wrong = withEmail.filter((r) => {
			const [local, domain] = r.email!.split('@');
			return !EMAIL_DOMAINS.includes(domain) || !/^[a-z][a-z._]*\d+$/.test(local);
		});
		expect(wrong).toEqual([]);
		expect(withEmail.length / SAMPLE).toBeGreaterThan(0.8);
		expect(withEmail.length / SAMPLE).toBeLessThan(0.9);
	});

	it('have phones written as Argentine mobiles, ten digits after +54 9', () => {
		const withPhone = rows.filter((r) => r.telefono !== null);
		const wrong = withPhone.filter(
			(r) =>
				!/^\+54 9 \d{2,4} \d{2,4}-\d{4}$/.test(r.telefono!) ||
				r.telefono!.slice(6).replace(/\D/g, '').length !== 10
		);
		expect(wrong).toEqual([]);
		expect(withPhone.length / SAMPLE).toBeGreaterThan(0.85);
	});

	it('mostly mark sex F or M and rarely X', () => {
		const x = rows.filter((r) => r.sexo === 'X').length;
		expect(x).toBeGreaterThan(0);
		expect(x / SAMPLE).toBeLessThan(0.01);
	});
});

describe('demo accounts', () => {
	it('have the CUILs the README lists', () => {
		expect(demoCitizenRows().map((r) => formatCuil(r.cuil))).toEqual([
			'27-05123456-7',
			'23-30456789-9',
			'27-38765432-7',
			'20-44123456-3',
			'27-49012345-3',
			'27-49100001-0',
			'20-49100002-4',
			'27-49100003-7',
			'27-94512307-4'
		]);
	});

	it('keep the account data and level', () => {
		const demos = demoCitizenRows();
		DEMO_ACCOUNTS.forEach((account, i) => {
			expect(demos[i]).toMatchObject({
				dni: String(account.dni),
				nombres: account.nombres,
				apellidos: account.apellidos,
				nivel: account.nivel
			});
			expect(parseCuil(demos[i].cuil).ok).toBe(true);
		});
	});
});

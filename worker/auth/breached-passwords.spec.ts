import { describe, expect, it } from 'vitest';
import type { PersonalData } from '../../src/lib/domain/clave-policy';
import { evaluateClave } from '../../src/lib/domain/clave-strength';
import { isBreachedPassword } from './breached-passwords';

const martin: PersonalData = {
	cuil: '23304567899',
	dni: '30456789',
	nombres: 'Martín Ezequiel',
	apellidos: 'Sosa',
	fechaNacimiento: '1983-09-21',
	email: 'martin.sosa@example.com'
};

describe('breached passwords', () => {
	it('knows the most used ones worldwide', () => {
		for (const p of ['123456789', 'password1', 'qwertyuiop', 'iloveyou', 'passw0rd'])
			expect(isBreachedPassword(p)).toBe(true);
	});

	it('knows the local classics', () => {
		for (const p of ['contraseña123', 'contrasena123', 'argentina1', 'boca123', 'river123'])
			expect(isBreachedPassword(p)).toBe(true);
	});

	it('ignores case and width (NFKC)', () => {
		expect(isBreachedPassword('PassWord1')).toBe(true);
		expect(isBreachedPassword('ｐａｓｓｗｏｒｄ１')).toBe(true);
	});

	it('lets a clave of its own through', () => {
		expect(isBreachedPassword('Tornillo.Azul-58')).toBe(false);
		expect(isBreachedPassword('')).toBe(false);
	});

	it('fails the filtrada rule when the Worker evaluates a clave', async () => {
		for (const clave of ['123456789', 'password1']) {
			const { ok, checks } = await evaluateClave(clave, martin, { breached: isBreachedPassword });
			expect(ok).toBe(false);
			expect(checks.find((c) => c.rule === 'filtrada')).toMatchObject({
				ok: false,
				message: 'Es una de las claves más usadas y filtradas'
			});
		}
		const demo = await evaluateClave('Tornillo.Azul-58', martin, { breached: isBreachedPassword });
		expect(demo.ok).toBe(true);
	});
});

import { describe, expect, it } from 'vitest';
import {
	POLICY_LABELS,
	breachedCheck,
	checkClaveRules,
	personalDataIn,
	personalFragments,
	repeatedCheck,
	type PersonalData,
	type PolicyRule
} from './clave-policy';
import { checkClaveStrength, evaluateClave } from './clave-strength';

const juan: PersonalData = {
	cuil: '20281118391',
	dni: '28.111.839',
	nombres: 'Juan Pablo',
	apellidos: 'Pérez Gómez',
	fechaNacimiento: '1980-03-15',
	email: 'jperez80@example.com'
};

// The README's demo people, with the claves they sign in with.
const rosa: PersonalData = {
	cuil: '27051234567',
	dni: '5123456',
	nombres: 'Rosa Beatriz',
	apellidos: 'Fernández',
	fechaNacimiento: '1950-04-12',
	email: 'rosa.fernandez@example.com'
};
const martin: PersonalData = {
	cuil: '23304567899',
	dni: '30456789',
	nombres: 'Martín Ezequiel',
	apellidos: 'Sosa',
	fechaNacimiento: '1983-09-21',
	email: 'martin.sosa@example.com'
};
const daiana: PersonalData = {
	cuil: '27387654327',
	dni: '38765432',
	nombres: 'Daiana Soledad',
	apellidos: 'Acosta',
	fechaNacimiento: '1995-01-30',
	email: 'daiana.acosta@example.com'
};

/** [caso, clave, persona, reglas que no cumple] — an empty list means the clave is accepted. */
const CASES: [string, string, PersonalData, PolicyRule[]][] = [
	['la clave de siempre en castellano', 'contraseña123', juan, ['combinacion', 'fortaleza']],
	['incluye el CUIL con guiones', 'Nube-20-28111839-1', juan, ['datos_personales', 'fortaleza']],
	['incluye el CUIL sin guiones', 'Nube!20281118391', juan, ['datos_personales', 'fortaleza']],
	['incluye la fecha de nacimiento como 15031980', 'Tigre.Nube.15031980', juan, ['datos_personales']],
	['incluye la fecha de nacimiento como 15/03/80', 'Tigre nube 15/03/80', juan, ['datos_personales']],
	['incluye el DNI con puntos', 'Tigre-Nube-28.111.839', juan, ['datos_personales']],
	['incluye el DNI sin puntos', 'Tigre-Nube-28111839', juan, ['datos_personales']],
	['incluye el apellido, con tilde o sin ella', 'Lluvia-GOMEZ-73!', juan, ['datos_personales']],
	['incluye la parte local del correo', 'Lluvia.jperez80.73!', juan, ['datos_personales']],
	// Scores 3 with zxcvbn's own dictionaries; the Argentine list knows "boca" and brings it to 2.
	['un club y el año en que se fundó', 'Boca1905!', juan, ['fortaleza']],
	['una frase con símbolo y número', 'tigre-nube-mate-42', juan, []],
	['la clave de demostración de Rosa', 'Mate-Lluvia-73!', rosa, []],
	['la clave de demostración de Martín', 'Tornillo.Azul-58', martin, []],
	['la clave de demostración de Daiana', 'Girasol-Rio-91!', daiana, []],
	['7 caracteres', 'Ab1-Cd2', juan, ['longitud', 'fortaleza']],
	['129 caracteres', 'Tigre-nube-42 '.repeat(10).slice(0, 129), juan, ['longitud']],
	['solo letras y números', 'TornilloAzul58Lluvia', juan, ['combinacion']],
	['solo letras y números, y de las más usadas', 'password1', juan, ['combinacion', 'fortaleza']]
];

function failing(checks: { rule: PolicyRule; ok: boolean }[]): PolicyRule[] {
	return checks.filter((c) => !c.ok).map((c) => c.rule);
}

describe('Clave de Seguridad Social policy', () => {
	it.each(CASES)('%s', async (_caso, clave, persona, expected) => {
		const result = await evaluateClave(clave, persona);
		expect(failing(result.checks)).toEqual(expected);
		expect(result.ok).toBe(expected.length === 0);
	});

	it('reports every rule it runs, in checklist order, and never echoes the clave', async () => {
		const clave = 'Juan-15031980';
		const { checks } = await evaluateClave(clave, juan, { breached: () => false });
		expect(checks.map((c) => c.rule)).toEqual([
			'longitud',
			'combinacion',
			'datos_personales',
			'fortaleza',
			'filtrada'
		]);
		for (const c of checks) expect(c.message).not.toContain(clave);
	});

	it('leaves the breached list out unless the caller passes it in', async () => {
		const { checks } = await evaluateClave('Tornillo.Azul-58', martin);
		expect(checks.map((c) => c.rule)).not.toContain('filtrada');
		const withList = await evaluateClave('Tornillo.Azul-58', martin, { breached: () => true });
		expect(withList.ok).toBe(false);
		expect(failing(withList.checks)).toEqual(['filtrada']);
	});
});

describe('length', () => {
	const longitud = (clave: string) => checkClaveRules(clave, juan).find((c) => c.rule === 'longitud')!;

	it('accepts 8 to 128 characters', () => {
		expect(longitud('a'.repeat(8)).ok).toBe(true);
		expect(longitud('a'.repeat(128)).ok).toBe(true);
		expect(longitud('a'.repeat(128)).message).toBe('Tiene entre 8 y 128 caracteres');
	});

	it('says which bound a clave misses', () => {
		expect(longitud('a'.repeat(7))).toMatchObject({ ok: false, message: 'Tiene menos de 8 caracteres' });
		expect(longitud('a'.repeat(129))).toMatchObject({ ok: false, message: 'Tiene más de 128 caracteres' });
	});

	it('counts characters as a person does, not UTF-16 units', () => {
		expect(longitud('ñandú🧉1').ok).toBe(false); // 7 characters, 8 code units
		expect(longitud('🧉'.repeat(128)).ok).toBe(true);
	});
});

describe('combination of letters, numbers and symbols', () => {
	const combinacion = (clave: string) => checkClaveRules(clave, juan).find((c) => c.rule === 'combinacion')!;

	it('counts accented letters and ñ as letters and a space as a symbol', () => {
		expect(combinacion('ñandú 42').ok).toBe(true);
		expect(combinacion('ÁRBOL-7').ok).toBe(true);
	});

	it('says what is missing', () => {
		expect(combinacion('Tornillo58')).toMatchObject({
			ok: false,
			message: 'Le faltan símbolos (sirve un espacio, un guion o un punto)'
		});
		expect(combinacion('tornillo-azul').message).toBe('Le faltan números');
		expect(combinacion('123456789').message).toBe(
			'Le faltan letras y símbolos (sirve un espacio, un guion o un punto)'
		);
		expect(combinacion('Tornillo-58').message).toBe('Combina letras, números y símbolos');
	});
});

describe('personal data', () => {
	it('lists the written forms of the birth date, DNI and CUIL', () => {
		const fragments = personalFragments(juan);
		for (const form of [
			'15/03/1980',
			'15-03-1980',
			'15031980',
			'150380',
			'1503',
			'1980',
			'19800315',
			'800315',
			'28111839',
			'28.111.839',
			'20281118391',
			'20-28111839-1',
			'juan',
			'pablo',
			'perez',
			'gomez',
			'jperez80'
		])
			expect(fragments).toContain(form);
	});

	it('finds names regardless of case and accents, and says which datum', () => {
		expect(personalDataIn('mar-PÉREZ-7', juan)).toEqual(['apellido']);
		expect(personalDataIn('perez.juan.1980', juan)).toEqual(['fechaNacimiento', 'nombre', 'apellido']);
		const check = checkClaveRules('Tigre-15-03-1980', juan).find((c) => c.rule === 'datos_personales')!;
		expect(check).toMatchObject({ ok: false, message: 'Incluye tu fecha de nacimiento' });
	});

	it('names the CUIL alone when the DNI inside it is what matched', () => {
		expect(personalDataIn('x20281118391', juan)).toEqual(['cuil']);
	});

	it('ignores short words and surname particles', () => {
		const maria: PersonalData = {
			...juan,
			nombres: 'María del Carmen',
			apellidos: 'de las Heras',
			email: 'mc@example.com'
		};
		expect(personalDataIn('Modelo-las-nubes-del-42', maria)).toEqual([]);
		expect(personalDataIn('Heras-42!', maria)).toEqual(['apellido']);
		expect(personalDataIn('Mariano-42!', maria)).toEqual(['nombre']);
	});

	it('tolerates missing email and a malformed birth date', () => {
		const sinDatos: PersonalData = { ...juan, email: null, fechaNacimiento: '' };
		expect(personalDataIn('Tigre-1980-jp80', sinDatos)).toEqual([]);
	});
});

describe('strength', () => {
	it('explains in Spanish what makes a clave easy to guess', async () => {
		const check = await checkClaveStrength('Qwerty123!', juan);
		expect(check.ok).toBe(false);
		expect(check.message).toMatch(/^Es fácil de adivinar: .*probá con una frase de varias palabras$/);
	});

	it('recognises personal data even when disguised', async () => {
		expect((await checkClaveStrength('Juan15031980', juan)).ok).toBe(false);
	});
});

describe('checklist labels', () => {
	it('lists every rule once, in the order the page shows them', () => {
		expect(POLICY_LABELS.map((l) => l.rule)).toEqual([
			'longitud',
			'combinacion',
			'datos_personales',
			'fortaleza',
			'repetida',
			'filtrada'
		]);
		expect(repeatedCheck(false).message).toBe('No es ninguna de tus últimas 5 claves');
		expect(breachedCheck(false).message).toBe('No está entre las claves más usadas y filtradas');
		expect(breachedCheck(true).ok).toBe(false);
	});
});

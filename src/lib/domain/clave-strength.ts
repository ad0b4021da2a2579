/**
 * How hard a clave is to guess, estimated by zxcvbn-ts with the common and Spanish dictionaries, the
 * Argentine words of `argentine-words.ts` and the person's own data. The dictionaries weigh about 600 KiB
 * (gzip), so they are reached only through the dynamic `import()` below: importing this module costs the
 * page a few hundred bytes, and the dictionaries load on the clave screens, when the check first runs or
 * when the page calls `preloadClaveStrength()` after its first paint.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { CLAVE_MAX_LENGTH } from './clave';
import {
	breachedCheck,
	checkClaveRules,
	personalFragments,
	policyCheck,
	type PersonalData,
	type PolicyCheck
} from './clave-policy';

/** zxcvbn's 0–4 scale: 3 is "safely unguessable", about 10^8 guesses or more. */
export const MIN_STRENGTH_SCORE = 3;

const WEAK = 'Es fácil de adivinar';
const ADVICE = 'probá con una frase de varias palabras';

/**
 * Our words for zxcvbn's warnings. The Spanish package's translations are from Spain and address the
 * reader as tú; citizens here read voseo. Without `translations` zxcvbn returns these keys as they are.
 */
const WARNINGS: Record<string, string> = {
	straightRow: 'tiene teclas seguidas del teclado',
	keyPattern: 'sigue un dibujo corto del teclado',
	simpleRepeat: 'repite el mismo carácter',
	extendedRepeat: 'repite un mismo grupo de caracteres',
	sequences: 'tiene una secuencia como abc o 123',
	recentYears: 'tiene un año reciente',
	dates: 'tiene una fecha',
	topTen: 'es una de las claves más usadas',
	topHundred: 'es una de las claves más usadas',
	common: 'es una clave muy usada',
	similarToCommon: 'se parece a una clave muy usada',
	wordByItself: 'es una sola palabra conocida',
	namesByThemselves: 'es un nombre o apellido',
	commonNames: 'tiene nombres o apellidos comunes',
	userInputs: 'se parece a tus datos personales'
};

let factory: Promise<ZxcvbnFactory> | undefined;

function loadFactory(): Promise<ZxcvbnFactory> {
	factory ??= Promise.all([
		import('@zxcvbn-ts/core'),
		import('@zxcvbn-ts/language-common'),
		import('@zxcvbn-ts/language-es-es'),
		import('./argentine-words')
	]).then(
		([core, common, es, ar]) =>
			// zxcvbn-ts 4 has no global options: one factory, built once per page or isolate (70–150 ms).
			new core.ZxcvbnFactory({
				dictionary: {
					...common.dictionary,
					...es.dictionary,
					'argentina-es-ar': [...ar.ARGENTINE_WORDS]
				},
				graphs: common.adjacencyGraphs,
				// The default (100) lets some claves take ~60 ms per keystroke; 10 keeps checks at a few ms
				// with the same scores on the claves we tried.
				l33tMaxSubstitutions: 10,
				// Longer claves fail the length rule anyway; this bounds the work an oversized input causes.
				maxLength: CLAVE_MAX_LENGTH
			})
	);
	// A failed chunk load (offline, a deploy replaced the files) must not stick: the next check retries.
	factory.catch(() => (factory = undefined));
	return factory;
}

/**
 * Starts loading the dictionaries so that the first check is instant. Best effort: a failure here is
 * ignored, and the check itself retries and reports it.
 */
export function preloadClaveStrength(): Promise<void> {
	return loadFactory().then(
		() => undefined,
		() => undefined
	);
}

/** The person's data in the forms zxcvbn compares against: as given and without accents. */
function userInputs(personal: PersonalData): string[] {
	const raw = [personal.nombres, personal.apellidos]
		.flatMap((n) => (n ?? '').toLowerCase().split(/\s+/))
		.filter((w) => w.length >= 3);
	return [...new Set([...personalFragments(personal), ...raw])];
}

/** ASVS 5.0 6.2.11 and NIST 800-63B 3.1.1.2: reject claves an attacker would try early. */
export async function checkClaveStrength(clave: string, personal: PersonalData): Promise<PolicyCheck> {
	const zxcvbn = await loadFactory();
	const result = zxcvbn.check(clave, userInputs(personal));
	const reason = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
	const failure = reason ? `${WEAK}: ${reason}; ${ADVICE}` : `${WEAK}: ${ADVICE}`;
	return policyCheck('fortaleza', result.score >= MIN_STRENGTH_SCORE, failure);
}

export interface ClaveEvaluation {
	ok: boolean;
	checks: PolicyCheck[];
}

/**
 * Every rule this side can run, in checklist order. The history rule ('repetida') needs the stored hashes
 * and is the Worker's alone; the breached list ('filtrada') ships with the Worker, which passes it in.
 */
export async function evaluateClave(
	clave: string,
	personal: PersonalData,
	options: { breached?: (clave: string) => boolean } = {}
): Promise<ClaveEvaluation> {
	const checks = [...checkClaveRules(clave, personal), await checkClaveStrength(clave, personal)];
	if (options.breached) checks.push(breachedCheck(options.breached(clave)));
	return { ok: checks.every((c) => c.ok), checks };
}

/**
 * Security questions citizens know from ANSES's "Olvidé mi clave". They are never a factor on their own
 * (NIST 800-63B 3.1.1.2 forbids knowledge-based prompts as authenticators, ASVS 5.0 6.4.x too): in
 * recovery they only gate the sending of a one-time code to the contact on file, and both are required.
 */
export const SECURITY_QUESTIONS = [
	{ id: 'escuela_primaria', texto: '¿Cómo se llamaba tu escuela primaria?' },
	{ id: 'primera_mascota', texto: '¿Cómo se llamaba tu primera mascota?' },
	{ id: 'ciudad_padres', texto: '¿En qué ciudad se conocieron tus padres?' },
	{ id: 'apodo_infancia', texto: '¿Cuál era tu apodo de chico o de chica?' },
	{ id: 'calle_infancia', texto: '¿En qué calle vivías de chico o de chica?' },
	{ id: 'primer_trabajo', texto: '¿Dónde fue tu primer trabajo?' }
] as const;

export type SecurityQuestionId = (typeof SECURITY_QUESTIONS)[number]['id'];
export const QUESTION_IDS = SECURITY_QUESTIONS.map((q) => q.id) as [
	SecurityQuestionId,
	...SecurityQuestionId[]
];

export function questionText(id: string): string | undefined {
	return SECURITY_QUESTIONS.find((q) => q.id === id)?.texto;
}

/**
 * Answers are compared after folding case, accents and spacing, so "Escuela N° 5  Sarmiento" and
 * "escuela nº 5 sarmiento" match: people remember the words, not how they typed them.
 */
export function normalizeAnswer(answer: string): string {
	return (
		answer
			// "N°", "Nº" and "N.º" are all written for "número": drop the ordinal and degree signs before
			// NFKD would turn º into an "o".
			.replace(/[°ºª]/g, '')
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, ' ')
			.trim()
	);
}

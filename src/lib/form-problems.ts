import { ApiError } from '$lib/api/client';
import type { CuilProblem } from '$lib/domain/cuil';

/** One entry of a form's error summary: linked to the field it is about, when there is one. */
export interface Problem {
	/** The id of the field, which the summary links to. */
	field?: string;
	message: string;
	/** Somewhere else to go to fix it, e.g. "¿Olvidaste tu clave?". */
	link?: { href: string; text: string };
}

export const UNEXPECTED = 'Algo salió mal. Probá de nuevo en unos minutos.';

/**
 * The API's refusal as summary entries: its field errors placed on the page's fields (`fieldIds` maps the
 * request's paths to field ids), or its message alone. The messages are the server's, already in Spanish.
 */
export function problemsFromError(error: unknown, fieldIds: Record<string, string> = {}): Problem[] {
	if (!(error instanceof ApiError)) return [{ message: UNEXPECTED }];
	const fields = error.fields.flatMap((f) => {
		const field = fieldIds[f.path];
		return field ? [{ field, message: f.message }] : [];
	});
	return fields.length > 0 ? fields : [{ message: error.message }];
}

/** The messages about one field, to repeat beside it. */
export function messagesFor(problems: Problem[], field: string): string[] {
	return problems.filter((p) => p.field === field).map((p) => p.message);
}

export const CUIL_MESSAGES: Record<CuilProblem, string> = {
	empty: 'Escribí tu CUIL.',
	characters: 'El CUIL lleva solo números.',
	incomplete: 'El CUIL tiene que tener 11 números.',
	'too-long': 'El CUIL tiene 11 números: escribiste de más.',
	prefix: 'Revisá el CUIL: empieza con 20, 23, 24 o 27.',
	'check-digit': 'Revisá el CUIL: el último número no coincide con los anteriores.'
};

/** `aria-describedby` from the ids that apply. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
	const list = ids.filter(Boolean).join(' ');
	return list === '' ? undefined : list;
}

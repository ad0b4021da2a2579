import type { CatalogoTramites } from './domain/api/servicios';
import { CBU_MESSAGES, parseCbu } from './domain/cbu';

type Campo = CatalogoTramites['items'][number]['campos'][number];

/** The checks the page can make before sending, the same rules the API applies; `null` when fine. */
export function checkCampo(campo: Campo, raw: string, today: string): string | null {
	const value = raw.trim();
	if (value === '') return campo.requerido ? emptyMessage(campo) : null;
	switch (campo.tipo) {
		case 'cbu': {
			const parsed = parseCbu(value);
			return parsed.ok ? null : CBU_MESSAGES[parsed.problem];
		}
		case 'dni':
			return /^\d{7,8}$/.test(value) ? null : 'El DNI tiene 7 u 8 números, sin puntos.';
		case 'fecha':
			if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Escribí la fecha completa: día, mes y año.';
			return value > today ? 'La fecha no puede ser futura.' : null;
		case 'periodo':
			if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return 'Elegí el mes y el año.';
			return value > today.slice(0, 7) ? 'El mes no puede ser futuro.' : null;
		case 'texto_largo':
			return value.length < 10 ? 'Contanos qué pasó (al menos 10 caracteres).' : null;
		default:
			return null;
	}
}

function emptyMessage(campo: Campo): string {
	return campo.tipo === 'seleccion' || campo.tipo === 'prestacion'
		? `Elegí una opción en «${campo.etiqueta}».`
		: `Completá «${campo.etiqueta}».`;
}

/** The form's values as the API takes them: numbers for benefits, nothing for empty optional fields. */
export function bodyFrom(campos: Campo[], values: Record<string, string>): Record<string, string | number> {
	const body: Record<string, string | number> = {};
	for (const campo of campos) {
		const value = (values[campo.nombre] ?? '').trim();
		if (value === '') continue;
		body[campo.nombre] = campo.tipo === 'prestacion' ? Number(value) : value;
	}
	return body;
}

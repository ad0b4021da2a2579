/**
 * The certificates a citizen can download, and the rules both the page and the Worker apply to them.
 * No framework here: the Worker issues with these rules and the page offers and renders with them.
 */
import { addMonths, todayInArgentina } from '../cronograma';

export const TIPOS_CERTIFICADO = [
	'cuil',
	'negativa',
	'servicios',
	'aportes',
	'prestacion',
	'servicios_remuneraciones'
] as const;
export type TipoCertificado = (typeof TIPOS_CERTIFICADO)[number];

/**
 * The types a person asks for on their own. The Certificación de Servicios y Remuneraciones is not
 * among them: it exists only after an employer certified it (Aplicaciones corporativas), and the person
 * then issues it from the list of their employers' certifications.
 */
export const TIPOS_A_PEDIR = [
	'cuil',
	'negativa',
	'servicios',
	'aportes',
	'prestacion'
] as const satisfies readonly TipoCertificado[];

export interface DescripcionCertificado {
	/** The title printed on the PDF and shown in the list. */
	titulo: string;
	/** What it is for, in the words of the person who asks for it. */
	paraQue: string;
	/** Days it is valid from the day of issue (inclusive of that day). */
	validezDias: number;
}

/**
 * Validity: the Certificación Negativa is valid 30 days (shared/DOMAIN.md). The others certify data as
 * of the day of issue; banks and employers accept them for a few months, the payment one only until the
 * next payment changes it.
 */
export const CERTIFICADOS: Record<TipoCertificado, DescripcionCertificado> = {
	cuil: {
		titulo: 'Constancia de CUIL',
		paraQue:
			'Acredita tu número de CUIL y tus datos de identidad ante un empleador, un banco o un organismo.',
		validezDias: 365
	},
	negativa: {
		titulo: 'Certificación Negativa',
		paraQue:
			'Acredita que en el período que elegís no registrás trabajo, aportes ni prestaciones. La piden bancos, escuelas, programas sociales y otras prestaciones.',
		validezDias: 30
	},
	servicios: {
		titulo: 'Certificación de Servicios (constancia laboral)',
		paraQue:
			'Acredita tus empleos en relación de dependencia declarados por tus empleadores, con sus períodos.',
		validezDias: 90
	},
	aportes: {
		titulo: 'Constancia de aportes',
		paraQue: 'Acredita los meses con aportes al Sistema Integrado Previsional Argentino (SIPA) y sus montos.',
		validezDias: 90
	},
	prestacion: {
		titulo: 'Constancia de prestación y último pago',
		paraQue: 'Acredita que cobrás una prestación de ANSES y cuánto fue tu último pago.',
		validezDias: 30
	},
	/**
	 * Form PS 6.2: the employer certifies the months worked and each month's remuneración. It records
	 * past facts signed by the employer; a year of validity covers a jubilación or desempleo request.
	 */
	servicios_remuneraciones: {
		titulo: 'Certificación de Servicios y Remuneraciones',
		paraQue:
			'Tu empleador certifica los meses que trabajaste y lo que cobraste cada mes. La piden para la jubilación, la prestación por desempleo y los reclamos por aportes que no figuran.',
		validezDias: 365
	}
};

/**
 * What a Certificación Negativa certifies the person does NOT have in the period (shared/DOMAIN.md).
 * When the person does have one, the screen names it instead of issuing the certificate.
 */
export const REGISTROS_NEGATIVA = {
	relacion_dependencia: 'Trabajo en relación de dependencia declarado por un empleador',
	provincial_no_sipa: 'Declaraciones de una provincia fuera del SIPA',
	autonomo: 'Pagos como trabajador autónomo',
	monotributo: 'Pagos como monotributista',
	casas_particulares: 'Pagos como trabajador de casas particulares',
	maternidad_casas_particulares: 'Asignación por maternidad para casas particulares',
	desempleo: 'Prestación por desempleo',
	programa_social: 'Programa social',
	auh: 'Asignación Universal por Hijo o por Embarazo',
	asignacion_familiar: 'Asignaciones familiares',
	progresar: 'Beca Progresar',
	jubilacion_pension: 'Jubilación o pensión nacional, otorgada o en trámite'
} as const;
export type RegistroNegativa = keyof typeof REGISTROS_NEGATIVA;
export const TIPOS_REGISTRO_NEGATIVA = Object.keys(REGISTROS_NEGATIVA) as [
	RegistroNegativa,
	...RegistroNegativa[]
];

/** How many months back a Certificación Negativa may reach: the current month and the six before it. */
export const NEGATIVA_MESES_ATRAS = 6;

/** The months a person may pick for a Certificación Negativa, oldest first ('YYYY-MM'). */
export function mesesNegativa(hoy: string = todayInArgentina()): string[] {
	const actual = hoy.slice(0, 7);
	const meses: string[] = [];
	for (let i = NEGATIVA_MESES_ATRAS; i >= 0; i--) meses.push(addMonths(actual, -i));
	return meses;
}

/** Why a period cannot be certified, in Spanish, or null when it can. Shared by the form and the Worker. */
export function problemaPeriodoNegativa(
	desde: string,
	hasta: string,
	hoy: string = todayInArgentina()
): string | null {
	const meses = mesesNegativa(hoy);
	if (!meses.includes(desde) || !meses.includes(hasta))
		return `Elegí meses entre ${formatoMes(meses[0])} y ${formatoMes(meses[meses.length - 1])}: la Certificación Negativa cubre solo los últimos seis meses.`;
	if (desde > hasta) return 'El mes de inicio tiene que ser anterior o igual al mes de fin.';
	return null;
}

const MESES = [
	'enero',
	'febrero',
	'marzo',
	'abril',
	'mayo',
	'junio',
	'julio',
	'agosto',
	'septiembre',
	'octubre',
	'noviembre',
	'diciembre'
];

/** '2026-05' → 'mayo de 2026'. */
export function formatoMes(periodo: string): string {
	const [anio, mes] = periodo.split('-');
	return `${MESES[Number(mes) - 1]} de ${anio}`;
}

/** The last valid day of a certificate issued on `emitido` ('YYYY-MM-DD'): validity counts the day of issue. */
export function venceEl(tipo: TipoCertificado, emitido: string): string {
	const d = new Date(`${emitido}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + CERTIFICADOS[tipo].validezDias - 1);
	return d.toISOString().slice(0, 10);
}

export type EstadoCertificado = 'vigente' | 'vencido' | 'revocado';

/** A certificate is valid through its last day in Argentina; revocation, when known, wins. */
export function estadoCertificado(
	vence: string,
	revocado: boolean,
	hoy: string = todayInArgentina()
): EstadoCertificado {
	if (revocado) return 'revocado';
	return hoy > vence ? 'vencido' : 'vigente';
}

/**
 * The short verification code printed on the certificate: 12 characters of Crockford base32 (60 random
 * bits) in three groups, e.g. `K7M3-Q9XD-2F4H`. 2^60 codes make guessing one that exists hopeless even
 * at millions of tries; the lookup is throttled anyway. Crockford's alphabet has no I, L, O or U, so a
 * code read aloud or typed from paper survives the usual confusions (normalizarCodigo maps them).
 */
export const CODIGO_ALFABETO = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODIGO_PATRON = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** What a person typed → the canonical code, or null when it cannot be one. */
export function normalizarCodigo(texto: string): string | null {
	const limpio = texto.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(limpio)) return null;
	return `${limpio.slice(0, 4)}-${limpio.slice(4, 8)}-${limpio.slice(8)}`;
}

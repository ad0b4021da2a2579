/**
 * Word lists and reference data for the demo services: employers, bank branches where benefits are
 * paid, the words of states and requests, and an approximate wage index so a salary of 1998 looks like
 * one. Amounts of benefits are NOT here: they come from the `montos_referencia` table (migration 0004).
 */

/** The last month the demo data pays and declares: fixed, so the same seed gives the same rows. */
export const SEED_LAST_PERIOD = '2026-11';
/** Payments are seeded for the 24 months up to SEED_LAST_PERIOD (the oldest a 24-month recibo list shows). */
export const SEED_PAYMENT_MONTHS = 24;
/** SIPA, where the historia laboral starts (July 1994). */
export const SIPA_START = '1994-07';

/** Employer names are built from a line of business, a name and a legal form: "Transportes del Litoral S.A.". */
export const EMPLOYER_TRADES: readonly string[] = [
	'Transportes',
	'Metalúrgica',
	'Panificadora',
	'Constructora',
	'Distribuidora',
	'Textil',
	'Frigorífico',
	'Laboratorios',
	'Clínica',
	'Agropecuaria',
	'Logística',
	'Supermercados',
	'Estudio Contable',
	'Instituto',
	'Seguridad',
	'Servicios de Limpieza',
	'Autopartes',
	'Curtiembre',
	'Bodegas',
	'Molinos',
	'Industrias Plásticas',
	'Gráfica',
	'Ferretería',
	'Farmacia',
	'Hotel',
	'Cooperativa de Trabajo',
	'Consultora',
	'Tecnología',
	'Lácteos',
	'Citrícola'
];

export const EMPLOYER_NAMES: readonly string[] = [
	'del Litoral',
	'San Martín',
	'Los Andes',
	'La Pampeana',
	'Río Cuarto',
	'del Sur',
	'Patagónica',
	'Norte Grande',
	'Santa Rita',
	'El Ceibo',
	'Mediterránea',
	'Cuyana',
	'Atlántica',
	'del Plata',
	'San Jorge',
	'La Victoria',
	'El Progreso',
	'Tres Arroyos',
	'Del Valle',
	'Pampa Húmeda',
	'Alto Paraná',
	'Sierras Chicas',
	'Rosarina',
	'Belgrano',
	'La Esperanza',
	'Independencia',
	'Güemes',
	'Ituzaingó',
	'Don Bosco',
	'Santa Fe',
	'Tucumana',
	'Riojana',
	'del Oeste',
	'Bahiense',
	'Marplatense',
	'Misionera',
	'Chaqueña',
	'Salteña',
	'Neuquina',
	'Entrerriana'
];

export const LEGAL_FORMS: readonly string[] = ['S.A.', 'S.A.', 'S.R.L.', 'S.R.L.', 'S.A.S.'];

/**
 * Branches where benefits are paid. Bank names and BCRA bank codes are real; branch numbers and
 * addresses are made up for the demo.
 */
export interface BocaPagoSeed {
	id: number;
	bancoCodigo: string;
	banco: string;
	sucursal: string;
	domicilio: string;
	localidad: string;
	provincia: string;
}

const BANKS: Record<string, string> = {
	'011': 'Banco de la Nación Argentina',
	'014': 'Banco de la Provincia de Buenos Aires',
	'007': 'Banco de Galicia y Buenos Aires',
	'072': 'Banco Santander Argentina',
	'017': 'Banco BBVA Argentina',
	'285': 'Banco Macro',
	'191': 'Banco Credicoop Cooperativo Limitado',
	'029': 'Banco de la Ciudad de Buenos Aires',
	'020': 'Banco de la Provincia de Córdoba',
	'330': 'Nuevo Banco de Santa Fe',
	'034': 'Banco Patagonia',
	'083': 'Banco del Chubut'
};

const BRANCHES: [string, string, string, string, string][] = [
	[
		'011',
		'0085 Once',
		'Av. Rivadavia 2860',
		'Ciudad Autónoma de Buenos Aires',
		'Ciudad Autónoma de Buenos Aires'
	],
	[
		'011',
		'0021 Flores',
		'Av. Rivadavia 6902',
		'Ciudad Autónoma de Buenos Aires',
		'Ciudad Autónoma de Buenos Aires'
	],
	[
		'029',
		'0012 Caballito',
		'Av. Díaz Vélez 5085',
		'Ciudad Autónoma de Buenos Aires',
		'Ciudad Autónoma de Buenos Aires'
	],
	['014', '5031 La Plata Centro', 'Calle 7 N.º 726', 'La Plata', 'Buenos Aires'],
	['014', '6120 Lomas de Zamora', 'Av. Hipólito Yrigoyen 8950', 'Lomas de Zamora', 'Buenos Aires'],
	['014', '7043 Mar del Plata', 'Av. Independencia 1860', 'Mar del Plata', 'Buenos Aires'],
	['011', '1420 Morón', 'Av. Rivadavia 17.890', 'Morón', 'Buenos Aires'],
	['007', '0166 Quilmes', 'Rivadavia 201', 'Quilmes', 'Buenos Aires'],
	['017', '0322 San Justo', 'Arieta 3150', 'San Justo', 'Buenos Aires'],
	['072', '0418 Bahía Blanca', 'O’Higgins 102', 'Bahía Blanca', 'Buenos Aires'],
	['020', '0900 Córdoba Centro', 'San Jerónimo 166', 'Córdoba', 'Córdoba'],
	['020', '0312 Río Cuarto', 'Constitución 899', 'Río Cuarto', 'Córdoba'],
	['011', '2210 Villa María', 'Bv. España 210', 'Villa María', 'Córdoba'],
	['330', '0501 Rosario Centro', 'Córdoba 1360', 'Rosario', 'Santa Fe'],
	['330', '0700 Santa Fe Centro', 'San Martín 2495', 'Santa Fe', 'Santa Fe'],
	['191', '0270 Rosario Oeste', 'Av. Pellegrini 3401', 'Rosario', 'Santa Fe'],
	['285', '0590 San Miguel de Tucumán', 'San Martín 723', 'San Miguel de Tucumán', 'Tucumán'],
	['285', '0512 Salta Centro', 'España 550', 'Salta', 'Salta'],
	['285', '0533 San Salvador de Jujuy', 'Belgrano 902', 'San Salvador de Jujuy', 'Jujuy'],
	['011', '3320 Santiago del Estero', 'Av. Belgrano Sur 198', 'Santiago del Estero', 'Santiago del Estero'],
	['011', '3410 Resistencia', 'Av. 9 de Julio 101', 'Resistencia', 'Chaco'],
	['011', '3501 Corrientes', 'San Juan 1002', 'Corrientes', 'Corrientes'],
	['285', '0611 Posadas', 'Colón 1630', 'Posadas', 'Misiones'],
	['011', '3701 Formosa', 'Av. 25 de Mayo 602', 'Formosa', 'Formosa'],
	['011', '2002 Paraná', 'San Martín 799', 'Paraná', 'Entre Ríos'],
	['011', '2600 Mendoza', 'Av. San Martín 1174', 'Mendoza', 'Mendoza'],
	['072', '0250 San Juan', 'General Acha 120 Sur', 'San Juan', 'San Juan'],
	['011', '2802 San Luis', 'Rivadavia 602', 'San Luis', 'San Luis'],
	['011', '2950 La Rioja', 'Pelagio B. Luna 699', 'La Rioja', 'La Rioja'],
	['011', '2970 Catamarca', 'San Martín 632', 'San Fernando del Valle de Catamarca', 'Catamarca'],
	['034', '0070 Neuquén', 'Av. Argentina 98', 'Neuquén', 'Neuquén'],
	['034', '0085 General Roca', 'Tucumán 1100', 'General Roca', 'Río Negro'],
	['011', '4102 Santa Rosa', 'Pellegrini 148', 'Santa Rosa', 'La Pampa'],
	['083', '0010 Rawson', '25 de Mayo 315', 'Rawson', 'Chubut'],
	['083', '0040 Comodoro Rivadavia', 'San Martín 1045', 'Comodoro Rivadavia', 'Chubut'],
	['011', '4300 Río Gallegos', 'Av. Roca 799', 'Río Gallegos', 'Santa Cruz'],
	[
		'011',
		'4402 Ushuaia',
		'Av. San Martín 190',
		'Ushuaia',
		'Tierra del Fuego, Antártida e Islas del Atlántico Sur'
	]
];

export const BOCAS_PAGO: readonly BocaPagoSeed[] = BRANCHES.map(
	([code, sucursal, domicilio, localidad, provincia], i) => ({
		id: i + 1,
		bancoCodigo: code,
		banco: BANKS[code],
		sucursal,
		domicilio,
		localidad,
		provincia
	})
);

/**
 * Approximate yearly growth of nominal wages in Argentina (a RIPTE-like series, rounded; for demo
 * salaries only). A salary is drawn in pesos of SEED_LAST_PERIOD and deflated month by month with it.
 */
export const WAGE_GROWTH_BY_YEAR: Readonly<Record<number, number>> = {
	1994: 0.02,
	1995: 0.01,
	1996: 0,
	1997: 0,
	1998: 0.01,
	1999: -0.01,
	2000: -0.01,
	2001: -0.02,
	2002: 0.1,
	2003: 0.2,
	2004: 0.18,
	2005: 0.2,
	2006: 0.22,
	2007: 0.22,
	2008: 0.25,
	2009: 0.18,
	2010: 0.26,
	2011: 0.3,
	2012: 0.25,
	2013: 0.25,
	2014: 0.32,
	2015: 0.3,
	2016: 0.34,
	2017: 0.27,
	2018: 0.3,
	2019: 0.4,
	2020: 0.33,
	2021: 0.5,
	2022: 0.9,
	2023: 1.6,
	2024: 1.5,
	2025: 0.4,
	2026: 0.25
};

export const MOTIVOS = {
	jubilacionActiva: 'Tu jubilación está al día: cobrás todos los meses según el cronograma.',
	pensionActiva: 'Tu pensión está al día: cobrás todos los meses según el cronograma.',
	puamActiva: 'Cobrás la PUAM todos los meses según el cronograma.',
	supervivencia:
		'La suspendimos porque no pudimos confirmar tu supervivencia con el RENAPER. Pedí un turno en una UDAI con tu DNI para reactivarla.',
	jubilacionEnTramite:
		'Tu solicitud está en análisis. Te avisamos por correo cuando esté resuelta; no tenés que hacer nada por ahora.',
	auhActiva:
		'Cobrás el 80 % todos los meses; el 20 % restante se paga una vez al año cuando presentás la Libreta AUH.',
	auhSinLibreta:
		'La suspendimos porque falta la Libreta AUH con los controles de salud y la escolaridad. Presentala en mi ANSES para volver a cobrar.',
	auhMayoria: 'Terminó porque tu hijo o hija cumplió 18 años.',
	asignacionActiva:
		'Cobrás todos los meses mientras tu empleador informe tu sueldo y tus hijos sean menores de 18.',
	asignacionIngresos:
		'La suspendimos porque los ingresos del grupo familiar superaron el tope del último período.',
	desempleoActiva: 'Cobrás una cuota por mes hasta completar las que te corresponden por tus aportes.',
	desempleoFin: 'Terminó: cobraste todas las cuotas que te correspondían.'
} as const;

/** Demo requests: a type, the states they went through (with the note the person reads), their data. */
export interface TramiteTemplate {
	tipo: string;
	pasos: [estado: string, nota: string][];
}

export const TRAMITE_TEMPLATES: readonly TramiteTemplate[] = [
	{
		tipo: 'certificacion_negativa',
		pasos: [
			['iniciado', 'Recibimos tu pedido.'],
			['resuelto', 'La certificación está lista para descargar. Vale 30 días.']
		]
	},
	{
		tipo: 'reclamo',
		pasos: [
			['iniciado', 'Recibimos tu reclamo. Te vamos a responder por este medio.'],
			['en_analisis', 'Un equipo de ANSES está revisando tu reclamo.'],
			['resuelto', 'Revisamos el pago: se acreditó en tu cuenta. Si no lo ves, consultá con tu banco.']
		]
	},
	{
		tipo: 'actualizacion_cbu',
		pasos: [
			['iniciado', 'Recibimos el nuevo CBU. Lo vamos a verificar con tu banco.'],
			['resuelto', 'Listo: desde el próximo pago cobrás en la cuenta nueva.']
		]
	},
	{
		tipo: 'asignacion_nacimiento',
		pasos: [
			['iniciado', 'Recibimos tu solicitud.'],
			['en_analisis', 'Estamos revisando la partida de nacimiento con el Registro Civil.'],
			[
				'requiere_documentacion',
				'No pudimos validar la partida. Subí una foto o llevala a una UDAI con turno.'
			]
		]
	},
	{
		tipo: 'auh',
		pasos: [
			['iniciado', 'Recibimos tu solicitud.'],
			['en_analisis', 'Estamos revisando los ingresos del grupo familiar.'],
			[
				'rechazado',
				'No corresponde: los ingresos del grupo familiar superan el tope. Podés pedir revisión en una UDAI.'
			]
		]
	},
	{
		tipo: 'jubilacion',
		pasos: [
			['iniciado', 'Iniciaste la solicitud de jubilación en la UDAI.'],
			['en_analisis', 'Estamos revisando tu historia laboral.'],
			[
				'requiere_documentacion',
				'Falta la certificación de servicios (PS 6.2) de uno de tus empleadores. Pedísela y llevala a la UDAI.'
			]
		]
	}
];

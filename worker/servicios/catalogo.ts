/**
 * The requests a person can start online, and the words the API sends with benefits and requests
 * (states, titles). The forms' fields match the schemas in src/lib/domain/api/servicios.ts, which
 * validate them; the page builds each form from this list.
 */
import type {
	CatalogoTramites,
	EstadoPrestacion,
	EstadoTramite,
	TipoTramite
} from '../../src/lib/domain/api/servicios';

export const ESTADO_PRESTACION: Record<EstadoPrestacion, string> = {
	activa: 'Activa',
	en_tramite: 'En trámite',
	suspendida: 'Suspendida',
	finalizada: 'Finalizada'
};

export const ESTADO_TRAMITE: Record<EstadoTramite, string> = {
	iniciado: 'Iniciado',
	en_analisis: 'En análisis',
	requiere_documentacion: 'Requiere documentación',
	resuelto: 'Resuelto',
	rechazado: 'Rechazado'
};

export const TITULO_TRAMITE: Record<TipoTramite, string> = {
	certificacion_negativa: 'Certificación Negativa',
	asignacion_nacimiento: 'Asignación por Nacimiento',
	actualizacion_cbu: 'Actualización de CBU',
	reclamo: 'Reclamo',
	jubilacion: 'Solicitud de jubilación',
	pension: 'Solicitud de pensión',
	auh: 'Solicitud de Asignación Universal por Hijo',
	desempleo: 'Solicitud de prestación por desempleo'
};

/** What the person reads as the first step of the timeline of a request they just started. */
export const NOTA_INICIO: Partial<Record<TipoTramite, string>> = {
	certificacion_negativa:
		'Recibimos tu pedido. Si no hay registros en el período, la certificación queda lista para descargar.',
	asignacion_nacimiento:
		'Recibimos tu solicitud. Vamos a revisar la partida de nacimiento con el Registro Civil.',
	actualizacion_cbu:
		'Recibimos el nuevo CBU. Lo vamos a verificar con tu banco antes de pagarte en esa cuenta.',
	reclamo: 'Recibimos tu reclamo. Te vamos a responder por este medio.'
};

export const CATALOGO: CatalogoTramites = {
	items: [
		{
			tipo: 'certificacion_negativa',
			titulo: TITULO_TRAMITE.certificacion_negativa,
			descripcion:
				'Constancia gratuita de que en un período de los últimos seis meses no tuviste trabajo registrado, ' +
				'prestaciones ni planes sociales. La piden bancos, escuelas y programas sociales; vale 30 días.',
			campos: [
				{ nombre: 'desde', etiqueta: 'Desde (mes)', tipo: 'periodo', requerido: true },
				{
					nombre: 'hasta',
					etiqueta: 'Hasta (mes)',
					tipo: 'periodo',
					requerido: true,
					ayuda: 'Como máximo, los últimos seis meses.'
				}
			]
		},
		{
			tipo: 'asignacion_nacimiento',
			titulo: TITULO_TRAMITE.asignacion_nacimiento,
			descripcion: 'Pago único por el nacimiento de un hijo o una hija.',
			campos: [
				{ nombre: 'hijoNombres', etiqueta: 'Nombres de tu hijo o hija', tipo: 'texto', requerido: true },
				{ nombre: 'hijoApellidos', etiqueta: 'Apellidos de tu hijo o hija', tipo: 'texto', requerido: true },
				{
					nombre: 'hijoDni',
					etiqueta: 'DNI de tu hijo o hija',
					tipo: 'dni',
					requerido: true,
					ayuda: 'Solo números, sin puntos.'
				},
				{ nombre: 'fechaNacimiento', etiqueta: 'Fecha de nacimiento', tipo: 'fecha', requerido: true }
			]
		},
		{
			tipo: 'actualizacion_cbu',
			titulo: TITULO_TRAMITE.actualizacion_cbu,
			descripcion:
				'Cambiá la cuenta bancaria en la que cobrás una prestación. La cuenta tiene que estar a tu nombre.',
			campos: [
				{ nombre: 'prestacionId', etiqueta: 'Prestación', tipo: 'prestacion', requerido: true },
				{
					nombre: 'cbu',
					etiqueta: 'CBU de la cuenta',
					tipo: 'cbu',
					requerido: true,
					ayuda: 'Son 22 números. Lo encontrás en la app o en el cajero de tu banco.'
				}
			]
		},
		{
			tipo: 'reclamo',
			titulo: TITULO_TRAMITE.reclamo,
			descripcion: 'Contanos un problema con un pago, un monto o tus datos.',
			campos: [
				{
					nombre: 'motivo',
					etiqueta: 'Motivo',
					tipo: 'seleccion',
					requerido: true,
					opciones: [
						{ valor: 'pago_no_acreditado', etiqueta: 'No me acreditaron un pago' },
						{ valor: 'monto_incorrecto', etiqueta: 'El monto no es correcto' },
						{ valor: 'datos_incorrectos', etiqueta: 'Mis datos están mal' },
						{ valor: 'otro', etiqueta: 'Otro motivo' }
					]
				},
				{
					nombre: 'prestacionId',
					etiqueta: 'Prestación (si corresponde)',
					tipo: 'prestacion',
					requerido: false
				},
				{ nombre: 'periodo', etiqueta: 'Mes del pago (si corresponde)', tipo: 'periodo', requerido: false },
				{ nombre: 'detalle', etiqueta: 'Qué pasó', tipo: 'texto_largo', requerido: true }
			]
		}
	]
};

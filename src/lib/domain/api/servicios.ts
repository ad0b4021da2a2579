import { z } from 'zod';
import { PROVINCIAS } from '../provincias';
import { CBU_MESSAGES, parseCbu } from '../cbu';
import { addMonths, TIPOS_PRESTACION, todayInArgentina } from '../cronograma';

/**
 * Citizen services API (`/api/servicios`): benefits, payments, the payment calendar, historia laboral,
 * requests and personal data. Amounts are integer centavos and dates ISO, never formatted: the page
 * formats them for es-AR in the America/Argentina/Buenos_Aires time zone.
 */

export const Centavos = z
	.number()
	.int()
	.meta({ id: 'Centavos', description: 'Importe en centavos de peso (ARS × 100).', example: 34929932 });

export const Periodo = z
	.string()
	.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Elegí un mes válido (AAAA-MM).' })
	.meta({ id: 'Periodo', description: 'Mes, AAAA-MM.', example: '2026-01' });

const Fecha = z.iso.date();

export const TipoPrestacion = z.enum(TIPOS_PRESTACION).meta({ id: 'TipoPrestacion' });
export type TipoPrestacion = z.infer<typeof TipoPrestacion>;

export const EstadoPrestacion = z.enum(['activa', 'en_tramite', 'suspendida', 'finalizada']).meta({
	id: 'EstadoPrestacion'
});
export type EstadoPrestacion = z.infer<typeof EstadoPrestacion>;

export const BocaPago = z
	.object({
		banco: z.string(),
		sucursal: z.string(),
		domicilio: z.string(),
		localidad: z.string(),
		provincia: z.string()
	})
	.meta({ id: 'BocaPago', description: 'Dónde se cobra: banco y sucursal.' });
export type BocaPago = z.infer<typeof BocaPago>;

export const PagoResumen = z
	.object({
		id: z.number().int(),
		prestacionId: z.number().int(),
		periodo: Periodo,
		fecha: Fecha,
		bruto: Centavos,
		descuentos: Centavos,
		neto: Centavos
	})
	.meta({ id: 'PagoResumen' });
export type PagoResumen = z.infer<typeof PagoResumen>;

export const VentanaPago = z
	.object({
		periodo: Periodo,
		esquema: z.enum(['minimo', 'sobre_minimo', 'por_terminacion', 'ventana']),
		/** First day the money can be collected. */
		desde: Fecha,
		/** Last day of the window; the same as `desde` when the calendar goes by DNI ending. */
		hasta: Fecha
	})
	.meta({ id: 'VentanaPago', description: 'Fecha (o ventana) de cobro según el cronograma de ANSES.' });
export type VentanaPago = z.infer<typeof VentanaPago>;

const Hijo = z.object({ nombre: z.string(), dni: z.string() });

export const Prestacion = z
	.object({
		id: z.number().int(),
		tipo: TipoPrestacion,
		denominacion: z.string().meta({ example: 'Jubilación ordinaria' }),
		estado: EstadoPrestacion,
		/** The state in a word or two: "Activa", "En trámite"… */
		estadoTexto: z.string(),
		/** Why it is in that state, in plain Spanish. */
		motivo: z.string(),
		alta: Fecha,
		baja: Fecha.nullable(),
		/** The child an AUH or Asignación Familiar is paid for. */
		hijo: Hijo.nullable(),
		bocaPago: BocaPago.nullable(),
		cbu: z.string().nullable(),
		ultimoPago: PagoResumen.nullable(),
		/** Only for an active benefit. */
		proximoPago: VentanaPago.nullable()
	})
	.meta({ id: 'Prestacion' });
export type Prestacion = z.infer<typeof Prestacion>;

export const PrestacionList = z.object({ items: z.array(Prestacion) }).meta({ id: 'PrestacionList' });
export type PrestacionList = z.infer<typeof PrestacionList>;

/** Opaque to the page: hand back the `nextCursor` of the previous page as it came. */
const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'El cursor no es válido.' });
const Limit = z.coerce.number().int().min(1).max(50).default(12);

export const PagosQuery = z.object({
	prestacion: z.coerce.number().int().positive().optional(),
	cursor: Cursor.optional(),
	limit: Limit
});

export const PagoList = z
	.object({ items: z.array(PagoResumen), nextCursor: z.string().nullable() })
	.meta({ id: 'PagoList' });
export type PagoList = z.infer<typeof PagoList>;

export const IdParam = z.object({
	id: z.coerce
		.number()
		.int()
		.positive()
		.max(Number.MAX_SAFE_INTEGER)
		.meta({ param: { name: 'id', in: 'path' }, example: 1 })
});

export const ConceptoRecibo = z
	.object({
		codigo: z.string(),
		descripcion: z.string(),
		tipo: z.enum(['haber', 'descuento']),
		monto: Centavos
	})
	.meta({ id: 'ConceptoRecibo' });

export const Recibo = PagoResumen.extend({
	prestacion: z.object({
		id: z.number().int(),
		tipo: TipoPrestacion,
		denominacion: z.string(),
		hijo: Hijo.nullable()
	}),
	beneficiario: z.object({ nombres: z.string(), apellidos: z.string(), cuil: z.string() }),
	/** Every haber and every descuento, in the order the recibo prints them. */
	conceptos: z.array(ConceptoRecibo),
	bocaPago: BocaPago.nullable()
}).meta({ id: 'Recibo', description: 'Recibo de haberes de un pago.' });
export type Recibo = z.infer<typeof Recibo>;

export const CobroQuery = z.object({
	/** A month's calendar instead of the next payment from today. */
	periodo: Periodo.optional()
});

export const Cobro = z
	.object({
		/** Today in Argentina, the day the calendar is read from. */
		hoy: Fecha,
		terminacionDni: z.number().int().min(0).max(9),
		cobros: z.array(
			z.object({
				prestacionId: z.number().int(),
				tipo: TipoPrestacion,
				denominacion: z.string(),
				hijo: Hijo.nullable(),
				ventana: VentanaPago
			})
		)
	})
	.meta({ id: 'Cobro', description: 'Cuándo cobro: la próxima fecha de cada prestación activa.' });
export type Cobro = z.infer<typeof Cobro>;

export const MesAportado = z
	.object({ periodo: Periodo, remuneracion: Centavos, aportes: Centavos })
	.meta({ id: 'MesAportado' });

export const HistoriaLaboral = z
	.object({
		empleos: z.array(
			z.object({
				id: z.number().int(),
				cuit: z.string(),
				razonSocial: z.string(),
				desde: Periodo,
				/** null while the job goes on. */
				hasta: Periodo.nullable(),
				meses: z.array(MesAportado)
			})
		),
		totales: z.object({
			/** Distinct months with aportes (two jobs in one month count once). */
			mesesConAportes: z.number().int(),
			anios: z.number().int(),
			meses: z.number().int()
		}),
		/** Months without aportes between the first and the last month with aportes. */
		lagunas: z.array(z.object({ desde: Periodo, hasta: Periodo, meses: z.number().int() }))
	})
	.meta({ id: 'HistoriaLaboral' });
export type HistoriaLaboral = z.infer<typeof HistoriaLaboral>;

export const TIPOS_TRAMITE = [
	'certificacion_negativa',
	'asignacion_nacimiento',
	'actualizacion_cbu',
	'reclamo',
	'jubilacion',
	'pension',
	'auh',
	'desempleo'
] as const;
export const TipoTramite = z.enum(TIPOS_TRAMITE).meta({ id: 'TipoTramite' });
export type TipoTramite = z.infer<typeof TipoTramite>;

export const EstadoTramite = z
	.enum(['iniciado', 'en_analisis', 'requiere_documentacion', 'resuelto', 'rechazado'])
	.meta({ id: 'EstadoTramite' });
export type EstadoTramite = z.infer<typeof EstadoTramite>;

export const TramiteResumen = z
	.object({
		id: z.number().int(),
		tipo: TipoTramite,
		titulo: z.string(),
		estado: EstadoTramite,
		estadoTexto: z.string(),
		creado: z.iso.datetime(),
		actualizado: z.iso.datetime()
	})
	.meta({ id: 'TramiteResumen' });
export type TramiteResumen = z.infer<typeof TramiteResumen>;

export const Tramite = TramiteResumen.extend({
	datos: z.record(z.string(), z.unknown()),
	/** Oldest first: iniciado → en análisis → … */
	historial: z.array(
		z.object({ estado: EstadoTramite, estadoTexto: z.string(), fecha: z.iso.datetime(), nota: z.string() })
	)
}).meta({ id: 'Tramite' });
export type Tramite = z.infer<typeof Tramite>;

export const TramitesQuery = z.object({ cursor: Cursor.optional(), limit: Limit });

export const TramiteList = z
	.object({ items: z.array(TramiteResumen), nextCursor: z.string().nullable() })
	.meta({ id: 'TramiteList' });
export type TramiteList = z.infer<typeof TramiteList>;

export const CampoFormulario = z
	.object({
		nombre: z.string(),
		etiqueta: z.string(),
		tipo: z.enum(['texto', 'texto_largo', 'fecha', 'periodo', 'dni', 'cbu', 'seleccion', 'prestacion']),
		requerido: z.boolean(),
		ayuda: z.string().optional(),
		opciones: z.array(z.object({ valor: z.string(), etiqueta: z.string() })).optional()
	})
	.meta({ id: 'CampoFormulario' });

export const CatalogoTramites = z
	.object({
		items: z.array(
			z.object({
				tipo: TipoTramite,
				titulo: z.string(),
				descripcion: z.string(),
				campos: z.array(CampoFormulario)
			})
		)
	})
	.meta({ id: 'CatalogoTramites' });
export type CatalogoTramites = z.infer<typeof CatalogoTramites>;

// --- Starting a request: one schema per type, chosen by `tipo`. -------------------------------------

const Dni = z.string().regex(/^\d{7,8}$/, { message: 'El DNI tiene 7 u 8 números, sin puntos.' });

const PrestacionId = z
	.number({ message: 'Elegí una de tus prestaciones.' })
	.int({ message: 'Elegí una de tus prestaciones.' })
	.positive({ message: 'Elegí una de tus prestaciones.' });

export const Cbu = z
	.string()
	.max(40)
	.superRefine((value, ctx) => {
		const parsed = parseCbu(value);
		if (!parsed.ok) ctx.addIssue({ code: 'custom', message: CBU_MESSAGES[parsed.problem] });
	})
	.meta({
		id: 'Cbu',
		description: 'CBU de 22 números, con o sin espacios.',
		example: '2850590940090418135201'
	});

const NonEmpty = (what: string, max: number) =>
	z
		.string()
		.trim()
		.min(1, { message: `Escribí ${what}.` })
		.max(max, { message: `Como máximo ${max} caracteres.` });

/** The certificación negativa covers a period within the last six months (shared/DOMAIN.md). */
export const CertificacionNegativaRequest = z
	.object({ tipo: z.literal('certificacion_negativa'), desde: Periodo, hasta: Periodo })
	.strict()
	.superRefine((v, ctx) => {
		const current = todayInArgentina().slice(0, 7);
		const earliest = addMonths(current, -6);
		if (v.desde < earliest)
			ctx.addIssue({
				code: 'custom',
				path: ['desde'],
				message: 'La certificación cubre como máximo los últimos seis meses.'
			});
		if (v.hasta > current)
			ctx.addIssue({
				code: 'custom',
				path: ['hasta'],
				message: 'El período no puede terminar en el futuro.'
			});
		if (v.hasta < v.desde)
			ctx.addIssue({
				code: 'custom',
				path: ['hasta'],
				message: 'El mes final tiene que ser igual o posterior al inicial.'
			});
	})
	.meta({ id: 'CertificacionNegativaRequest' });

export const AsignacionNacimientoRequest = z
	.object({
		tipo: z.literal('asignacion_nacimiento'),
		hijoNombres: NonEmpty('los nombres', 80),
		hijoApellidos: NonEmpty('los apellidos', 80),
		hijoDni: Dni,
		fechaNacimiento: z.iso
			.date({ message: 'Escribí la fecha de nacimiento (AAAA-MM-DD).' })
			.refine((d) => d <= todayInArgentina(), { message: 'La fecha de nacimiento no puede ser futura.' })
	})
	.strict()
	.meta({ id: 'AsignacionNacimientoRequest' });

export const ActualizacionCbuRequest = z
	.object({ tipo: z.literal('actualizacion_cbu'), prestacionId: PrestacionId, cbu: Cbu })
	.strict()
	.meta({ id: 'ActualizacionCbuRequest' });

export const MOTIVOS_RECLAMO = [
	'pago_no_acreditado',
	'monto_incorrecto',
	'datos_incorrectos',
	'otro'
] as const;

export const ReclamoRequest = z
	.object({
		tipo: z.literal('reclamo'),
		motivo: z.enum(MOTIVOS_RECLAMO, { message: 'Elegí el motivo del reclamo.' }),
		prestacionId: PrestacionId.optional(),
		periodo: Periodo.optional(),
		detalle: z
			.string()
			.trim()
			.min(10, { message: 'Contanos qué pasó (al menos 10 caracteres).' })
			.max(1000, { message: 'Como máximo 1000 caracteres.' })
	})
	.strict()
	.meta({ id: 'ReclamoRequest' });

export const NuevoTramite = z
	.discriminatedUnion(
		'tipo',
		[CertificacionNegativaRequest, AsignacionNacimientoRequest, ActualizacionCbuRequest, ReclamoRequest],
		{ message: 'Elegí un trámite del catálogo.' }
	)
	.meta({ id: 'NuevoTramite' });
export type NuevoTramite = z.infer<typeof NuevoTramite>;

// --- Mis datos ------------------------------------------------------------------------------------

export { PROVINCIAS };

const Optional = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { message: `Como máximo ${max} caracteres.` })
		.nullable()
		.optional();

export const Domicilio = z
	.object({
		calle: NonEmpty('la calle', 80),
		numero: z
			.string()
			.trim()
			.regex(/^(\d{1,6}|S\/N)$/i, { message: 'Escribí la altura en números, o S/N si no tiene.' }),
		piso: Optional(10),
		depto: Optional(10),
		localidad: NonEmpty('la localidad', 80),
		provincia: z.enum(PROVINCIAS, { message: 'Elegí la provincia.' }),
		codigoPostal: z
			.string()
			.trim()
			.regex(/^([A-Z]\d{4}[A-Z]{3}|\d{4})$/i, {
				message: 'El código postal tiene 4 números (o el formato A1234ABC).'
			})
	})
	.strict()
	.meta({ id: 'Domicilio' });
export type Domicilio = z.infer<typeof Domicilio>;

export const Email = z
	.email({ message: 'Revisá el correo electrónico: tiene que ser como nombre@ejemplo.com.' })
	.max(254)
	.meta({ id: 'Email' });

/** A mobile as people write it: +54 9 11 4567-1234, 011 15 4567-1234, 3514567890… (10 to 13 digits). */
export const Telefono = z
	.string()
	.trim()
	.max(30)
	.refine((s) => /^\+?[\d\s().-]+$/.test(s) && /^\d{10,13}$/.test(s.replace(/\D/g, '')), {
		message: 'Escribí el celular con característica, por ejemplo 11 4567-1234.'
	})
	.meta({ id: 'Telefono' });

export const CambioPendiente = z
	.object({
		campo: z.enum(['email', 'telefono']),
		/** Where the code went, masked: "ma•••@example.com", "•••• 1234". */
		destino: z.string(),
		vence: z.iso.datetime()
	})
	.meta({ id: 'CambioPendiente' });

export const Datos = z
	.object({
		cuil: z.string(),
		nombres: z.string(),
		apellidos: z.string(),
		email: z.string().nullable(),
		telefono: z.string().nullable(),
		domicilio: Domicilio.nullable(),
		/** A phone or email change waiting for its code. */
		cambioPendiente: CambioPendiente.nullable()
	})
	.meta({ id: 'Datos' });
export type Datos = z.infer<typeof Datos>;

export const DatosUpdate = z
	.object({ domicilio: Domicilio.optional(), email: Email.optional(), telefono: Telefono.optional() })
	.strict()
	.refine((v) => v.domicilio !== undefined || v.email !== undefined || v.telefono !== undefined, {
		message: 'No hay nada para cambiar.'
	})
	.refine((v) => v.email === undefined || v.telefono === undefined, {
		message: 'Cambiá el correo y el celular de a uno: te mandamos un código a cada uno.',
		path: ['telefono']
	})
	.meta({ id: 'DatosUpdate' });
export type DatosUpdate = z.infer<typeof DatosUpdate>;

export const ConfirmarContacto = z
	.object({ codigo: z.string().regex(/^\d{6}$/, { message: 'El código tiene 6 números.' }) })
	.strict()
	.meta({ id: 'ConfirmarContacto' });
export type ConfirmarContacto = z.infer<typeof ConfirmarContacto>;

import { z } from 'zod';
import { CODIGO_PATRON, TIPOS_CERTIFICADO, TIPOS_REGISTRO_NEGATIVA } from '../certificados/tipos';
import { Periodo } from './servicios';

/**
 * Certificates API (`/api/certificados`) and the public key set (`/api/keys`).
 *
 * - GET    /api/certificados                       the person's certificates, newest first (session)
 * - GET    /api/certificados/negativa?desde&hasta  what the person registers in the period (session)
 * - POST   /api/certificados                       issue one (session) → 201 CertificadoEmitido
 * - GET    /api/certificados/{id}                  one of the person's, with qr, sello and datos (session)
 * - GET    /api/certificados/{id}/pdf              its sealed PDF, application/pdf, Content-Length (session)
 * - POST   /api/certificados/{id}/anular           the holder revokes it (session, recent authentication)
 * - GET    /api/certificados/verificar/{codigo}    public: what a code certifies and its state (throttled)
 * - GET    /api/keys                               public: JWKS of the signing keys, current and previous
 *
 * Another person's id answers 404, exactly as an id that does not exist.
 */

export const TipoCertificado = z.enum(TIPOS_CERTIFICADO).meta({
	id: 'TipoCertificado',
	description:
		'cuil: Constancia de CUIL · negativa: Certificación Negativa · servicios: Certificación de Servicios · aportes: Constancia de aportes · prestacion: Constancia de prestación y último pago · servicios_remuneraciones: Certificación de Servicios y Remuneraciones (la certifica el empleador).'
});

export const CodigoVerificacion = z
	.string()
	.regex(CODIGO_PATRON, { message: 'El código tiene 12 letras y números, como K7M3-Q9XD-2F4H.' })
	.meta({ id: 'CodigoVerificacion', example: 'K7M3-Q9XD-2F4H' });

export const EstadoCertificado = z.enum(['vigente', 'vencido', 'revocado']).meta({ id: 'EstadoCertificado' });

const Fecha = z.iso.date();

/**
 * Key facts per type, the `d` claim (strings and integers only; amounts in centavos, months YYYY-MM):
 * - cuil:       { dni }
 * - negativa:   { desde, hasta }
 * - servicios:  { desde, hasta, meses, empleadores }
 * - aportes:    { desde, hasta, meses, aportes }            (aportes: total in centavos)
 * - prestacion: { prestacion, periodo, fecha, neto }         (prestacion: its name; fecha: payment day)
 * - servicios_remuneraciones: { empleador, desde, hasta, meses, remuneraciones }
 *                                                            (empleador: CUIT; remuneraciones: total, centavos)
 */
export const Hechos = z.record(z.string(), z.union([z.string(), z.number().int()])).meta({ id: 'Hechos' });

/**
 * The structured data the app renders as accessible HTML (its hash is the seal's `x`). Tables are
 * row lists of strings already worded for the page; the header row comes first.
 */
export const DatosCertificado = z
	.object({
		titulo: z.string(),
		/** The certifying sentence, in the wording a bank or employer expects. */
		texto: z.string(),
		titular: z.object({ nombre: z.string(), cuil: z.string(), dni: z.string() }),
		/** Label/value pairs shown under the text (e.g. Período: mayo de 2026 a octubre de 2026). */
		detalles: z.array(z.object({ etiqueta: z.string(), valor: z.string() })),
		tabla: z.object({ titulo: z.string(), filas: z.array(z.array(z.string())) }).optional()
	})
	.meta({ id: 'DatosCertificado' });
export type DatosCertificado = z.infer<typeof DatosCertificado>;

export const CertificadoResumen = z
	.object({
		id: z.number().int(),
		tipo: TipoCertificado,
		titulo: z.string(),
		codigo: CodigoVerificacion,
		emitido: Fecha,
		vence: Fecha,
		estado: EstadoCertificado,
		/** Size of the sealed PDF in bytes, for the download's progress and the storage estimate. */
		pdfBytes: z.number().int()
	})
	.meta({ id: 'CertificadoResumen' });
export type CertificadoResumen = z.infer<typeof CertificadoResumen>;

export const CertificadoEmitido = z
	.object({
		certificado: CertificadoResumen,
		/** Compact JWS the QR holds (claims without hashes). */
		qr: z.string(),
		/** Compact JWS sealed into the PDF (claims + h + x). */
		sello: z.string(),
		datos: DatosCertificado
	})
	.meta({ id: 'CertificadoEmitido' });
export type CertificadoEmitido = z.infer<typeof CertificadoEmitido>;

export const ListaCertificados = z
	.object({ certificados: z.array(CertificadoResumen) })
	.meta({ id: 'ListaCertificados' });
export type ListaCertificados = z.infer<typeof ListaCertificados>;

export const RegistroNegativa = z
	.object({
		tipo: z.enum(TIPOS_REGISTRO_NEGATIVA),
		/** What it is, in words: 'Trabajo en relación de dependencia declarado por un empleador'. */
		descripcion: z.string(),
		/** Who or what: 'Metalúrgica del Sur S.A. (CUIT 30-…)', 'Asignación Universal por Hijo — Tomás'. */
		detalle: z.string(),
		desde: Periodo,
		hasta: Periodo.nullable()
	})
	.meta({ id: 'RegistroNegativa' });
export type RegistroNegativa = z.infer<typeof RegistroNegativa>;

export const ConsultaNegativa = z.object({ desde: Periodo, hasta: Periodo }).meta({ id: 'ConsultaNegativa' });

export const ResultadoNegativa = z
	.object({
		desde: Periodo,
		hasta: Periodo,
		/** Empty: the certificate can be issued for the period. */
		registros: z.array(RegistroNegativa)
	})
	.meta({ id: 'ResultadoNegativa' });
export type ResultadoNegativa = z.infer<typeof ResultadoNegativa>;

/**
 * Issue request. `desde`/`hasta` only for the Certificación Negativa (required there); `certificacion`
 * only for the Certificación de Servicios y Remuneraciones: the id of an employer's certification of
 * this person (GET /api/certificados/de-empleadores).
 */
export const PedidoCertificado = z
	.object({
		tipo: TipoCertificado,
		desde: Periodo.optional(),
		hasta: Periodo.optional(),
		certificacion: z.number().int().positive().optional()
	})
	.strict()
	.meta({ id: 'PedidoCertificado' });
export type PedidoCertificado = z.infer<typeof PedidoCertificado>;

export const VerificacionEnLinea = z
	.object({
		codigo: CodigoVerificacion,
		tipo: TipoCertificado,
		titulo: z.string(),
		titular: z.object({ nombre: z.string(), cuil: z.string() }),
		hechos: Hechos,
		texto: z.string(),
		emitido: Fecha,
		vence: Fecha,
		estado: EstadoCertificado
	})
	.meta({ id: 'VerificacionEnLinea' });
export type VerificacionEnLinea = z.infer<typeof VerificacionEnLinea>;

export const JwkPublica = z
	.object({
		kty: z.literal('EC'),
		crv: z.literal('P-256'),
		x: z.string(),
		y: z.string(),
		kid: z.string(),
		alg: z.literal('ES256'),
		use: z.literal('sig')
	})
	.meta({ id: 'JwkPublica' });

export const Jwks = z.object({ keys: z.array(JwkPublica) }).meta({ id: 'Jwks' });
export type Jwks = z.infer<typeof Jwks>;

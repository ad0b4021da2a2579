/**
 * What each certificate says, built from the person's records: the structured data the app renders
 * (`datos`, DatosCertificado) and the key facts that are signed (`hechos`, the claims' `d`). Pure
 * functions over rows, so the wording is tested without a database.
 *
 * The certifying sentence follows the wording banks and employers know from ANSES's own documents:
 * "ANSES certifica que <nombre>, CUIL <cuil>, …".
 */
import type { DatosCertificado, RegistroNegativa } from '../../src/lib/domain/api/certificados';
import {
	CERTIFICADOS,
	REGISTROS_NEGATIVA,
	formatoMes,
	type TipoCertificado
} from '../../src/lib/domain/certificados/tipos';
import { addMonths, todayInArgentina } from '../../src/lib/domain/cronograma';
import { formatCuil } from '../../src/lib/domain/cuil';
import type { AporteRow, EmpleoRow, PrestacionRow } from '../servicios/queries';
import { fechaCorta } from './pdf';

export interface Persona {
	cuil: string;
	dni: string;
	nombres: string;
	apellidos: string;
	fecha_nacimiento: string;
}

export interface RegistroExternoRow {
	tipo: RegistroNegativa['tipo'];
	detalle: string;
	desde: string;
	hasta: string | null;
}

export interface Contenido {
	datos: DatosCertificado;
	hechos: Record<string, string | number>;
}

/** Centavos → "$ 1.234.567,89" (es-AR), without relying on the runtime's locale data. */
export function pesos(centavos: number): string {
	const negativo = centavos < 0;
	const abs = Math.abs(Math.round(centavos));
	const enteros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return `${negativo ? '-' : ''}$ ${enteros},${String(abs % 100).padStart(2, '0')}`;
}

/** 5123456 → "5.123.456". */
export function dniConPuntos(dni: string): string {
	return dni.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "2026-05" → "05/2026". */
const mesCorto = (periodo: string) => `${periodo.slice(5, 7)}/${periodo.slice(0, 4)}`;

const nombreDe = (p: Persona) => `${p.nombres} ${p.apellidos}`;

/** "229 meses (19 años y 1 mes)". */
export function mesesEnPalabras(meses: number): string {
	const anios = Math.floor(meses / 12);
	const resto = meses % 12;
	const partes = [
		anios > 0 ? `${anios} ${anios === 1 ? 'año' : 'años'}` : '',
		resto > 0 ? `${resto} ${resto === 1 ? 'mes' : 'meses'}` : ''
	].filter(Boolean);
	return `${meses} ${meses === 1 ? 'mes' : 'meses'}${anios > 0 ? ` (${partes.join(' y ')})` : ''}`;
}

/** "a, b y c". */
function enumerar(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

function base(tipo: TipoCertificado, p: Persona, texto: string): DatosCertificado {
	return {
		titulo: CERTIFICADOS[tipo].titulo,
		texto,
		titular: { nombre: nombreDe(p), cuil: formatCuil(p.cuil), dni: dniConPuntos(p.dni) },
		detalles: []
	};
}

// --- Constancia de CUIL -----------------------------------------------------------------------------

export function contenidoCuil(p: Persona): Contenido {
	const datos = base(
		'cuil',
		p,
		`ANSES certifica que ${nombreDe(p)}, DNI ${dniConPuntos(p.dni)}, tiene asignado el Código Único de Identificación Laboral (CUIL) N.º ${formatCuil(p.cuil)}, con el que se registran su historia laboral, sus aportes y sus prestaciones de la seguridad social.`
	);
	datos.detalles = [{ etiqueta: 'Fecha de nacimiento', valor: fechaCorta(p.fecha_nacimiento) }];
	return { datos, hechos: { dni: p.dni } };
}

// --- Certificación Negativa -------------------------------------------------------------------------

/** Whether [desde, hasta] (hasta null: still going) touches the months [d, h]. */
const seSolapa = (desde: string, hasta: string | null, d: string, h: string) =>
	desde <= h && (hasta === null || hasta >= d);

const TIPO_REGISTRO_PRESTACION: Record<PrestacionRow['tipo'], RegistroNegativa['tipo']> = {
	auh: 'auh',
	asignacion_familiar: 'asignacion_familiar',
	desempleo: 'desempleo',
	jubilacion: 'jubilacion_pension',
	pension: 'jubilacion_pension'
};

/**
 * Everything the person registers in the months [desde, hasta] that a Certificación Negativa denies:
 * employment (by its dates, or by any month with aportes in the period: a declared month counts even
 * if the employment's dates say otherwise), benefits (by alta and baja; a jubilación or pensión in
 * process counts whatever its dates: the certificate says "otorgada o en trámite") and the external
 * registries. An empty list means the certificate can be issued.
 */
export function registrosNegativa(
	desde: string,
	hasta: string,
	empleos: EmpleoRow[],
	aportes: AporteRow[],
	prestaciones: Pick<PrestacionRow, 'tipo' | 'denominacion' | 'estado' | 'alta' | 'baja' | 'hijo_nombre'>[],
	externos: RegistroExternoRow[]
): RegistroNegativa[] {
	const out: RegistroNegativa[] = [];
	const conAportes = new Set(
		aportes.filter((a) => a.periodo >= desde && a.periodo <= hasta).map((a) => a.empleo_id)
	);
	for (const e of empleos)
		if (seSolapa(e.desde, e.hasta, desde, hasta) || conAportes.has(e.id))
			out.push({
				tipo: 'relacion_dependencia',
				descripcion: REGISTROS_NEGATIVA.relacion_dependencia,
				detalle: `${e.razon_social} (CUIT ${formatCuil(e.cuit)})`,
				desde: e.desde,
				hasta: e.hasta
			});
	for (const p of prestaciones) {
		const tipo = TIPO_REGISTRO_PRESTACION[p.tipo];
		const alta = p.alta.slice(0, 7);
		// Payments stop the month of the baja: the last month with the benefit is the one before.
		const fin = p.baja ? addMonths(p.baja.slice(0, 7), -1) : null;
		const enTramite = p.estado === 'en_tramite' && tipo === 'jubilacion_pension';
		if (!enTramite && !seSolapa(alta, fin, desde, hasta)) continue;
		out.push({
			tipo,
			descripcion: REGISTROS_NEGATIVA[tipo],
			detalle: `${p.denominacion}${p.hijo_nombre ? ` — ${p.hijo_nombre}` : ''}${enTramite ? ' (en trámite)' : ''}`,
			desde: alta,
			hasta: enTramite ? null : fin
		});
	}
	for (const r of externos)
		if (seSolapa(r.desde, r.hasta, desde, hasta))
			out.push({
				tipo: r.tipo,
				descripcion: REGISTROS_NEGATIVA[r.tipo],
				detalle: r.detalle,
				desde: r.desde,
				hasta: r.hasta
			});
	return out;
}

/** Message of the 422 when the person registers something: names each record, as the screen does. */
export function mensajeConRegistros(registros: RegistroNegativa[]): string {
	const nombres = [...new Set(registros.map((r) => `${r.descripcion} (${r.detalle})`))];
	return `No podemos emitir la Certificación Negativa: en ese período registrás ${enumerar(nombres)}.`;
}

export function contenidoNegativa(p: Persona, desde: string, hasta: string): Contenido {
	const periodo =
		desde === hasta ? `en ${formatoMes(desde)}` : `entre ${formatoMes(desde)} y ${formatoMes(hasta)}`;
	const datos = base(
		'negativa',
		p,
		`ANSES certifica que ${nombreDe(p)}, CUIL ${formatCuil(p.cuil)}, no registra, ${periodo}, trabajo en relación de dependencia declarado por un empleador, declaraciones de provincias fuera del SIPA, pagos como trabajador autónomo, monotributista o de casas particulares, asignación por maternidad para casas particulares, prestación por desempleo, programas sociales, Asignación Universal por Hijo o por Embarazo, asignaciones familiares, Beca Progresar, ni jubilación o pensión nacional otorgada o en trámite.`
	);
	datos.detalles = [
		{
			etiqueta: 'Período certificado',
			valor: desde === hasta ? formatoMes(desde) : `${formatoMes(desde)} a ${formatoMes(hasta)}`
		}
	];
	return { datos, hechos: { desde, hasta } };
}

// --- Historia laboral: servicios and aportes -----------------------------------------------------------

function resumenHistoria(empleos: EmpleoRow[], aportes: AporteRow[]) {
	const meses = [...new Set(aportes.map((a) => a.periodo))].sort();
	const porEmpleo = new Map<number, AporteRow[]>();
	for (const a of aportes) {
		const l = porEmpleo.get(a.empleo_id) ?? [];
		l.push(a);
		porEmpleo.set(a.empleo_id, l);
	}
	const declarados = empleos.filter((e) => (porEmpleo.get(e.id)?.length ?? 0) > 0);
	return { meses, porEmpleo, declarados, cuits: new Set(declarados.map((e) => e.cuit)) };
}

/** null: no historia laboral with aportes, nothing to certify. */
export function contenidoServicios(p: Persona, empleos: EmpleoRow[], aportes: AporteRow[]): Contenido | null {
	const { meses, porEmpleo, declarados, cuits } = resumenHistoria(empleos, aportes);
	if (declarados.length === 0 || meses.length === 0) return null;
	const desde = meses[0];
	const hasta = meses[meses.length - 1];
	const actual = declarados.find((e) => e.hasta === null);
	const n = declarados.length;
	const datos = base(
		'servicios',
		p,
		`ANSES certifica que ${nombreDe(p)}, CUIL ${formatCuil(p.cuil)}, registra en el Sistema Integrado Previsional Argentino (SIPA) ${n === 1 ? 'un empleo' : `${n} empleos`} en relación de dependencia declarados por ${cuits.size === 1 ? 'su empleador' : `${cuits.size} empleadores`} entre ${formatoMes(desde)} y ${formatoMes(hasta)}, con ${mesesEnPalabras(meses.length)} de servicios con aportes${actual ? `, y que a la fecha de este certificado trabaja en ${actual.razon_social} (CUIT ${formatCuil(actual.cuit)}) desde ${formatoMes(actual.desde)}` : ''}.`
	);
	datos.detalles = [
		{ etiqueta: 'Período', valor: `${formatoMes(desde)} a ${formatoMes(hasta)}` },
		{ etiqueta: 'Meses con aportes', valor: mesesEnPalabras(meses.length) },
		{ etiqueta: 'Empleo actual', valor: actual ? actual.razon_social : 'Sin empleo registrado a la fecha' }
	];
	datos.tabla = {
		titulo: 'Empleos declarados',
		filas: [
			['Empleador', 'CUIT', 'Desde', 'Hasta', 'Meses con aportes'],
			...declarados.map((e) => [
				e.razon_social,
				formatCuil(e.cuit),
				mesCorto(e.desde),
				e.hasta ? mesCorto(e.hasta) : 'Continúa',
				String(porEmpleo.get(e.id)!.length)
			])
		]
	};
	return { datos, hechos: { desde, hasta, meses: meses.length, empleadores: cuits.size } };
}

/**
 * Aportes summarised by employer and calendar year: 19 years of Martín's history is about twenty rows
 * on the paper instead of two hundred months (the app's Historia laboral has every month).
 */
export function contenidoAportes(p: Persona, empleos: EmpleoRow[], aportes: AporteRow[]): Contenido | null {
	const { meses, porEmpleo, declarados, cuits } = resumenHistoria(empleos, aportes);
	if (declarados.length === 0 || meses.length === 0) return null;
	const desde = meses[0];
	const hasta = meses[meses.length - 1];
	const total = aportes.reduce((s, a) => s + a.aportes, 0);
	const filas: string[][] = [];
	for (const e of declarados) {
		const porAnio = new Map<string, { meses: number; remuneracion: number; aportes: number }>();
		for (const a of porEmpleo.get(e.id)!) {
			const y = a.periodo.slice(0, 4);
			const acc = porAnio.get(y) ?? { meses: 0, remuneracion: 0, aportes: 0 };
			acc.meses++;
			acc.remuneracion += a.remuneracion;
			acc.aportes += a.aportes;
			porAnio.set(y, acc);
		}
		for (const [anio, v] of [...porAnio].sort(([a], [b]) => a.localeCompare(b)))
			filas.push([e.razon_social, anio, String(v.meses), pesos(v.remuneracion), pesos(v.aportes)]);
	}
	const datos = base(
		'aportes',
		p,
		`ANSES certifica que ${nombreDe(p)}, CUIL ${formatCuil(p.cuil)}, registra ${mesesEnPalabras(meses.length)} con aportes personales al Sistema Integrado Previsional Argentino (SIPA) entre ${formatoMes(desde)} y ${formatoMes(hasta)}, declarados por ${cuits.size === 1 ? 'un empleador' : `${cuits.size} empleadores`}, por un total de ${pesos(total)} en aportes personales.`
	);
	datos.detalles = [
		{ etiqueta: 'Período', valor: `${formatoMes(desde)} a ${formatoMes(hasta)}` },
		{ etiqueta: 'Meses con aportes', valor: mesesEnPalabras(meses.length) },
		{ etiqueta: 'Total de aportes personales', valor: pesos(total) }
	];
	datos.tabla = {
		titulo: 'Aportes por empleador y año',
		filas: [['Empleador', 'Año', 'Meses', 'Remuneraciones', 'Aportes'], ...filas]
	};
	return { datos, hechos: { desde, hasta, meses: meses.length, aportes: total } };
}

// --- Constancia de prestación y último pago ---------------------------------------------------------------

/** null: no active benefit with a payment, nothing to certify. */
export function contenidoPrestacion(p: Persona, prestaciones: PrestacionRow[]): Contenido | null {
	const activas = prestaciones.filter(
		(x) => x.estado === 'activa' && x.pago_id !== null && x.periodo !== null
	);
	if (activas.length === 0) return null;
	const periodo = activas
		.map((x) => x.periodo!)
		.sort()
		.at(-1)!;
	const ultimas = activas.filter((x) => x.periodo === periodo);
	const fecha = ultimas
		.map((x) => x.fecha_pago!)
		.sort()
		.at(-1)!;
	const neto = ultimas.reduce((s, x) => s + x.neto!, 0);
	const cuenta = new Map<string, number>();
	for (const x of activas) cuenta.set(x.denominacion, (cuenta.get(x.denominacion) ?? 0) + 1);
	const nombre = enumerar([...cuenta].map(([d, n]) => (n > 1 ? `${d} (${n})` : d)));
	const quien = (x: PrestacionRow) => `${x.denominacion}${x.hijo_nombre ? ` por ${x.hijo_nombre}` : ''}`;
	const unica = activas.length === 1 ? activas[0] : null;
	const donde = unica?.banco ? ` en ${unica.banco}, sucursal ${unica.sucursal}` : '';
	const texto = unica
		? `ANSES certifica que ${nombreDe(p)}, CUIL ${formatCuil(p.cuil)}, es titular de la prestación ${quien(unica)}, otorgada el ${fechaCorta(unica.alta)}, que se encuentra activa, y que su último pago, correspondiente a ${formatoMes(periodo)}, fue de ${pesos(neto)} netos, puesto al cobro el ${fechaCorta(fecha)}${donde}.`
		: `ANSES certifica que ${nombreDe(p)}, CUIL ${formatCuil(p.cuil)}, es titular de las siguientes prestaciones activas: ${enumerar(activas.map(quien))}, y que su último pago, correspondiente a ${formatoMes(periodo)}, fue de ${pesos(neto)} netos en total, puesto al cobro el ${fechaCorta(fecha)}.`;
	const datos = base('prestacion', p, texto);
	datos.detalles = [
		{ etiqueta: unica ? 'Prestación' : 'Prestaciones', valor: nombre },
		{ etiqueta: 'Último período pagado', valor: formatoMes(periodo) },
		{ etiqueta: 'Neto cobrado', valor: pesos(neto) },
		{ etiqueta: 'Fecha de cobro', valor: fechaCorta(fecha) }
	];
	datos.tabla = {
		titulo: 'Prestaciones y último pago',
		filas: [
			['Prestación', 'Alta', 'Período', 'Bruto', 'Descuentos', 'Neto'],
			...activas.map((x) => [
				quien(x),
				fechaCorta(x.alta),
				mesCorto(x.periodo!),
				pesos(x.bruto!),
				pesos(x.descuentos!),
				pesos(x.neto!)
			])
		]
	};
	return { datos, hechos: { prestacion: nombre, periodo, fecha, neto } };
}

// --- Certificación de Servicios y Remuneraciones (PS 6.2), certified by the employer ---------------------

export interface CertificacionEmpleador {
	cuit: string;
	razonSocial: string;
	domicilio: string | null;
	desde: string;
	hasta: string;
	/** As certified: one row per month, oldest first. */
	remuneraciones: { periodo: string; remuneracion: number; aportes: number }[];
	certificadoAt: number;
	representante: { nombre: string; cuil: string };
}

/**
 * The employer's certification as the paper an employer, a bank or an ANSES analyst expects from the
 * PS 6.2: the employer (razón social, CUIT, address) certifies, through its representative, the period
 * of services and the remuneración of each month with the personal aportes. ANSES's part is to state
 * that the employer certified it, and when, through the corporate application; the signature and the
 * QR are ANSES's, over exactly these words.
 */
export function contenidoServiciosRemuneraciones(p: Persona, c: CertificacionEmpleador): Contenido {
	const total = c.remuneraciones.reduce((s, r) => s + r.remuneracion, 0);
	const aportes = c.remuneraciones.reduce((s, r) => s + r.aportes, 0);
	const meses = c.remuneraciones.length;
	const periodo =
		c.desde === c.hasta
			? `en ${formatoMes(c.desde)}`
			: `entre ${formatoMes(c.desde)} y ${formatoMes(c.hasta)}`;
	const fecha = fechaCorta(todayInArgentina(c.certificadoAt));
	const domicilio = c.domicilio ? `, con domicilio en ${c.domicilio},` : '';
	const datos = base(
		'servicios_remuneraciones',
		p,
		`${c.razonSocial}, CUIT ${formatCuil(c.cuit)}${domicilio} certifica, por medio de su representante ${c.representante.nombre} (CUIL ${formatCuil(c.representante.cuil)}), que ${nombreDe(p)}, CUIL ${formatCuil(p.cuil)}, prestó servicios en relación de dependencia ${periodo}, y que percibió las remuneraciones mensuales que se detallan, sobre las que se efectuaron los aportes personales al Sistema Integrado Previsional Argentino (SIPA). ANSES deja constancia de que el empleador emitió esta certificación el ${fecha} en mi ANSES (Aplicaciones corporativas), con Clave de Seguridad Social nivel 3.`
	);
	datos.detalles = [
		{ etiqueta: 'Empleador', valor: c.razonSocial },
		{ etiqueta: 'CUIT del empleador', valor: formatCuil(c.cuit) },
		...(c.domicilio ? [{ etiqueta: 'Domicilio del empleador', valor: c.domicilio }] : []),
		{
			etiqueta: 'Período de servicios',
			valor: c.desde === c.hasta ? formatoMes(c.desde) : `${formatoMes(c.desde)} a ${formatoMes(c.hasta)}`
		},
		{ etiqueta: 'Meses certificados', valor: mesesEnPalabras(meses) },
		{ etiqueta: 'Total de remuneraciones', valor: pesos(total) },
		{ etiqueta: 'Total de aportes personales', valor: pesos(aportes) },
		{
			etiqueta: 'Certificó',
			valor: `${c.representante.nombre}, CUIL ${formatCuil(c.representante.cuil)}, el ${fecha}`
		}
	];
	datos.tabla = {
		titulo: 'Remuneraciones mensuales certificadas',
		filas: [
			['Mes', 'Remuneración', 'Aportes personales (11 %)'],
			...c.remuneraciones.map((r) => [mesCorto(r.periodo), pesos(r.remuneracion), pesos(r.aportes)])
		]
	};
	return {
		datos,
		hechos: { empleador: c.cuit, desde: c.desde, hasta: c.hasta, meses, remuneraciones: total }
	};
}

/**
 * Historia laboral as the screen shows it: each employment with its months, the total of distinct
 * months with aportes (two jobs in the same month count once, as they do for a jubilación), and the
 * gaps (lagunas) between the first and the last month with aportes.
 */
import type { HistoriaLaboral } from '../../src/lib/domain/api/servicios';
import { addMonths, monthsBetween } from '../../src/lib/domain/cronograma';
import type { AporteRow, EmpleoRow } from './queries';

export function summarizeHistoria(empleos: EmpleoRow[], aportes: AporteRow[]): HistoriaLaboral {
	const byEmpleo = new Map<number, HistoriaLaboral['empleos'][number]['meses']>();
	const months = new Set<string>();
	for (const a of aportes) {
		let list = byEmpleo.get(a.empleo_id);
		if (!list) byEmpleo.set(a.empleo_id, (list = []));
		list.push({ periodo: a.periodo, remuneracion: a.remuneracion, aportes: a.aportes });
		months.add(a.periodo);
	}
	const sorted = [...months].sort();
	const lagunas: HistoriaLaboral['lagunas'] = [];
	for (let i = 1; i < sorted.length; i++) {
		const gap = monthsBetween(sorted[i - 1], sorted[i]) - 1;
		if (gap > 0)
			lagunas.push({ desde: addMonths(sorted[i - 1], 1), hasta: addMonths(sorted[i], -1), meses: gap });
	}
	return {
		empleos: empleos.map((e) => ({
			id: e.id,
			cuit: e.cuit,
			razonSocial: e.razon_social,
			desde: e.desde,
			hasta: e.hasta,
			meses: byEmpleo.get(e.id) ?? []
		})),
		totales: {
			mesesConAportes: sorted.length,
			anios: Math.floor(sorted.length / 12),
			meses: sorted.length % 12
		},
		lagunas
	};
}

/** Sizes and the storage line of Mis certificados, in Argentine Spanish ("1,2 MB", "2,3 GB"). */

const UNIDADES = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** 1234567 → "1,2 MB" (decimal units, as phones show them in their settings). */
export function formatoBytes(bytes: number): string {
	let valor = Math.max(0, bytes);
	let i = 0;
	while (valor >= 1000 && i < UNIDADES.length - 1) {
		valor /= 1000;
		i++;
	}
	const digits = i === 0 || valor >= 100 ? 0 : 1;
	const texto = new Intl.NumberFormat('es-AR', {
		maximumFractionDigits: digits,
		minimumFractionDigits: 0
	}).format(valor);
	return `${texto} ${UNIDADES[i]}`;
}

/** "Usás 1,2 MB de 2,3 GB disponibles en este teléfono." or null when the browser does not say. */
export function textoEspacio(estimate: { usage?: number; quota?: number } | undefined): string | null {
	if (!estimate || typeof estimate.usage !== 'number' || typeof estimate.quota !== 'number') return null;
	return `Usás ${formatoBytes(estimate.usage)} de ${formatoBytes(estimate.quota)} disponibles en este teléfono.`;
}

const pesos = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });

/** "$ 419.299,32" from an amount in centavos. */
export function formatPesos(centavos: number): string {
	return pesos.format(centavos / 100);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12 años y 3 meses", "1 año", "5 meses", "ningún mes". */
export function yearsAndMonths(anios: number, meses: number): string {
	if (anios === 0 && meses === 0) return 'ningún mes';
	if (anios === 0) return plural(meses, 'mes', 'meses');
	if (meses === 0) return plural(anios, 'año', 'años');
	return `${plural(anios, 'año', 'años')} y ${plural(meses, 'mes', 'meses')}`;
}

export const monthsText = (n: number) => plural(n, 'mes', 'meses');

/**
 * A QR code's module matrix as one SVG path, so the screen draws it as vector (crisp on paper and at any
 * zoom) without a canvas and without inline styles (the CSP forbids them).
 */

export interface Matriz {
	size: number;
	/** Row-major, 1 (or true) for a dark module. */
	data: ArrayLike<number | boolean>;
}

/**
 * One `M x y h1 v1 h-1 z` square per dark module, with consecutive dark modules of a row merged into
 * one rectangle (a 77×77 code drops from ~3,000 squares to ~1,000 runs). Coordinates include a 4-module
 * quiet zone, so the viewBox is `0 0 size+8 size+8`.
 */
export function qrPath(matriz: Matriz, margen = 4): string {
	const { size, data } = matriz;
	let d = '';
	for (let y = 0; y < size; y++) {
		let x = 0;
		while (x < size) {
			if (!data[y * size + x]) {
				x++;
				continue;
			}
			const inicio = x;
			while (x < size && data[y * size + x]) x++;
			d += `M${inicio + margen} ${y + margen}h${x - inicio}v1h${inicio - x}z`;
		}
	}
	return d;
}

export function qrViewBox(matriz: Matriz, margen = 4): string {
	const lado = matriz.size + 2 * margen;
	return `0 0 ${lado} ${lado}`;
}

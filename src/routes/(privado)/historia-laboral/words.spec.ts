import { describe, expect, it } from 'vitest';
import { yearsAndMonths } from './words';

describe('yearsAndMonths', () => {
	it('says years and months as people say them', () => {
		expect(yearsAndMonths(12, 3)).toBe('12 años y 3 meses');
		expect(yearsAndMonths(1, 1)).toBe('1 año y 1 mes');
		expect(yearsAndMonths(0, 5)).toBe('5 meses');
		expect(yearsAndMonths(7, 0)).toBe('7 años');
		expect(yearsAndMonths(0, 0)).toBe('ningún mes');
	});
});

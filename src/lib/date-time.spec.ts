import { describe, expect, it } from 'vitest';
import { formatLongDate } from './date-time';

describe('formatLongDate', () => {
	it('writes the date in words, as people in Argentina say it', () => {
		expect(formatLongDate('2026-11-25T15:00:00Z')).toBe('25 de noviembre de 2026');
	});

	it('uses the day in Buenos Aires, not in UTC', () => {
		expect(formatLongDate('2026-11-26T02:00:00Z')).toBe('25 de noviembre de 2026');
	});
});

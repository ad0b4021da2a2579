import { describe, expect, it } from 'vitest';
import { formatDateTime, formatLongDate } from './date-time';

describe('formatLongDate', () => {
	it('writes the date in words, as people in Argentina say it', () => {
		expect(formatLongDate('2026-11-25T15:00:00Z')).toBe('25 de noviembre de 2026');
	});

	it('uses the day in Buenos Aires, not in UTC', () => {
		expect(formatLongDate('2026-11-26T02:00:00Z')).toBe('25 de noviembre de 2026');
	});
});

describe('formatDateTime', () => {
	it('adds the time on a 24-hour clock in Buenos Aires', () => {
		expect(formatDateTime('2026-11-25T16:07:00Z')).toBe('25 de noviembre de 2026 a las 13:07');
	});
});

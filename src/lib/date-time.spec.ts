import { describe, expect, it } from 'vitest';
import {
	formatDateTime,
	formatDay,
	formatLongDate,
	formatPaymentDay,
	formatPeriodo,
	formatShortDate,
	formatSnapshotDate
} from './date-time';

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

describe('calendar dates and periods', () => {
	it('reads a payment date as that day in Argentina', () => {
		expect(formatPaymentDay('2026-01-09')).toBe('viernes 9 de enero');
		expect(formatShortDate('2026-01-09')).toBe('09/01/2026');
		expect(formatDay('2026-01-09')).toBe('9 de enero de 2026');
	});

	it('names a period by its month', () => {
		expect(formatPeriodo('2026-01')).toBe('enero de 2026');
	});

	it('dates a kept copy as "12/11 14:30" in Buenos Aires', () => {
		expect(formatSnapshotDate('2026-11-12T17:30:00Z')).toBe('12/11 14:30');
		// A one-digit day and hour keep their zero (ICU's es-AR pattern alone gives "3/12 9:05").
		expect(formatSnapshotDate('2026-12-03T12:05:00Z')).toBe('03/12 09:05');
	});
});

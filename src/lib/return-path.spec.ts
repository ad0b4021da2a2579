import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
	it('accepts paths on this site, with their query', () => {
		expect(safeReturnPath('/inicio')).toBe('/inicio');
		expect(safeReturnPath('/inicio?x=1')).toBe('/inicio?x=1');
	});

	it.each([
		null,
		'',
		'inicio',
		'https://evil.example/',
		'//evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'javascript:alert(1)'
	])('rejects %j, which is not a path on this site', (value) => {
		expect(safeReturnPath(value)).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { buildCbu, cbuBlock1Digit, cbuBlock2Digit, parseCbu } from './cbu';

describe('parseCbu', () => {
	it('accepts published CBUs, with or without separators', () => {
		for (const input of ['2850590940090418135201', '28505909 40090418135201', '2850-5909-4009-0418-1352-01'])
			expect(parseCbu(input)).toEqual({
				ok: true,
				cbu: '2850590940090418135201',
				banco: '285',
				sucursal: '0590'
			});
	});

	it('names the block whose check digit is wrong', () => {
		expect(parseCbu('2850590840090418135201')).toEqual({ ok: false, problem: 'block1' });
		expect(parseCbu('2850590940090418135202')).toEqual({ ok: false, problem: 'block2' });
	});

	it('says when it is empty, not numbers, or not 22 digits', () => {
		expect(parseCbu('  ')).toEqual({ ok: false, problem: 'empty' });
		expect(parseCbu('28505909400904181352O1')).toEqual({ ok: false, problem: 'characters' });
		expect(parseCbu('285059094009041813520')).toEqual({ ok: false, problem: 'length' });
	});

	it('computes the check digits with the BCRA weights', () => {
		// 2,8,5,0,5,9,0 × 7,1,3,9,7,1,3 = 14+8+15+0+35+9+0 = 81 → (10 − 1) mod 10 = 9
		expect(cbuBlock1Digit('2850590')).toBe(9);
		expect(cbuBlock2Digit('4009041813520')).toBe(1);
	});

	it('builds CBUs that parse back', () => {
		for (const [bank, branch, account] of [
			['011', '599', '1234'],
			['7', '1', '98765432101'],
			['285', '4321', '0']
		]) {
			const cbu = buildCbu(bank, branch, account);
			expect(cbu).toHaveLength(22);
			expect(parseCbu(cbu).ok).toBe(true);
		}
	});
});

import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, IP_POLICY, decide, pauseAfterRound } from './throttle-policy';

const now = 1_800_000_000_000;
const after = (failures: number, msAgo: number) => ({ failures, lastFailureAt: now - msAgo });

describe('account throttling', () => {
	it('lets the first three failures through at once, then waits 1 s, 2 s, 4 s …', () => {
		expect(decide(after(0, 0), now, ACCOUNT_POLICY).allowed).toBe(true);
		expect(decide(after(2, 0), now, ACCOUNT_POLICY).allowed).toBe(true);
		expect(decide(after(3, 0), now, ACCOUNT_POLICY)).toEqual({
			allowed: false,
			reason: 'wait',
			retryAfterMs: 1000
		});
		expect(decide(after(3, 1000), now, ACCOUNT_POLICY).allowed).toBe(true);
		expect(decide(after(5, 3000), now, ACCOUNT_POLICY)).toEqual({
			allowed: false,
			reason: 'wait',
			retryAfterMs: 1000
		});
		expect(decide(after(9, 0), now, ACCOUNT_POLICY)).toMatchObject({ reason: 'wait', retryAfterMs: 60_000 });
	});

	it('pauses the clave path after 10 failures, longer each round', () => {
		expect(decide(after(10, 0), now, ACCOUNT_POLICY)).toEqual({
			allowed: false,
			reason: 'paused',
			retryAfterMs: 15 * 60_000
		});
		expect(decide(after(10, 15 * 60_000), now, ACCOUNT_POLICY).allowed).toBe(true);
		expect(decide(after(20, 20 * 60_000), now, ACCOUNT_POLICY)).toMatchObject({ reason: 'paused' });
		expect(pauseAfterRound(1, ACCOUNT_POLICY)).toBe(15 * 60_000);
		expect(pauseAfterRound(2, ACCOUNT_POLICY)).toBe(30 * 60_000);
		expect(pauseAfterRound(9, ACCOUNT_POLICY)).toBe(24 * 60 * 60_000);
	});

	it('stops at 100 consecutive failures, however long ago (NIST 800-63B)', () => {
		expect(decide(after(100, 365 * 24 * 3600_000), now, ACCOUNT_POLICY)).toMatchObject({
			allowed: false,
			reason: 'locked'
		});
	});
});

describe('IP throttling', () => {
	it('never pauses or locks, and forgets failures after an hour', () => {
		expect(decide(after(29, 0), now, IP_POLICY).allowed).toBe(true);
		expect(decide(after(30, 0), now, IP_POLICY)).toMatchObject({ reason: 'wait', retryAfterMs: 1000 });
		expect(decide(after(1000, 0), now, IP_POLICY)).toMatchObject({
			reason: 'wait',
			retryAfterMs: 5 * 60_000
		});
		expect(decide(after(1000, 61 * 60_000), now, IP_POLICY).allowed).toBe(true);
	});
});

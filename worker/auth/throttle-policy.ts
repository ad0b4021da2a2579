/**
 * When may one more clave attempt be checked? Pure rules, so they are tested without a runtime.
 *
 * ASVS 5.0 6.1.1 and NIST 800-63B 3.2.2 ask for two things that pull against each other: stop online
 * guessing (a CUIL is a DNI with a prefix, so anyone can aim at a given person), and do not let an
 * attacker lock the person out on purpose. We slow guessing down with waits that double after a few
 * failures and pauses that grow each round, cap the total at NIST's 100 consecutive failures, and keep
 * ways in that a guesser cannot block: a passkey, a device that has signed in to the account before
 * (counted apart, under its own key), and recovery.
 */

export interface Counter {
	/** Consecutive failures since the last success. */
	failures: number;
	/** When the last failure happened (epoch ms). */
	lastFailureAt: number;
}

export interface Policy {
	/** Failures (within a round) allowed back to back before waits start. */
	freeFailures: number;
	/** First wait; each further failure doubles it. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** After this many failures in a row the path pauses; 0 disables pauses. */
	roundSize: number;
	/** First pause; each round doubles it. */
	basePauseMs: number;
	maxPauseMs: number;
	/** NIST 800-63B 3.2.2: no more than 100 consecutive failed attempts. 0 disables the limit. */
	hardLimit: number;
	/** Failures older than this are forgotten (for shared keys such as an IP); 0 keeps them. */
	forgetAfterMs: number;
	/** Whether a success clears the counter (true for an account; not for an IP an attacker shares). */
	resetOnSuccess: boolean;
}

/** Per account (CUIL), and per known device of that account. */
export const ACCOUNT_POLICY: Policy = {
	freeFailures: 3,
	baseDelayMs: 1_000,
	maxDelayMs: 60_000,
	roundSize: 10,
	basePauseMs: 15 * 60_000,
	maxPauseMs: 24 * 60 * 60_000,
	hardLimit: 100,
	forgetAfterMs: 0,
	resetOnSuccess: true
};

/**
 * Per client IP, across accounts: stops one address from spraying guesses over many CUILs. Lenient,
 * because mobile carriers put thousands of citizens behind one address (CGNAT), and it never pauses
 * or locks: it only slows down.
 */
export const IP_POLICY: Policy = {
	freeFailures: 30,
	baseDelayMs: 1_000,
	maxDelayMs: 5 * 60_000,
	roundSize: 0,
	basePauseMs: 0,
	maxPauseMs: 0,
	hardLimit: 0,
	forgetAfterMs: 60 * 60_000,
	resetOnSuccess: false
};

export const POLICIES = { account: ACCOUNT_POLICY, ip: IP_POLICY } as const;
export type PolicyName = keyof typeof POLICIES;

export type Decision =
	{ allowed: true } | { allowed: false; reason: 'wait' | 'paused' | 'locked'; retryAfterMs: number };

export function effectiveFailures(counter: Counter, now: number, policy: Policy): number {
	if (policy.forgetAfterMs && now - counter.lastFailureAt > policy.forgetAfterMs) return 0;
	return counter.failures;
}

export function decide(counter: Counter, now: number, policy: Policy): Decision {
	const failures = effectiveFailures(counter, now, policy);
	if (failures === 0) return { allowed: true };
	if (policy.hardLimit && failures >= policy.hardLimit)
		return { allowed: false, reason: 'locked', retryAfterMs: 0 };
	const since = now - counter.lastFailureAt;
	if (policy.roundSize && failures % policy.roundSize === 0) {
		const pause = pauseAfterRound(failures / policy.roundSize, policy);
		if (since < pause) return { allowed: false, reason: 'paused', retryAfterMs: pause - since };
		return { allowed: true };
	}
	const inRound = policy.roundSize ? failures % policy.roundSize : failures;
	if (inRound < policy.freeFailures) return { allowed: true };
	const delay = Math.min(policy.baseDelayMs * 2 ** (inRound - policy.freeFailures), policy.maxDelayMs);
	if (since < delay) return { allowed: false, reason: 'wait', retryAfterMs: delay - since };
	return { allowed: true };
}

/** 15 min, 30 min, 1 h, 2 h … up to a day. */
export function pauseAfterRound(round: number, policy: Policy): number {
	return Math.min(policy.basePauseMs * 2 ** (round - 1), policy.maxPauseMs);
}

import { DurableObject } from 'cloudflare:workers';
import { POLICIES, decide, effectiveFailures, type Counter, type PolicyName } from './throttle-policy';

/**
 * Failed sign-in counting for one key: one object per CUIL (`cuil:<11 digits>`, whether or not the CUIL
 * exists, so the answers never reveal which ones do) and one per client IP (`ip:<address>`).
 *
 * A Durable Object runs one event at a time and closes its input gate while it reads or writes its own
 * storage, so `reserve` reads, decides and records the attempt as one step: 200 parallel guesses are
 * lined up and each sees the ones before it. An attempt is counted as a failure from the moment it is
 * reserved (pessimistically) until it is settled, which is what bounds the number of hash verifications.
 */

/** Inside one object, counters are kept per scope: `account`, `device:<id>` (a known device) or `ip`. */
interface State {
	counters: Record<string, Counter & { policy: PolicyName; touchedAt: number }>;
	pending: Record<string, { scope: string; policy: PolicyName; at: number }>;
}

export type Reservation =
	| { ok: true; attemptId: string }
	| { ok: false; reason: 'wait' | 'paused' | 'locked'; retryAfterSeconds: number };

export interface Settlement {
	/** Consecutive failures of the scope after this attempt. */
	failures: number;
	/** This failure started a pause (or the final lock): the moment to tell the person. */
	paused: boolean;
	retryAfterSeconds: number;
	locked: boolean;
}

/**
 * An attempt that is never settled (the Worker was killed mid-request) is counted as a failure after
 * this long, so crashing the request cannot be used to guess for free.
 */
const PENDING_TTL_MS = 60_000;
/** Known devices of one account kept apart; the least recently touched beyond this are forgotten. */
const MAX_SCOPES = 50;

export class LoginThrottle extends DurableObject {
	async reserve(scope: string, policyName: PolicyName): Promise<Reservation> {
		const now = Date.now();
		const state = await this.load();
		expirePending(state, now);
		const policy = POLICIES[policyName];
		const base = state.counters[scope] ?? { failures: 0, lastFailureAt: 0 };
		const inFlight = Object.values(state.pending).filter((p) => p.scope === scope);
		const counter: Counter = {
			failures: effectiveFailures(base, now, policy) + inFlight.length,
			lastFailureAt: Math.max(base.lastFailureAt, ...inFlight.map((p) => p.at))
		};
		const decision = decide(counter, now, policy);
		if (!decision.allowed) {
			await this.save(state);
			return {
				ok: false,
				reason: decision.reason,
				retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000)
			};
		}
		const attemptId = crypto.randomUUID();
		state.pending[attemptId] = { scope, policy: policyName, at: now };
		await this.save(state);
		return { ok: true, attemptId };
	}

	/**
	 * Records how a reserved attempt ended. `void` gives the reservation back without counting it (the
	 * other throttle refused, so no clave was checked).
	 */
	async settle(attemptId: string, outcome: 'failure' | 'success' | 'void'): Promise<Settlement> {
		const now = Date.now();
		const state = await this.load();
		const attempt = state.pending[attemptId];
		delete state.pending[attemptId];
		expirePending(state, now);
		if (!attempt) {
			await this.save(state);
			return { failures: 0, paused: false, locked: false, retryAfterSeconds: 0 };
		}
		const policy = POLICIES[attempt.policy];
		const current = state.counters[attempt.scope];
		const failures = current ? effectiveFailures(current, now, policy) : 0;
		if (outcome === 'failure') {
			state.counters[attempt.scope] = {
				failures: failures + 1,
				lastFailureAt: now,
				policy: attempt.policy,
				touchedAt: now
			};
		} else if (outcome === 'success' && policy.resetOnSuccess) {
			delete state.counters[attempt.scope];
		}
		pruneScopes(state);
		await this.save(state);
		const after = state.counters[attempt.scope];
		if (outcome !== 'failure' || !after)
			return { failures: after?.failures ?? 0, paused: false, locked: false, retryAfterSeconds: 0 };
		const next = decide(after, now, policy);
		const pausedNow = !next.allowed && next.reason !== 'wait';
		return {
			failures: after.failures,
			paused: pausedNow,
			locked: !next.allowed && next.reason === 'locked',
			retryAfterSeconds: next.allowed ? 0 : Math.ceil(next.retryAfterMs / 1000)
		};
	}

	/**
	 * Forgets a scope's failures: after a recovery proved the person's identity through the answers and
	 * the code sent to their contact, the paused or locked clave path opens again.
	 */
	async reset(scopes: string[]): Promise<void> {
		const state = await this.load();
		for (const scope of scopes) delete state.counters[scope];
		await this.save(state);
	}

	private async load(): Promise<State> {
		return (await this.ctx.storage.get<State>('state')) ?? { counters: {}, pending: {} };
	}

	private async save(state: State): Promise<void> {
		if (Object.keys(state.counters).length === 0 && Object.keys(state.pending).length === 0)
			await this.ctx.storage.delete('state');
		else await this.ctx.storage.put('state', state);
	}
}

function expirePending(state: State, now: number): void {
	for (const [id, p] of Object.entries(state.pending)) {
		if (now - p.at < PENDING_TTL_MS) continue;
		delete state.pending[id];
		const c = state.counters[p.scope];
		state.counters[p.scope] = {
			failures: (c?.failures ?? 0) + 1,
			lastFailureAt: p.at,
			policy: p.policy,
			touchedAt: now
		};
	}
}

function pruneScopes(state: State): void {
	const scopes = Object.entries(state.counters);
	if (scopes.length <= MAX_SCOPES) return;
	// The account's own counter is never pruned: dropping it would reset the guessing limit.
	scopes
		.filter(([scope]) => scope.startsWith('device:'))
		.sort((a, b) => a[1].touchedAt - b[1].touchedAt)
		.slice(0, scopes.length - MAX_SCOPES)
		.forEach(([scope]) => delete state.counters[scope]);
}

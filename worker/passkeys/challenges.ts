import { DurableObject } from 'cloudflare:workers';

/**
 * Single-use WebAuthn challenges (WebAuthn Level 3 §13.4.3). One object per challenge, named by the
 * challenge itself: the Worker finds it again from the `challenge` inside the response's clientDataJSON.
 * A Durable Object runs one call at a time, so `consume` reads and deletes in one step and, of two
 * parallel replays of the same response, exactly one gets the challenge.
 */

export type Ceremony = 'registration' | 'authentication';

interface ChallengeRecord {
	ceremony: Ceremony;
	/** The account the ceremony is for (registration), or null (discoverable sign-in). */
	citizenId: number | null;
	expiresAt: number;
}

/** §5.4.1 / §5.5: a ceremony's timeout; ours is 5 minutes and the challenge dies with it. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export class ChallengeStore extends DurableObject {
	async issue(ceremony: Ceremony, citizenId: number | null): Promise<void> {
		const expiresAt = Date.now() + CHALLENGE_TTL_MS;
		await this.ctx.storage.put<ChallengeRecord>('challenge', { ceremony, citizenId, expiresAt });
		// Unused challenges clean themselves up.
		await this.ctx.storage.setAlarm(expiresAt);
	}

	/**
	 * True only the first time, only before expiry, and only for the ceremony and account it was issued
	 * for. Any use burns it, including a mismatched one.
	 */
	async consume(
		ceremony: Ceremony,
		citizenId: number | null
	): Promise<'ok' | 'missing' | 'expired' | 'mismatch'> {
		const record = await this.ctx.storage.get<ChallengeRecord>('challenge');
		if (!record) return 'missing';
		await this.ctx.storage.deleteAll();
		await this.ctx.storage.deleteAlarm();
		if (Date.now() > record.expiresAt) return 'expired';
		if (record.ceremony !== ceremony || record.citizenId !== citizenId) return 'mismatch';
		return 'ok';
	}

	async alarm(): Promise<void> {
		await this.ctx.storage.deleteAll();
	}
}

import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The stored-PIN read the test resolves by hand, to make refreshes finish out of order. */
const pending: Array<(status: string) => void> = [];
let open = false;

vi.mock('$lib/session.svelte', () => ({ rememberDevicePerson: () => {} }));

vi.mock('$lib/offline/vault', () => ({
	vault: {
		status: () => (open ? Promise.resolve('unlocked') : new Promise((resolve) => pending.push(resolve))),
		subscribe: () => () => {},
		lock: () => (open = false)
	}
}));

const { vaultState } = await import('./vault.svelte');

describe('vaultState.refresh', () => {
	beforeEach(() => {
		pending.length = 0;
		open = false;
	});

	it('keeps the newest answer when an older read of the stored PIN finishes later', async () => {
		// The screen asks while the vault is locked; the read of IndexedDB is slow…
		const stale = vaultState.refresh('27051234567');
		// …meanwhile the right PIN opens the vault, and the change asks again.
		open = true;
		await vaultState.refresh('27051234567');
		expect(vaultState.status).toBe('unlocked');
		// The old read comes back "locked": it must not hide the open vault.
		pending[0]('locked');
		await stale;
		expect(vaultState.status).toBe('unlocked');
	});

	it('takes a single answer as it comes', async () => {
		const asked = vaultState.refresh('27051234567');
		pending[0]('locked');
		expect(await asked).toBe('locked');
		expect(vaultState.status).toBe('locked');
	});
});

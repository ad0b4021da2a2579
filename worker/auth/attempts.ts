import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { clientIp, ipThrottleKey } from '../http/request-info';
import { throttled } from './login';

/**
 * Runs one guessable check (security answers, a one-time code, DNI data) under the same throttles as
 * the clave: per CUIL in its own scope, so failed recovery attempts do not pause sign-in, and per IP.
 * `check` returns whether it succeeded; the reservation is settled accordingly.
 */
export async function throttledAttempt<T>(
	c: Context<AppEnv>,
	cuil: string,
	scope: 'recuperacion' | 'alta' | 'provisoria',
	check: () => Promise<{ ok: boolean; value: T }>
): Promise<{ ok: boolean; value: T }> {
	const account = c.env.LOGIN_THROTTLE.getByName(`cuil:${cuil}`);
	const ip = c.env.LOGIN_THROTTLE.getByName(ipThrottleKey(clientIp(c)));
	const ipSlot = await ip.reserve('ip', 'ip');
	if (!ipSlot.ok) throw throttled(ipSlot);
	const slot = await account.reserve(scope, 'account');
	if (!slot.ok) {
		await ip.settle(ipSlot.attemptId, 'void');
		throw throttled(slot);
	}
	let result: { ok: boolean; value: T } | undefined;
	try {
		result = await check();
	} finally {
		const outcome = result?.ok ? 'success' : 'failure';
		await account.settle(slot.attemptId, outcome);
		await ip.settle(ipSlot.attemptId, outcome);
	}
	return result;
}

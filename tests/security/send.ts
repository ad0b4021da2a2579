import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../worker/index';

/**
 * One request to the Worker's own fetch handler, returning once its `waitUntil` work has finished too
 * (a failed sign-in writes its security event that way): what a request changed in D1 is then
 * complete when the test looks. Not `exports.default.fetch`: in vitest-pool-workers 0.15 each call
 * through it costs more than the last within one test (thousands of requests went from 3 ms to 90 ms
 * each), which a 10,000-request fuzz run cannot afford.
 */
export async function send(request: Request): Promise<Response> {
	const ctx = createExecutionContext();
	const res = await worker.fetch(request, env, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

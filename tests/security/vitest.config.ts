import { workerdProject } from '../worker/workerd-project.ts';

/**
 * The security suite runs inside workerd like the worker tests (same Worker, same bindings, same setup),
 * as its own project so that `npm run test:security` can run it alone with a larger fuzzing budget:
 * `SECURITY_FUZZ_REQUESTS` sets how many fuzzed requests to send, `SECURITY_FUZZ_SEED` replays a run.
 */
export default workerdProject('security', ['tests/security/**/*.test.ts'], {
	SECURITY_FUZZ_REQUESTS: process.env.SECURITY_FUZZ_REQUESTS ?? '1500',
	SECURITY_FUZZ_SEED: process.env.SECURITY_FUZZ_SEED ?? ''
});

/**
 * The surge projection of issue 9: 1.6 million sign-ins in a day with peaks of 2,000 per second, priced
 * and checked against Cloudflare's published limits, from what this run measured (CPU per clave hash
 * and per passkey verification) and what one sign-in does to D1 and the Durable Objects (counted from
 * the code path, worker/auth/login.ts; see docs/PERFORMANCE.md). Pure arithmetic: the reasoning and
 * the sources, with the date they were read, are in docs/PERFORMANCE.md.
 */

/** Read 2026-12-03 (docs/PERFORMANCE.md cites each page). */
export const CLOUDFLARE = {
	workersPaidMonthlyUsd: 5,
	requestsIncludedPerMonth: 10_000_000,
	usdPerMillionRequests: 0.3,
	cpuMsIncludedPerMonth: 30_000_000,
	usdPerMillionCpuMs: 0.02,
	d1RowsReadIncludedPerMonth: 25_000_000_000,
	usdPerMillionD1RowsRead: 0.001,
	d1RowsWrittenIncludedPerMonth: 50_000_000,
	usdPerMillionD1RowsWritten: 1,
	/** Not confirmed on Cloudflare's own page today (a third-party summary). */
	doRequestsIncludedPerMonth: 1_000_000,
	usdPerMillionDoRequests: 0.15,
	/** Not confirmed today: the FAQs say a database and an object are single-threaded; order of magnitude. */
	d1WriteTransactionsPerSecond: 1_000,
	doRequestsPerSecondPerObject: 1_000
};

/**
 * One clave sign-in from a new device (the surge case: people who never signed in here), counted
 * from worker/auth/login.ts. D1 bills each index a written row touches as one more row written.
 */
export const PER_SIGN_IN = {
	// findLoginRow: the citizen by CUIL, their clave, the known-device check; the contact for the notice.
	d1RowsRead: 4,
	// One batch (one transaction): session (+1 index), known device (+1), security event (+1), the
	// new-device notice in the outbox (+2); expired sessions of the person deleted (usually none).
	d1RowsWritten: 9,
	d1WriteTransactions: 1,
	// LoginThrottle: reserve and settle on the CUIL's object and on the address's (new devices only).
	doRequests: 4,
	// The sign-in itself, then the session check and Inicio's two calls.
	workerRequests: 4
};

export function surge(m: { msPerHash: number; msPerPasskey: number }) {
	const perDay = 1_600_000;
	const peak = 2_000;
	const days = 30;
	const c = CLOUDFLARE;
	const s = PER_SIGN_IN;
	// CPU of a clave sign-in: the hash plus the rest of the request (a few ms; the throughput bench shows
	// the non-hash routes at a small fraction of it), rounded up by 5 ms.
	const cpuMs = m.msPerHash + 5;
	const monthly = {
		requests: perDay * days * s.workerRequests,
		cpuMs: perDay * days * (cpuMs + 3 * (s.workerRequests - 1)),
		d1RowsRead: perDay * days * s.d1RowsRead,
		d1RowsWritten: perDay * days * s.d1RowsWritten,
		doRequests: perDay * days * s.doRequests
	};
	const over = (used: number, included: number, usdPerMillion: number) =>
		(Math.max(0, used - included) / 1e6) * usdPerMillion;
	const usd = {
		plan: c.workersPaidMonthlyUsd,
		requests: over(monthly.requests, c.requestsIncludedPerMonth, c.usdPerMillionRequests),
		cpu: over(monthly.cpuMs, c.cpuMsIncludedPerMonth, c.usdPerMillionCpuMs),
		d1Reads: over(monthly.d1RowsRead, c.d1RowsReadIncludedPerMonth, c.usdPerMillionD1RowsRead),
		d1Writes: over(monthly.d1RowsWritten, c.d1RowsWrittenIncludedPerMonth, c.usdPerMillionD1RowsWritten),
		durableObjects: over(monthly.doRequests, c.doRequestsIncludedPerMonth, c.usdPerMillionDoRequests)
	};
	const atPeak = {
		cpuCoresBusy: (peak * cpuMs) / 1000,
		d1WriteTransactionsPerSecond: peak * s.d1WriteTransactions,
		d1PrimaryLoad: (peak * s.d1WriteTransactions) / c.d1WriteTransactionsPerSecond,
		// Behind carrier-grade NAT thousands of phones share one address: its throttle object sees them all.
		oneAddressObjectLoadIf10PercentShareIt: (0.1 * peak * 2) / c.doRequestsPerSecondPerObject
	};
	const round = (o: Record<string, number>) =>
		Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v.toFixed(2))]));
	return {
		assumptions: { perDay, peakPerSecond: peak, days, cpuMsPerClaveSignIn: Number(cpuMs.toFixed(1)), ...s },
		monthly,
		usdPerMonthIfEveryDayIsSurge: round({ ...usd, total: Object.values(usd).reduce((a, b) => a + b, 0) }),
		usdForOneSurgeDay: Number(
			(
				(perDay * s.workerRequests * c.usdPerMillionRequests +
					perDay * (cpuMs + 3 * (s.workerRequests - 1)) * c.usdPerMillionCpuMs +
					perDay * s.d1RowsWritten * c.usdPerMillionD1RowsWritten +
					perDay * s.doRequests * c.usdPerMillionDoRequests) /
				1e6
			).toFixed(2)
		),
		atPeak: round(atPeak),
		saturatesFirst:
			atPeak.d1PrimaryLoad >= 1
				? 'the single D1 primary: one write transaction per sign-in'
				: 'nothing at these figures'
	};
}

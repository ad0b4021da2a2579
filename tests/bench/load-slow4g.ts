/**
 * The login screen on a cheap phone with bad signal (issue 7): a cold first load under Slow 4G emulation
 * (150 ms RTT, 1.6 Mbps down, 750 kbps up, CPU slowed 4×, through Chromium's DevTools protocol), and a
 * warm load of the same screen once the service worker holds the app. Each as LCP (the browser's own
 * `largest-contentful-paint` entry) and bytes that crossed the network (CDP `encodedDataLength`; answers
 * the service worker gave are counted apart). Median of RUNS fresh browser contexts.
 *
 * Writes tests/reports/bench-load.json and prints its lines. Called from run.ts; alone:
 * `npx tsx tests/bench/load-slow4g.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { PORTS, kib, launchChromium, median, startServer, writeReport } from './server';

const PORT = PORTS.load;
const ORIGIN = `http://localhost:${PORT}`;
const STATE = '.wrangler/bench-load';
const RUNS = 5;

/** Lighthouse's "Slow 4G" (its mobile default): 150 ms RTT, 1.6 Mbps down, 750 kbps up, 4× CPU. */
export const SLOW_4G = {
	latencyMs: 150,
	downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
	uploadBytesPerSecond: (750 * 1024) / 8,
	cpuSlowdown: 4
};

async function throttle(page: Page): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: SLOW_4G.latencyMs,
		downloadThroughput: SLOW_4G.downloadBytesPerSecond,
		uploadThroughput: SLOW_4G.uploadBytesPerSecond
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpuSlowdown });
	return cdp;
}

/** Loads `url` (or reloads) and returns LCP and the bytes the network carried vs the service worker. */
async function measure(page: Page, cdp: CDPSession, load: () => Promise<unknown>) {
	const fromSw = new Set<string>();
	const sizes = new Map<string, number>();
	const onResponse = (e: { requestId: string; response: { fromServiceWorker?: boolean } }) => {
		if (e.response.fromServiceWorker) fromSw.add(e.requestId);
	};
	const onFinished = (e: { requestId: string; encodedDataLength: number }) =>
		sizes.set(e.requestId, e.encodedDataLength);
	cdp.on('Network.responseReceived', onResponse);
	cdp.on('Network.loadingFinished', onFinished);
	await load();
	await page.waitForLoadState('networkidle');
	const lcp = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				new PerformanceObserver((list) => {
					const entries = list.getEntries();
					resolve(entries[entries.length - 1].startTime);
				}).observe({ type: 'largest-contentful-paint', buffered: true });
			})
	);
	cdp.off('Network.responseReceived', onResponse);
	cdp.off('Network.loadingFinished', onFinished);
	let network = 0;
	let serviceWorker = 0;
	for (const [id, bytes] of sizes) {
		if (fromSw.has(id)) serviceWorker++;
		else network += bytes;
	}
	return { lcpMs: lcp, networkBytes: network, fromServiceWorker: serviceWorker };
}

export async function benchLoadSlow4g() {
	const server = await startServer({ port: PORT, state: STATE, fresh: true });
	const browser = await launchChromium();
	try {
		const cold: Awaited<ReturnType<typeof measure>>[] = [];
		const warm: Awaited<ReturnType<typeof measure>>[] = [];
		for (let i = 0; i < RUNS; i++) {
			const context: BrowserContext = await browser.newContext({ locale: 'es-AR' });
			const page = await context.newPage();
			const cdp = await throttle(page);
			cold.push(await measure(page, cdp, () => page.goto(`${ORIGIN}/ingresar`)));
			// The login screen does not register the service worker (it keeps its first load small); a
			// person who used the app once did, from a private screen or Verificar. Install it there.
			await page.goto(`${ORIGIN}/verificar`);
			await page.evaluate(() => navigator.serviceWorker.ready);
			warm.push(await measure(page, cdp, () => page.goto(`${ORIGIN}/ingresar`)));
			await context.close();
		}
		const summary = (xs: typeof cold) => ({
			lcpMs: Math.round(median(xs.map((x) => x.lcpMs))),
			networkBytes: median(xs.map((x) => x.networkBytes)),
			fromServiceWorker: median(xs.map((x) => x.fromServiceWorker))
		});
		const results = {
			date: new Date().toISOString(),
			throttling: SLOW_4G,
			runs: RUNS,
			cold: summary(cold),
			warm: summary(warm)
		};
		writeReport('bench-load.json', results);
		console.log(
			`\n/ingresar cold, Slow 4G + 4× CPU          LCP ${results.cold.lcpMs} ms, ${kib(results.cold.networkBytes)} over the network`
		);
		console.log(
			`/ingresar warm, from the service worker    LCP ${results.warm.lcpMs} ms, ${kib(results.warm.networkBytes)} over the network, ${results.warm.fromServiceWorker} answers from the service worker`
		);
		return results;
	} finally {
		await browser.close();
		server.stop();
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	await benchLoadSlow4g();
}

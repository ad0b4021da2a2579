import fs from 'node:fs';

/**
 * Chromium as the journeys, the bench and the camera test launch it: Debian's when present (Playwright
 * cannot download its own browser on our machines), else Playwright's. One list, so a flag added for one
 * (say, against a first-run dialog) reaches them all.
 */
export const CHROMIUM_PATH = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

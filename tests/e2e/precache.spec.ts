import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');

test('the service worker precaches the app but never the password-strength dictionaries', async ({
	request
}) => {
	const sw = await (await request.get('/sw.js')).text();
	const excluded: string[] = JSON.parse(
		fs.readFileSync(path.join(root, '.svelte-kit/output/not-precached.json'), 'utf8')
	);
	// The dictionaries are the heavy part: if this list were empty or tiny, the build stopped finding them.
	const bytes = excluded.reduce((n, file) => n + fs.statSync(path.join(root, 'build', file)).size, 0);
	expect(bytes).toBeGreaterThan(1_000_000);
	for (const file of excluded) expect(sw, file).not.toContain(file);
	// The shell and the screens are there, so the app opens offline.
	expect(sw).toContain('url:"/"');
	expect(sw).toMatch(/_app\/immutable\/entry\/app\.[\w-]+\.js/);
	// The manifest's screenshots are for the install dialog only: never downloaded to keep.
	expect(sw).not.toContain('screenshots/');
	expect(sw).toContain('icons/icon-192.png');
	// And the API is never answered from a cache.
	expect(sw).toContain('denylist:[/^\\/api\\//]');
	// ...except the public key set that verifies certificates offline: one runtime route besides the
	// navigation fallback, matching that exact path, in its own cache (certificados.spec.ts checks the
	// caches a real journey leaves behind).
	expect(sw.match(/registerRoute\(/g)).toHaveLength(2);
	expect(sw).toMatch(/"\/api\/keys"===\w+\.pathname/);
	expect(sw.match(/cacheName:"[^"]+"/g)).toEqual(['cacheName:"mi-anses-claves"']);
});

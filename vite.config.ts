import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { ManifestTransform } from 'workbox-build';
import { defineConfig, type Plugin } from 'vitest/config';

const output = path.resolve('.svelte-kit/output');
const excludedList = path.join(output, 'not-precached.json');

/**
 * Chunks that must never be precached: the password-strength dictionaries (≈ 630 KiB gzip) load only on
 * the screens that ask for a new clave. Their file names are hashes, so the client build records which
 * chunks hold @zxcvbn-ts modules, and the service worker's manifest leaves those out.
 */
function recordStrengthChunks(): Plugin {
	return {
		name: 'mi-anses:record-strength-chunks',
		apply: 'build',
		generateBundle(_options, bundle) {
			if (this.environment?.name !== 'client') return;
			const files = Object.values(bundle)
				.filter((c) => c.type === 'chunk' && c.moduleIds.some((id) => /@zxcvbn-ts|argentine-words/.test(id)))
				.map((c) => c.fileName);
			fs.mkdirSync(output, { recursive: true });
			fs.writeFileSync(excludedList, JSON.stringify(files));
		}
	};
}

/**
 * The precache manifest: the built client files but the excluded chunks, with the SPA shell under "/"
 * (revisioned by the app version, since the adapter writes index.html after the worker is built).
 */
const precacheManifest: ManifestTransform = async (entries) => {
	const excluded = new Set<string>(JSON.parse(fs.readFileSync(excludedList, 'utf8')));
	const manifest = entries
		.filter((e) => e.url.startsWith('client/'))
		.map((e) => ({ ...e, url: e.url.slice('client/'.length) }))
		.filter((e) => !excluded.has(e.url));
	const version = fs.readFileSync(path.join(output, 'client/_app/version.json'));
	manifest.push({
		url: '/',
		revision: createHash('sha256').update(version).digest('hex').slice(0, 16),
		size: 0
	});
	return { manifest };
};

export default defineConfig({
	plugins: [
		sveltekit(),
		recordStrengthChunks(),
		SvelteKitPWA({
			strategies: 'generateSW',
			// A new version waits until the person accepts it (the update prompt is the PWA issue's).
			registerType: 'prompt',
			injectRegister: false,
			// The web app manifest (build/manifest.webmanifest, linked from src/app.html and precached):
			// what Chrome needs to offer "Instalar", in Spanish, with the Poncho palette's colours.
			manifest: {
				id: '/inicio',
				name: 'mi ANSES',
				short_name: 'mi ANSES',
				description:
					'Consultá tus cobros, prestaciones, aportes y trámites de la seguridad social desde tu celular.',
				lang: 'es-AR',
				dir: 'ltr',
				start_url: '/inicio',
				scope: '/',
				display: 'standalone',
				theme_color: '#242c4f',
				background_color: '#ffffff',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
					{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				],
				// What the install dialog shows (Chrome's richer install UI). Made from the real public
				// screens by worker/tools/screenshots.ts; kept out of the precache (globIgnores below):
				// nobody needs them offline and they would cost a phone ~150 KiB.
				screenshots: [
					{
						src: '/screenshots/ingresar-narrow.png',
						sizes: '412x892',
						type: 'image/png',
						form_factor: 'narrow',
						label: 'Ingresá con tu CUIL y tu Clave de Seguridad Social, o con tu llave de acceso'
					},
					{
						src: '/screenshots/verificar-narrow.png',
						sizes: '412x892',
						type: 'image/png',
						form_factor: 'narrow',
						label: 'Verificá un certificado de ANSES con su código QR, también sin conexión'
					},
					{
						src: '/screenshots/ingresar-wide.png',
						sizes: '1280x800',
						type: 'image/png',
						form_factor: 'wide',
						label: 'mi ANSES en la computadora'
					}
				]
			},
			kit: { adapterFallback: 'index.html' },
			workbox: {
				globPatterns: ['client/**/*.{js,css,svg,png,ico,woff2}'],
				globIgnores: ['client/screenshots/**'],
				manifestTransforms: [precacheManifest],
				// Offline, every page of the app opens from the cached shell...
				navigateFallback: '/',
				// ...but the API is never answered from a cache: data for offline reading lives in
				// IndexedDB (src/lib/offline), where it is tied to the person and dated.
				navigateFallbackDenylist: [/^\/api\//],
				// The one exception: the public key set that verifies certificates (/api/keys). It is
				// public, the same for everybody, and needed with no signal (Verificar, Mis certificados).
				// Network first, so a rotated key arrives as soon as there is a connection; after 3 s the
				// kept copy answers. The page also keeps it in IndexedDB (src/lib/certificados/claves.ts):
				// this cache covers a verifier who has not run that code yet. Matched by exact path, so
				// no other /api answer can ever land in a cache.
				runtimeCaching: [
					{
						urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === '/api/keys',
						handler: 'NetworkFirst',
						method: 'GET',
						options: {
							cacheName: 'mi-anses-claves',
							networkTimeoutSeconds: 3,
							cacheableResponse: { statuses: [200] },
							expiration: { maxEntries: 1 }
						}
					}
				],
				cleanupOutdatedCaches: true,
				// Background Sync for the document outbox: wakes open windows to send (static/sw-sync.js).
				importScripts: ['/sw-sync.js']
			}
		})
	],
	server: {
		// `npm run dev` serves the page on :5173 and forwards /api to `wrangler dev` on :8787.
		proxy: { '/api': 'http://127.0.0.1:8787' }
	},
	build: { target: 'es2022' },
	test: {
		projects: [
			{
				// The page's plugins too (SvelteKit's `$lib` alias, Svelte's runes in `.svelte.ts` modules).
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'worker/**/*.spec.ts']
				}
			},
			'./tests/worker/vitest.config.ts',
			'./tests/security/vitest.config.ts'
		]
	}
});

import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A browser-only PWA: every route is rendered in the browser from one shell (index.html), which the
		// Worker's asset handler serves for every path that is not a file (single-page-application mode).
		adapter: adapter({ fallback: 'index.html', strict: true }),
		// The shell's inline bootstrap script is allowed by hash, never by 'unsafe-inline'.
		// worker/tools/headers.mjs copies the same hashes into the CSP response header (build/_headers),
		// which can also carry frame-ancestors (a <meta> CSP cannot).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// SvelteKit's route announcer (a live region for screen readers) is created with one fixed
				// style attribute. 'unsafe-hashes' plus its hash allows exactly that string and no other.
				'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self']
			}
		},
		version: { pollInterval: 0 }
	}
};

export default config;

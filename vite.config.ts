import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		// `npm run dev` serves the page on :5173 and forwards /api to `wrangler dev` on :8787.
		proxy: { '/api': 'http://127.0.0.1:8787' }
	},
	build: { target: 'es2022' },
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'worker/**/*.spec.ts']
				}
			},
			'./tests/worker/vitest.config.ts'
		]
	}
});

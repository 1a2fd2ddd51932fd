import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './src/lib/i18n/paraglide-options.js';

export default defineConfig({
	plugins: [paraglideVitePlugin(paraglideOptions), sveltekit()],
	server: { port: 5173 },
	test: {
		projects: [
			{
				// Pure domain logic and components-free modules: no database, no browser.
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					exclude: ['src/**/*.db.test.ts'],
					environment: 'node'
				}
			},
			{
				// Everything that needs a database: runs on SQLite, and on PostgreSQL when
				// TEST_DATABASE_URL is set. Each test file gets a fresh database.
				extends: true,
				test: {
					name: 'db',
					include: ['src/**/*.db.test.ts', 'tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 20_000,
					hookTimeout: 30_000
				}
			},
			{
				// Tests against the built server in child processes (tests/support/built-server.ts):
				// several instances, kill -9, the authorization matrix. Needs `npm run build` first;
				// on PostgreSQL when TEST_DATABASE_URL is set. One file at a time: each starts servers.
				extends: true,
				test: {
					name: 'server',
					include: ['tests/server/**/*.test.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 180_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});

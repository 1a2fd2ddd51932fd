import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Browser tests against the built app (`npm run build` first; `npm test` does that). The server
 * starts on a fresh SQLite file with the demo data, so every run begins from the same state.
 * The browser is Debian's Chromium: never run `npx playwright install` (no downloads here).
 */

// E2E_PORT lets a second run share the checkout (another terminal) without sharing a server,
// database or report; by default everything lives at the names below.
const PORT = Number(process.env.E2E_PORT ?? 4174);
const SUFFIX = PORT === 4174 ? '' : `-${PORT}`;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DB_FILE = `tests/.output/e2e${SUFFIX}.db`;
// The server runs from a copy of build/, so a rebuild in the same checkout (another terminal, an
// editor's task) cannot swap files under the running server.
const APP_DIR = `tests/.output/app${SUFFIX}`;
const JSON_REPORT = process.env.E2E_JSON_REPORT ?? `tests/.output/playwright${SUFFIX}.json`;
// Debian's headless shell (package chromium-headless-shell), where installed: the same engine
// without the full browser's windows, and Playwright's own choice for headless runs. On 2 cores it
// takes about half the CPU time of /usr/bin/chromium for the same pages.
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.test.ts',
	outputDir: `tests/.output/playwright-artifacts${SUFFIX}`,
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: 0,
	// A 2-core machine: one core for the server, one per browser worker is already plenty.
	workers: 2,
	// Journeys sign in several times (argon2 is slow on purpose) and run axe on every page.
	timeout: 60_000,
	expect: { timeout: 5_000 },
	reporter: [['list'], ['json', { outputFile: JSON_REPORT }]],
	use: {
		baseURL: BASE_URL,
		locale: 'nl-NL',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: CHROMIUM_PATH,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		command: [
			`rm -rf ${DB_FILE} ${DB_FILE}-wal ${DB_FILE}-shm ${DB_FILE}-journal ${APP_DIR}`,
			`mkdir -p tests/.output`,
			`test -f build/index.js || { echo 'No build/: run npm run build first' >&2; exit 1; }`,
			`cp -r build ${APP_DIR}`,
			`node ${APP_DIR}`
		].join(' && '),
		url: `${BASE_URL}/healthz`,
		timeout: 60_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE_URL,
			REGIE_DEMO: '1',
			DATABASE_URL: `file:${DB_FILE}`,
			NODE_ENV: 'test'
		}
	}
});

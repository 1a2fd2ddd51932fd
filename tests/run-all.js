#!/usr/bin/env node
// The whole test suite, as `npm test` runs it:
//   1. vitest, projects unit and db (db on PostgreSQL when TEST_DATABASE_URL is set)
//   2. npm run build (the browser and server tests run against the built app)
//   3. playwright (tests/e2e, see playwright.config.ts)
//   4. vitest project server (tests/server: built server processes, kill -9, authorization matrix)
// Output streams as it comes; at the end one line per suite and the total, as the last line:
//   N passed, N failed[, N skipped]
// The totals are also written to tests/.output/totals-<all|db>.json (used by .ci/run).
// Exit code 1 when a step fails, a report is missing, or a suite ran no tests at all.
//
//   node tests/run-all.js            everything
//   node tests/run-all.js --db-only  the vitest "db" and "server" projects (the PostgreSQL pass in CI)
//
// Plain Node (ESM), no dependencies.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(root, 'tests', '.output');
const args = process.argv.slice(2);
const dbOnly = args.includes('--db-only');
const unknown = args.filter((arg) => arg !== '--db-only');
if (unknown.length > 0) {
	console.error(`run-all: unknown argument(s): ${unknown.join(' ')}\nusage: node tests/run-all.js [--db-only]`);
	process.exit(2);
}

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, ok: boolean, seconds: number, note?: string }} SuiteResult */
/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

/**
 * Run a command with inherited output; resolves to its exit code and how long it took.
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ code: number, seconds: number }>}
 */
function run(command, commandArgs, env = {}) {
	const started = Date.now();
	console.log(`\n▶ ${[command, ...commandArgs].join(' ')}\n`);
	return new Promise((resolvePromise) => {
		const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
		child.on('error', (error) => {
			console.error(`run-all: could not start ${command}: ${error.message}`);
			resolvePromise({ code: 127, seconds: (Date.now() - started) / 1000 });
		});
		child.on('exit', (code, signal) => {
			const seconds = (Date.now() - started) / 1000;
			if (signal) console.error(`run-all: ${command} stopped by ${signal}`);
			resolvePromise({ code: code ?? 1, seconds });
		});
	});
}

/** @param {string} file */
function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/**
 * vitest's JSON reporter (Jest-compatible): numPassedTests, numFailedTests, numPendingTests, numTodoTests.
 * @param {string} name
 * @param {string[]} projectArgs
 * @param {string} reportFile
 * @returns {Promise<SuiteResult>}
 */
async function vitest(name, projectArgs, reportFile) {
	rmSync(reportFile, { force: true });
	const { code, seconds } = await run('npx', [
		'vitest',
		'run',
		...projectArgs,
		'--reporter=default',
		'--reporter=json',
		`--outputFile=${reportFile}`
	]);
	const report = readJson(reportFile);
	if (!report) return { name, passed: 0, failed: 0, skipped: 0, ok: false, seconds, note: `no report at ${reportFile} (exit code ${code})` };
	const passed = report.numPassedTests ?? 0;
	const failed = report.numFailedTests ?? 0;
	const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
	// A file that fails to load counts no test but fails the run.
	const failedFiles = report.numFailedTestSuites ?? 0;
	const note = code !== 0 && failed === 0 ? `exit code ${code}${failedFiles ? `, ${failedFiles} file(s) failed to run` : ''}` : undefined;
	return { name, passed, failed, skipped, ok: code === 0 && failed === 0 && passed > 0, seconds, note };
}

/**
 * Playwright's JSON reporter: stats.expected / unexpected / flaky / skipped.
 * @param {string} reportFile
 * @returns {Promise<SuiteResult>}
 */
async function playwright(reportFile) {
	rmSync(reportFile, { force: true });
	const { code, seconds } = await run('npx', ['playwright', 'test'], { E2E_JSON_REPORT: reportFile });
	const report = readJson(reportFile);
	const stats = report?.stats;
	if (!stats) return { name: 'playwright', passed: 0, failed: 0, skipped: 0, ok: false, seconds, note: `no report at ${reportFile} (exit code ${code})` };
	const passed = stats.expected ?? 0;
	const failed = (stats.unexpected ?? 0) + (stats.flaky ?? 0);
	const skipped = stats.skipped ?? 0;
	const errors = (report.errors ?? []).length;
	const note = code !== 0 && failed === 0 ? `exit code ${code}${errors ? `, ${errors} error(s) outside tests` : ''}` : undefined;
	return { name: 'playwright', passed, failed, skipped, ok: code === 0 && failed === 0 && passed > 0, seconds, note };
}

/** @param {Counts} counts */
function countsText({ passed, failed, skipped }) {
	return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

async function main() {
	mkdirSync(outputDir, { recursive: true });
	const started = Date.now();
	/** @type {SuiteResult[]} */
	const suites = [];
	/** @type {string[]} */
	const problems = [];

	const serverTests = () => vitest(dbOnly ? 'vitest server (db)' : 'vitest server', ['--project', 'server'], join(outputDir, `vitest-server${dbOnly ? '-db' : ''}.json`));
	if (dbOnly) {
		suites.push(await vitest('vitest db', ['--project', 'db'], join(outputDir, 'vitest-db.json')));
		// The server tests run the built app; build/ is there when `npm test` ran before (as in CI).
		const build = existsSync(join(root, 'build', 'index.js')) ? { code: 0 } : await run('npm', ['run', 'build']);
		if (build.code === 0) suites.push(await serverTests());
		else problems.push(`npm run build failed (exit code ${build.code}); server tests not run`);
	} else {
		suites.push(await vitest('vitest', ['--project', 'unit', '--project', 'db'], join(outputDir, 'vitest.json')));
		const build = await run('npm', ['run', 'build']);
		if (build.code === 0) {
			suites.push(await playwright(join(outputDir, 'playwright.json')));
			suites.push(await serverTests());
		} else {
			// Never test a stale build: the browser tests did not run, which fails the run.
			problems.push(`npm run build failed (exit code ${build.code}); browser tests not run`);
			suites.push({ name: 'playwright', passed: 0, failed: 0, skipped: 0, ok: false, seconds: 0, note: 'not run: the build failed' });
		}
	}

	for (const suite of suites) {
		if (suite.passed + suite.failed === 0) problems.push(`${suite.name} ran no tests${suite.note ? ` (${suite.note})` : ''}`);
		else if (!suite.ok && suite.note) problems.push(`${suite.name}: ${suite.note}`);
	}
	const totals = suites.reduce(
		(sum, suite) => ({ passed: sum.passed + suite.passed, failed: sum.failed + suite.failed, skipped: sum.skipped + suite.skipped }),
		{ passed: 0, failed: 0, skipped: 0 }
	);
	const ok = problems.length === 0 && suites.every((suite) => suite.ok);

	const name = dbOnly ? 'db' : 'all';
	writeFileSync(
		join(outputDir, `totals-${name}.json`),
		`${JSON.stringify({ name, ok, ...totals, suites, problems, seconds: (Date.now() - started) / 1000, database: process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite' }, null, 2)}\n`
	);

	console.log('\n──────── test summary ────────');
	for (const suite of suites) {
		console.log(`${suite.name.padEnd(12)} ${countsText(suite)}  (${suite.seconds.toFixed(1)} s)${suite.ok ? '' : '  ✗'}`);
	}
	for (const problem of problems) console.log(`problem: ${problem}`);
	console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
	console.log(countsText(totals));
	process.exitCode = ok ? 0 : 1;
}

if (!existsSync(join(root, 'package.json'))) {
	console.error(`run-all: no package.json in ${root}`);
	process.exit(2);
}
main().catch((error) => {
	console.error(error);
	console.log('0 passed, 1 failed');
	process.exit(1);
});

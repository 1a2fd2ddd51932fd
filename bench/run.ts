import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { describeTarget, formatNumber, ratioToTarget, readFigures, targetMet } from './figures';

/**
 * `npm run bench`: every benchmark of the project, one after the other (each in its own process,
 * so that one's memory and server never weigh on the next), then one summary table of every figure
 * against its target. Exits 1 when a target is missed, 2 when a benchmark could not run.
 *
 *   npm run bench [-- --only=providers,survey-submit,aggregate] [--quick]
 *
 * --quick: aggregate over 100,000 responses only (the 1,000,000 database takes minutes to make).
 */

const benches: { name: string; script: string; quickArgs: string[] }[] = [
	{ name: 'providers', script: 'bench/providers/run.ts', quickArgs: [] },
	{ name: 'survey-submit', script: 'bench/survey-submit/run.ts', quickArgs: [] },
	{ name: 'aggregate', script: 'bench/aggregate/run.ts', quickArgs: ['--sizes=100000'] }
];

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const quick = process.argv.includes('--quick');
const unknown = only?.filter((name) => !benches.some((bench) => bench.name === name)) ?? [];
if (unknown.length > 0) {
	console.error(`bench: unknown benchmark(s) ${unknown.join(', ')}; known: ${benches.map((bench) => bench.name).join(', ')}`);
	process.exit(2);
}

const started = new Date().toISOString();
const failedToRun: string[] = [];
for (const bench of benches.filter((bench) => !only || only.includes(bench.name))) {
	console.log(`\n════ bench ${bench.name} ════`);
	const run = spawnSync('npx', ['tsx', bench.script, ...(quick ? bench.quickArgs : [])], { stdio: 'inherit' });
	// Exit code 1 is "a target missed"; anything else means the benchmark itself failed.
	if (run.status !== 0 && run.status !== 1) failedToRun.push(`${bench.name} (exit code ${run.status ?? run.signal})`);
}

const rows: string[][] = [['benchmark', 'figure', 'target', 'measured', 'ratio', '']];
let missed = 0;
for (const bench of benches) {
	const recorded = readFigures(bench.name);
	if (!recorded || recorded.at < started) continue; // not run now: an older file says nothing about this code
	for (const figure of recorded.figures) {
		const met = targetMet(figure);
		if (!met) missed++;
		rows.push([bench.name, figure.figure, describeTarget(figure), formatNumber(figure.measured, figure.unit), ratioToTarget(figure)?.toFixed(2) ?? '–', met ? 'PASS' : 'MISS']);
	}
}
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
console.log('\n════ summary ════');
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
console.log(`\nratio = measured / target; load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
for (const failure of failedToRun) console.log(`could not run: ${failure}`);
process.exit(failedToRun.length > 0 ? 2 : missed > 0 ? 1 : 0);

// The provider list under load (issue 3): the signed-in client's SSR list page and the open-data
// API, against a bare page of the same build in the same run. Run with `npm run bench:providers`
// (= `tsx bench/providers/run.ts`); it builds first when `build/` is missing or older than the
// migrations, `--build` always does. Exits 1 when a target is missed, 2 when the run fails.
// To find where the time goes: `--only=list` (or `list-rendered`, `api`, `bare`, `bare-anonymous`) measures one page, and
// `--profile=DIR` runs the server with `node --cpu-prof` and leaves the profile in DIR (open it in
// Chrome DevTools or summarise it with `tsx bench/providers/profile-summary.ts DIR/*.cpuprofile`).
import autocannon from 'autocannon';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed';
import { prepareBenchDatabase } from './generate';
import { recordFigures } from '../figures';
import { benchWorkspace, ensureCurrentBuild, signIn, type RunningServer } from './server';

const PROVIDERS = 500;
const CONNECTIONS = 50;
const DURATION_SECONDS = 10;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 100;
/** The list page when its HTML is not kept (a new address each request): what a list costs the first time. */
const LIST_RENDERED = 'list, rendered each time';

interface Figures {
	name: string;
	path: string;
	requestsPerSecond: number;
	p50: number;
	p99: number;
	failed: number;
	bytes: number;
	/** Server CPU time per answered request: what the page costs, whatever else runs on the machine. */
	cpuMsPerRequest: number | null;
}


/**
 * Measures one page. With `everyRequestNew`, each request adds a parameter of its own to the
 * address (one the page ignores): the page then finds no kept HTML and renders every time.
 */
async function measure(server: RunningServer, name: string, path: string, headers: Record<string, string>, everyRequestNew = false): Promise<Figures> {
	const url = server.origin + path;
	let requestNumber = 0;
	const requests = everyRequestNew ? [{ setupRequest: (request: { path: string }) => ({ ...request, path: `${path}&bench=${++requestNumber}` }) }] : undefined;
	const check = await fetch(url, { headers, redirect: 'manual' });
	const bytes = (await check.arrayBuffer()).byteLength;
	if (check.status !== 200) {
		const hint = path.startsWith('/api/') && check.status === 404 ? ' (is build/ older than the API? run with --build)' : '';
		throw new Error(`${name}: GET ${path} answered HTTP ${check.status}${hint}`);
	}
	await autocannon({ url, connections: 10, duration: 2, headers, requests }); // warm-up, not counted
	const cpuBefore = server.cpuMs();
	const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, headers, requests });
	const cpuAfter = server.cpuMs();
	return {
		name,
		path,
		requestsPerSecond: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		failed: result.non2xx + result.errors + result.timeouts,
		bytes,
		cpuMsPerRequest: cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : (cpuAfter - cpuBefore) / result.requests.total
	};
}

function printTable(rows: Figures[]): void {
	const line = (cells: string[]) => console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(52) : cell.padStart(10))).join(' '));
	line(['', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'KiB', 'CPU ms/req']);
	for (const row of rows) {
		const cpu = row.cpuMsPerRequest === null ? '?' : row.cpuMsPerRequest.toFixed(2);
		line([`${row.name} ${row.path}`, row.requestsPerSecond.toFixed(0), row.p50.toFixed(1), row.p99.toFixed(1), String(row.failed), (row.bytes / 1024).toFixed(1), cpu]);
	}
}

function option(name: string): string | undefined {
	return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<number> {
	const only = option('only');
	const profileDir = option('profile');
	ensureCurrentBuild();
	const workspace = benchWorkspace('regie-bench-providers');
	const { file } = workspace;
	try {
		const register = await prepareBenchDatabase(file, PROVIDERS);
		const server = await workspace.start(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : []);
		const cookie = await signIn(server.origin, 'client@demo.regie.nl', DEMO_PASSWORD);
		console.log(`Providers: ${register.total} in the register (${register.active} active), SQLite ${file}`);
		console.log(`Server: node build (a copy) at ${server.origin}; autocannon ${CONNECTIONS} connections × ${DURATION_SECONDS} s per page, on the same ${availableParallelism()} cores\n`);

		// The bare page gets the same session cookie, so both pay the same session check in the hook.
		const signedIn = { cookie };
		if (only) {
			const pages: Record<string, [string, string, Record<string, string>]> = {
				bare: ['bare page, signed in', '/privacy', signedIn],
				'bare-anonymous': ['bare page, anonymous', '/privacy', {}],
				list: ['list page, signed in', '/aanbieders?regio=alle', signedIn],
				'list-rendered': [LIST_RENDERED, '/aanbieders?regio=alle', signedIn],
				api: ['open-data API', '/api/v1/providers?page_size=50', {}]
			};
			const chosen = pages[only];
			if (!chosen) throw new Error(`--only takes one of ${Object.keys(pages).join(', ')}`);
			printTable([await measure(server, ...chosen, only === 'list-rendered')]);
			return 0;
		}
		const bare = await measure(server, 'bare page, signed in', '/privacy', signedIn);
		const list = await measure(server, 'list page, signed in', '/aanbieders?regio=alle', signedIn);
		const api = await measure(server, 'open-data API', '/api/v1/providers?page_size=50', {});
		const anonymousBare = await measure(server, 'bare page, anonymous (for reference)', '/privacy', {});
		const listRendered = await measure(server, LIST_RENDERED, '/aanbieders?regio=alle', signedIn, true);
		printTable([bare, list, api, anonymousBare, listRendered]);

		const allAnswered = [bare, list, api, anonymousBare, listRendered].every((row) => row.failed === 0);
		if (!allAnswered) console.log('\nFAIL  some requests failed (see the table)');
		const met = recordFigures('providers', [
			{ figure: 'list/bare throughput ratio', measured: (list.requestsPerSecond / bare.requestsPerSecond) * 100, target: TARGET_RATIO * 100, unit: '%', kind: 'min' },
			{ figure: 'list page p99', measured: list.p99, target: TARGET_P99_MS, unit: 'ms', kind: 'max' },
			{ figure: 'API p99', measured: api.p99, target: TARGET_P99_MS, unit: 'ms', kind: 'max' }
		]);
		if (list.cpuMsPerRequest && bare.cpuMsPerRequest) {
			// Other processes on the same cores lower throughput but hardly the CPU a request costs.
			const cpuRatio = bare.cpuMsPerRequest / list.cpuMsPerRequest;
			console.log(`info  list/bare ratio from server CPU per request: ${(cpuRatio * 100).toFixed(1)} % (throughput ratio on an otherwise idle machine)`);
		}
		console.log(`info  load average at the end: ${loadavg().map((value) => value.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
		return met && allAnswered ? 0 : 1;
	} finally {
		await workspace.cleanUp();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`bench:providers failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(2);
	}
);

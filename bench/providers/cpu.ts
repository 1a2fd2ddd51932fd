// What a page costs the server in CPU time: the built server in a child process answers one
// request at a time, the pages taking turns in blocks, and the server's CPU time (/proc) per block
// says what each answer cost. Other work on the machine changes these figures far less than it
// changes throughput and latency (which need the cores to themselves); the ratio of the bare
// page's cost to the list page's is the throughput ratio an otherwise idle server reaches.
// `npx tsx bench/providers/cpu.ts [seconds per page, default 10]` (uses build/, as run.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed';
import { prepareBenchDatabase } from './generate';
import { copyBuild, signIn, startServer } from './server';

const seconds = Number(process.argv[2] ?? 10);
const BLOCK = 100;
const workDir = mkdtempSync('/tmp/regie-bench-cpu-');

try {
	await prepareBenchDatabase(`${workDir}/regie.db`, 500);
	const server = await startServer(copyBuild(workDir), `${workDir}/regie.db`);
	try {
		const cookie = await signIn(server.origin, 'client@demo.regie.nl', DEMO_PASSWORD);
		const pages = [
			{ name: 'bare page, signed in', path: '/privacy', headers: { cookie } },
			{ name: 'list page, signed in', path: '/aanbieders?regio=alle', headers: { cookie } },
			{ name: 'open-data API', path: '/api/v1/providers?page_size=50', headers: {} }
		];
		const spent = pages.map(() => ({ ms: 0, count: 0, bytes: 0 }));
		const block = async (index: number, count: boolean) => {
			const page = pages[index]!;
			const before = server.cpuMs()!;
			for (let n = 0; n < BLOCK; n++) {
				const response = await fetch(server.origin + page.path, { headers: page.headers });
				const body = await response.arrayBuffer();
				if (response.status !== 200) throw new Error(`${page.path}: HTTP ${response.status}`);
				spent[index]!.bytes = body.byteLength;
			}
			if (count) {
				spent[index]!.ms += server.cpuMs()! - before;
				spent[index]!.count += BLOCK;
			}
		};
		// Warm up (JIT, caches); then take turns, so that a change in the machine's load hits all alike.
		for (let index = 0; index < pages.length; index++) await block(index, false);
		const end = Date.now() + seconds * 1000 * pages.length;
		while (Date.now() < end) for (let index = 0; index < pages.length; index++) await block(index, true);

		const bare = spent[0]!.ms / spent[0]!.count;
		console.log(`${''.padEnd(24)} ${'requests'.padStart(9)} ${'CPU ms/req'.padStart(11)} ${'KiB'.padStart(7)} ${'bare/this'.padStart(10)}`);
		pages.forEach((page, index) => {
			const { ms, count, bytes } = spent[index]!;
			const perRequest = ms / count;
			console.log(
				`${page.name.padEnd(24)} ${String(count).padStart(9)} ${perRequest.toFixed(3).padStart(11)} ${(bytes / 1024).toFixed(1).padStart(7)} ${`${((bare / perRequest) * 100).toFixed(1)} %`.padStart(10)}`
			);
		});
	} finally {
		await server.stop();
	}
} finally {
	rmSync(workDir, { recursive: true, force: true });
}

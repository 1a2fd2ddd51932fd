// Two or more builds side by side: is a change to the list page cheaper? Each build runs as its own
// server on a copy of one benchmark database; the builds and pages take turns in blocks of
// requests, one at a time, and the server CPU per request is counted (as cpu.ts does), so the
// machine's other load hits every build alike.
// `npx tsx bench/providers/compare-builds.ts SECONDS BUILD_DIR BUILD_DIR…`
// (e.g. a copy of build/ made before the change, and build/ after it).
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed';
import { prepareBenchDatabase } from './generate';
import { signIn, startServer, type RunningServer } from './server';

const [secondsArgument, ...builds] = process.argv.slice(2);
const seconds = Number(secondsArgument);
if (!(seconds > 0) || builds.length === 0) {
	console.error('usage: compare-builds.ts SECONDS BUILD_DIR [BUILD_DIR…]');
	process.exit(2);
}
const BLOCK = 50;
const paths = ['/privacy', '/aanbieders?regio=alle'];
const workDir = mkdtempSync('/tmp/regie-bench-compare-');
const servers: { server: RunningServer; cookie: string }[] = [];

try {
	await prepareBenchDatabase(`${workDir}/regie.db`, 500);
	writeFileSync(join(workDir, 'package.json'), JSON.stringify({ type: 'module' }));
	symlinkSync(resolve('node_modules'), join(workDir, 'node_modules'), 'dir');
	for (const [index, build] of builds.entries()) {
		// Own app copy and database per build: a newer build may bring a migration the other lacks.
		cpSync(build, join(workDir, `app${index}`), { recursive: true });
		cpSync(`${workDir}/regie.db`, `${workDir}/regie${index}.db`);
		const server = await startServer(join(workDir, `app${index}`), `${workDir}/regie${index}.db`);
		servers.push({ server, cookie: await signIn(server.origin, 'client@demo.regie.nl', DEMO_PASSWORD) });
	}
	const spent = servers.map(() => paths.map(() => ({ ms: 0, count: 0 })));
	const block = async (serverIndex: number, pathIndex: number, count: boolean) => {
		const { server, cookie } = servers[serverIndex]!;
		const before = server.cpuMs()!;
		for (let n = 0; n < BLOCK; n++) {
			const response = await fetch(server.origin + paths[pathIndex]!, { headers: { cookie } });
			await response.arrayBuffer();
			if (response.status !== 200) throw new Error(`${builds[serverIndex]} ${paths[pathIndex]}: HTTP ${response.status}`);
		}
		if (count) {
			spent[serverIndex]![pathIndex]!.ms += server.cpuMs()! - before;
			spent[serverIndex]![pathIndex]!.count += BLOCK;
		}
	};
	const round = async (count: boolean) => {
		for (let serverIndex = 0; serverIndex < servers.length; serverIndex++)
			for (let pathIndex = 0; pathIndex < paths.length; pathIndex++) await block(serverIndex, pathIndex, count);
	};
	await round(false); // warm-up: JIT, caches
	await round(false);
	const end = Date.now() + seconds * 1000;
	while (Date.now() < end) await round(true);

	console.log(`${'build'.padEnd(40)} ${'requests'.padStart(9)} ${'bare ms'.padStart(8)} ${'list ms'.padStart(8)} ${'bare/list'.padStart(10)}`);
	builds.forEach((build, index) => {
		const [bare, list] = spent[index]!.map(({ ms, count }) => ms / count) as [number, number];
		console.log(`${build.padEnd(40)} ${String(spent[index]![1]!.count).padStart(9)} ${bare.toFixed(3).padStart(8)} ${list.toFixed(3).padStart(8)} ${`${((bare / list) * 100).toFixed(1)} %`.padStart(10)}`);
	});
} finally {
	for (const { server } of servers) await server.stop();
	rmSync(workDir, { recursive: true, force: true });
}

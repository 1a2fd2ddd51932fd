// Where the server's CPU went, from a `node --cpu-prof` profile (see `--profile` in run.ts):
// the functions with the most self time, and the most inclusive time (the function and what it
// called). `tsx bench/providers/profile-summary.ts FILE.cpuprofile [rows]`.
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
	console.error('usage: tsx bench/providers/profile-summary.ts FILE.cpuprofile [rows]');
	process.exit(2);
}
const rows = Number(rowsArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const label = (node: ProfileNode) => {
	const { functionName, url, lineNumber } = node.callFrame;
	const where = url ? `${url.replace(/^.*\/(node_modules|app)\//, '$1/')}:${lineNumber + 1}` : '';
	return `${functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
	const micros = profile.timeDeltas[index] ?? 0;
	total += micros;
	const leaf = byId.get(id)!;
	self.set(label(leaf), (self.get(label(leaf)) ?? 0) + micros);
	const seen = new Set<string>();
	for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
		const name = label(byId.get(at)!);
		if (seen.has(name)) continue;
		seen.add(name);
		inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
	}
});

const print = (title: string, map: Map<string, number>) => {
	console.log(`\n${title}`);
	for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
		console.log(`${((micros / total) * 100).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
	}
};
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`);
print('self time', self);
print('inclusive time', inclusive);

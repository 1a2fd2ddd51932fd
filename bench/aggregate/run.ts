import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { sql } from 'kysely';
import type { UserActor } from '../../src/lib/domain/actor';
import { providerGroupOf, providerTypes, type ProviderGroup, type ProviderType } from '../../src/lib/domain/reference';
import { instrumentVersion1, surveyDomains, type SurveyDomain } from '../../src/lib/domain/survey/instrument';
import { migrateToLatest, openDatabase } from '../../src/lib/server/db/index';
import { standardTables } from '../../src/lib/server/services/research';

/**
 * bench:aggregate (issue 6). Generates 100,000 and 1,000,000 completed responses (every item
 * answered) across 500 providers in SQLite files, then times the four standard tables two ways in
 * the same run: through the application's own code path (`standardTables` in
 * services/research.ts: responses and answers read in batches, scored by the pure scoring module)
 * and as the most direct single SQL over the same tables. Both must give the same counts.
 * Each measurement runs in a child process of its own, so its peak RSS is its own.
 *
 *   npx tsx bench/aggregate/run.ts [--sizes=100000,1000000] [--fresh] [--repeat=N]
 *
 * The databases are kept in /tmp/regie-bench-aggregate/ and reused (--fresh makes them again).
 */

const DIR = '/tmp/regie-bench-aggregate';
const WAVE = 'bench';
const PROVIDERS = 500;
const self = fileURLToPath(import.meta.url);
const arg = (name: string) => process.argv.find((value) => value.startsWith(`--${name}=`))?.split('=')[1];

/** mulberry32: seeded, so every run measures the same data. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

async function generate(file: string, size: number): Promise<void> {
	rmSync(file, { force: true });
	rmSync(`${file}-wal`, { force: true });
	rmSync(`${file}-shm`, { force: true });
	const { db } = openDatabase({ url: file });
	await migrateToLatest(db);
	await db.destroy();

	const sqlite = new BetterSqlite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = OFF');
	const now = '2026-11-01T00:00:00.000Z';
	const random = seededRandom(size);
	const insertProvider = sqlite.prepare(
		'INSERT INTO providers (id, code, name, detailed_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'
	);
	sqlite.transaction(() => {
		for (let i = 0; i < PROVIDERS; i++) {
			const type = providerTypes[Math.floor(random() * providerTypes.length)]!;
			insertProvider.run(`bench-p${i}`, `B${String(i).padStart(4, '0')}`, `Bench ${i}`, type, now, now);
		}
	})();
	sqlite.prepare('INSERT INTO survey_waves (name, created_at) VALUES (?, ?)').run(WAVE, now);
	const insertResponse = sqlite.prepare(
		"INSERT INTO survey_responses (id, provider_id, wave, instrument_version, source, started_at, completed_at, overall) VALUES (?, ?, ?, 1, 'paper', ?, ?, ?)"
	);
	const insertAnswer = sqlite.prepare('INSERT INTO survey_answers (response_id, item_code, answer) VALUES (?, ?, ?)');
	const items = instrumentVersion1.items;
	const answers = ['ja', 'een_beetje', 'nee'] as const;
	const CHUNK = 20_000;
	const started = performance.now();
	for (let from = 0; from < size; from += CHUNK) {
		sqlite.transaction(() => {
			for (let n = from; n < Math.min(size, from + CHUNK); n++) {
				const id = `r${String(n).padStart(8, '0')}`;
				// Providers differ in how satisfied their clients are, so the groups differ too.
				const provider = Math.floor(random() * PROVIDERS);
				const lean = (provider % 7) / 10;
				const day = `2026-${String(1 + (n % 9)).padStart(2, '0')}-15T10:00:00.000Z`;
				insertResponse.run(id, `bench-p${provider}`, WAVE, day, day, 1 + Math.floor(random() * 10));
				for (const item of items) {
					const r = random();
					insertAnswer.run(id, item.code, answers[r < 0.3 + lean ? 0 : r < 0.65 + lean / 2 ? 1 : 2]!);
				}
			}
		})();
	}
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.exec('ANALYZE');
	sqlite.close();
	console.log(`  generated ${size.toLocaleString('en')} responses (${(size * items.length).toLocaleString('en')} answers) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

type Counts = Record<ProviderGroup, Record<SurveyDomain, Record<'nee' | 'een_beetje' | 'ja', number>>>;

/**
 * The four standard tables in one statement: per response and domain the sum of the reverse-coded
 * values and the number answered, kept when at least half the domain's items (rounded up) were
 * answered, categorised with the same integer comparisons as the scoring module, counted per
 * provider type (five types map to the three groups afterwards).
 */
const directSql = sql<{ detailed_type: string; domain: string; category: string; n: number }>`
	WITH per AS (
		SELECT r.instrument_version AS version, p.detailed_type, i.domain,
			SUM(CASE WHEN i.negative = 1
				THEN CASE a.answer WHEN 'ja' THEN 0 WHEN 'een_beetje' THEN 1 ELSE 2 END
				ELSE CASE a.answer WHEN 'ja' THEN 2 WHEN 'een_beetje' THEN 1 ELSE 0 END END) AS total,
			COUNT(*) AS answered
		FROM survey_responses r
		JOIN providers p ON p.id = r.provider_id
		JOIN survey_answers a ON a.response_id = r.id
		JOIN instrument_items i ON i.version = r.instrument_version AND i.code = a.item_code
		WHERE r.completed_at IS NOT NULL AND r.wave = ${WAVE}
		GROUP BY r.id, i.domain
	), sizes AS (
		SELECT version, domain, COUNT(*) AS items FROM instrument_items GROUP BY version, domain
	)
	SELECT per.detailed_type, per.domain,
		CASE WHEN 3 * per.total < 2 * per.answered THEN 'nee' WHEN 3 * per.total > 4 * per.answered THEN 'ja' ELSE 'een_beetje' END AS category,
		COUNT(*) AS n
	FROM per JOIN sizes ON sizes.version = per.version AND sizes.domain = per.domain
	WHERE 2 * per.answered >= sizes.items
	GROUP BY per.detailed_type, per.domain, category`;

function emptyCounts(): Counts {
	const domains = () => Object.fromEntries(surveyDomains.map((domain) => [domain, { nee: 0, een_beetje: 0, ja: 0 }])) as Counts[ProviderGroup];
	return { public: domains(), semi_public: domains(), private: domains() };
}

/** Child process: time both ways on one database file and print one JSON line. */
async function measure(file: string, repeat: number): Promise<void> {
	const { db } = openDatabase({ url: file });
	const researcher: UserActor = { kind: 'user', id: 'bench', role: 'researcher', displayName: 'Bench', email: 'bench@example.org', organisationId: null, providerId: null };
	const selection = { waves: [WAVE], organisations: [], benefits: [], from: null, to: null };
	const app: number[] = [];
	const direct: number[] = [];
	const appCpu: number[] = [];
	const directCpu: number[] = [];
	const cpuMs = (since: NodeJS.CpuUsage) => {
		const used = process.cpuUsage(since);
		return (used.user + used.system) / 1000;
	};
	let appCounts = emptyCounts();
	let sqlCounts = emptyCounts();
	let rssPeakApp = 0;
	for (let run = 0; run < repeat; run++) {
		let started = performance.now();
		let cpu = process.cpuUsage();
		const tables = await standardTables(db, researcher, selection);
		app.push(performance.now() - started);
		appCpu.push(cpuMs(cpu));
		rssPeakApp = Math.max(rssPeakApp, process.resourceUsage().maxRSS);
		appCounts = emptyCounts();
		for (const { table } of tables.domains) {
			for (const row of table.rows) {
				if (row.group === 'total') continue;
				appCounts[row.group as ProviderGroup][table.domain] = { nee: row.n.nee, een_beetje: row.n.een_beetje, ja: row.n.ja };
			}
		}
		started = performance.now();
		cpu = process.cpuUsage();
		const rows = (await directSql.execute(db)).rows;
		direct.push(performance.now() - started);
		directCpu.push(cpuMs(cpu));
		sqlCounts = emptyCounts();
		for (const row of rows) {
			const group = providerGroupOf(row.detailed_type as ProviderType);
			sqlCounts[group][row.domain as SurveyDomain][row.category as 'nee' | 'een_beetje' | 'ja'] += Number(row.n);
		}
	}
	await db.destroy();
	console.log(
		JSON.stringify({
			app,
			direct,
			appCpu,
			directCpu,
			same: JSON.stringify(appCounts) === JSON.stringify(sqlCounts),
			appCounts: appCounts.public.maatwerk,
			sqlCounts: sqlCounts.public.maatwerk,
			rssPeakAppMiB: rssPeakApp / 1024,
			rssPeakMiB: process.resourceUsage().maxRSS / 1024
		})
	);
}

async function main(): Promise<void> {
	if (process.argv.includes('--measure')) {
		await measure(process.argv[process.argv.indexOf('--measure') + 1]!, Number(arg('repeat') ?? 1));
		return;
	}
	const sizes = (arg('sizes') ?? '100000,1000000').split(',').map(Number);
	mkdirSync(DIR, { recursive: true });
	console.log(`bench:aggregate — ${availableParallelism()} cores, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}, Node ${process.version}`);
	const summary: string[] = [];
	for (const size of sizes) {
		const file = `${DIR}/responses-${size}.db`;
		console.log(`\n${size.toLocaleString('en')} responses (${file})`);
		if (process.argv.includes('--fresh') || !existsSync(file)) await generate(file, size);
		const repeat = Number(arg('repeat') ?? (size <= 100_000 ? 3 : 1));
		const child = spawnSync(process.execPath, [...process.execArgv, self, '--measure', file, `--repeat=${repeat}`], { encoding: 'utf8', maxBuffer: 1 << 24 });
		if (child.status !== 0) throw new Error(`measurement failed:\n${child.stderr}`);
		const result = JSON.parse(child.stdout.trim().split('\n').pop()!);
		const best = (values: number[]) => Math.min(...values);
		const app = best(result.app);
		const direct = best(result.direct);
		const ratio = app / direct;
		const lines = [
			`  application path (standardTables): ${(app / 1000).toFixed(2)} s (runs: ${result.app.map((ms: number) => (ms / 1000).toFixed(2)).join(', ')})`,
			`  direct single SQL:                 ${(direct / 1000).toFixed(2)} s (runs: ${result.direct.map((ms: number) => (ms / 1000).toFixed(2)).join(', ')})`,
			`  CPU time (this process; less affected by other work on the machine): application ${(best(result.appCpu) / 1000).toFixed(2)} s, SQL ${(best(result.directCpu) / 1000).toFixed(2)} s, ratio ${(best(result.appCpu) / best(result.directCpu)).toFixed(2)}`,
			`  ratio app/SQL (wall): ${ratio.toFixed(2)} (target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'})`,
			`  same counts both ways: ${result.same ? 'yes' : 'NO'}`,
			`  peak RSS of the measuring process: ${result.rssPeakAppMiB.toFixed(0)} MiB after the application path, ${result.rssPeakMiB.toFixed(0)} MiB at the end`
		];
		if (size >= 1_000_000) lines.push(`  1,000,000 under 2 s: application ${app < 2000 ? 'yes' : 'NO'}, SQL ${direct < 2000 ? 'yes' : 'NO'}`);
		for (const line of lines) console.log(line);
		summary.push(`${size}: app ${(app / 1000).toFixed(2)} s, sql ${(direct / 1000).toFixed(2)} s, ratio ${ratio.toFixed(2)}, rss ${result.rssPeakMiB.toFixed(0)} MiB`);
	}
	console.log(`\nload average at the end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
	console.log(summary.join('\n'));
}

await main();

import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor, type UserActor } from '$lib/domain/actor';
import { instrumentVersion1 } from '$lib/domain/survey/instrument';
import { importPaperResponses } from '$lib/server/services/survey-import';
import { GET as getItems } from '../../src/routes/api/v1/survey/items/+server';
import { GET as getRates } from '../../src/routes/api/v1/survey/response-rates/+server';
import { GET as getTable } from '../../src/routes/api/v1/survey/tables/[domain]/+server';
import { seededActors } from '../support/demo-actors';
import { freshDatabase, type TestDatabase } from '../support/test-database';

// The research table API through its route handlers on a known imported paper wave: answers are
// built so that every expected count and percentage can be worked out by hand.

let testDb: TestDatabase;
const actors: Record<string, UserActor> = {};
const items = instrumentVersion1.items;
const now = new Date('2026-12-01T10:00:00.000Z');

function row(provider: string, day: string, coded: (code: string) => 'ja' | 'een_beetje' | 'nee' | null): string {
	const flip = { ja: 'nee', nee: 'ja', een_beetje: 'een_beetje' } as const;
	return [provider, day, ...items.map((item) => {
		const answer = coded(item.code);
		return answer === null ? '' : item.negative ? flip[answer] : answer;
	})].join(',');
}

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	for (const email of ['client', 'provider', 'reviewer.uwv', 'researcher', 'admin']) actors[email] = await actor(`${email}@demo.regie.nl`);
	const code = async (type: string) => (await testDb.db.selectFrom('providers').select('code').where('detailed_type', '=', type).orderBy('code').executeTakeFirstOrThrow()).code;
	const [pub, semi, priv] = [await code('municipal_reintegration'), await code('sheltered_employment'), await code('commercial')];
	// maatwerk: public 10 nee, 18 een_beetje, 22 ja (the brief's example row); semi-public none; private 23 nee, 57 een_beetje.
	const lines = ['provider,completed_on,' + items.map((item) => item.code).join(',')];
	const add = (count: number, provider: string, answer: 'ja' | 'een_beetje' | 'nee') => {
		for (let i = 0; i < count; i++) lines.push(row(provider, '2026-07-01', () => answer));
	};
	add(10, pub, 'nee');
	add(18, pub, 'een_beetje');
	add(22, pub, 'ja');
	add(23, priv, 'nee');
	add(57, priv, 'een_beetje');
	// One semi-public respondent who skipped everything but kd1: counted in no domain, in one item.
	lines.push(row(semi, '2026-07-01', (item) => (item === 'kd1' ? 'ja' : null)));
	const outcome = await importPaperResponses(testDb.db, actors.admin!, { wave: '2026-Q3', fileName: 'q3.csv', content: lines.join('\n') }, now);
	expect(outcome.kind).toBe('imported');
});
afterAll(() => testDb.close());

type Handler = typeof getTable | typeof getItems | typeof getRates;
function call(handler: Handler, path: string, actor: Actor, params: Record<string, string> = {}) {
	const url = new URL(`http://x${path}`);
	return (handler as (event: unknown) => Promise<Response>)({ url, params, request: new Request(url), locals: { db: testDb.db, actor, sessionId: null } });
}
const table = (query: string, actor: Actor = actors.researcher!, domain = 'maatwerk') => call(getTable, `/api/v1/survey/tables/${domain}?${query}`, actor, { domain });

describe('GET /api/v1/survey/tables/[domain]', () => {
	it('gives the standard table in the documented shape with exact counts and half-up percentages', async () => {
		const response = await table('wave=2026-Q3');
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		const body = await response.json();
		expect(body).toMatchObject({ domain: 'maatwerk', waves: ['2026-Q3'] });
		expect(body.rows).toEqual([
			{ group: 'public', n: { nee: 10, een_beetje: 18, ja: 22, total: 50 }, pct: { nee: 20, een_beetje: 36, ja: 44, total: 100 } },
			{ group: 'semi_public', n: { nee: 0, een_beetje: 0, ja: 0, total: 0 }, pct: { nee: null, een_beetje: null, ja: null, total: null } },
			// 23 of 80 is 28.8 (half up from the integers), 57 of 80 is 71.25 → 71.3
			{ group: 'private', n: { nee: 23, een_beetje: 57, ja: 0, total: 80 }, pct: { nee: 28.8, een_beetje: 71.3, ja: 0, total: 100 } },
			{ group: 'total', n: { nee: 33, een_beetje: 75, ja: 22, total: 130 }, pct: { nee: 25.4, een_beetje: 57.7, ja: 16.9, total: 100 } }
		]);
		// Two groups with respondents, three categories: df 2.
		expect(body.chi_square.df).toBe(2);
		expect(Object.keys(body.chi_square)).toEqual(['statistic', 'df', 'p_value']);
		// Independently: expected counts rowTotal × colTotal / 130.
		const observed = [[10, 18, 22], [23, 57, 0]];
		const columns = [33, 75, 22];
		let statistic = 0;
		observed.forEach((counts, i) => counts.forEach((count, j) => {
			const expected = ([50, 80][i]! * columns[j]!) / 130;
			statistic += (count - expected) ** 2 / expected;
		}));
		expect(body.chi_square.statistic).toBeCloseTo(statistic, 10);
		// df 2: p = exp(-statistic / 2)
		expect(body.chi_square.p_value).toBeCloseTo(Math.exp(-statistic / 2), 12);
	});

	it('gives the same numbers as Dutch and as international CSV, and as XLSX', async () => {
		const nl = await table('wave=2026-Q3&format=csv&csv=nl');
		expect(nl.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(nl.headers.get('content-disposition')).toBe('attachment; filename="regie-maatwerk-2026-Q3.csv"');
		const nlBytes = new Uint8Array(await nl.arrayBuffer());
		// A byte-order mark for Excel with Dutch settings.
		expect([...nlBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const nlLines = new TextDecoder().decode(nlBytes).split('\r\n');
		expect(nlLines[0]).toBe('group;nee_n;nee_pct;een_beetje_n;een_beetje_pct;ja_n;ja_pct;total_n;total_pct');
		expect(nlLines[3]).toBe('private;23;28,8;57;71,3;0;0,0;80;100,0');
		const international = (await (await table('wave=2026-Q3&format=csv')).text()).split('\r\n');
		expect(international[1]).toBe('public,10,20.0,18,36.0,22,44.0,50,100.0');
		expect(international[2]).toBe('semi_public,0,,0,,0,,0,');
		const xlsx = await table('wave=2026-Q3&format=xlsx');
		expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
		const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
		const text = (name: string) => strFromU8(files[name]!);
		// Two sheets (the table, the chi-square test); numbers stored as numbers, percentages as fractions shown as 0.0%.
		expect(text('xl/workbook.xml')).toMatch(/name="maatwerk".*name="chi_square"/s);
		expect(text('xl/styles.xml')).toContain('formatCode="0.0%"');
		const sheet = text('xl/worksheets/sheet1.xml');
		expect(sheet).toMatch(/<c r="B4"[^>]*><v>23<\/v><\/c>/);
		expect(sheet).toMatch(/<c r="C4"[^>]*s="\d+"[^>]*><v>0\.288<\/v><\/c>/);
	});

	it('gives all four tables at once: JSON, one long CSV with a domain column, a workbook', async () => {
		const body = await (await table('wave=2026-Q3', actors.researcher, 'all')).json();
		expect(body.tables.map((entry: { domain: string }) => entry.domain)).toEqual(['maatwerk', 'kwaliteit', 'meerwaarde', 'vaardigheden']);
		expect(body.tables[0]).toEqual(await (await table('wave=2026-Q3')).json());
		const csv = (await (await table('wave=2026-Q3&format=csv', actors.researcher, 'all')).text()).split('\r\n');
		expect(csv[0]).toBe('domain,group,nee_n,nee_pct,een_beetje_n,een_beetje_pct,ja_n,ja_pct,total_n,total_pct');
		expect(csv).toHaveLength(1 + 16 + 1);
		expect(csv[3]).toBe('maatwerk,private,23,28.8,57,71.3,0,0.0,80,100.0');
		const xlsx = await table('wave=2026-Q3&format=xlsx', actors.researcher, 'all');
		expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="regie-all-2026-Q3.xlsx"');
		expect((await table('wave=2026-Q3&breakdown=provider', actors.researcher, 'all')).status).toBe(400);
	});

	it('breaks down per provider only from the publication minimum on', async () => {
		const body = await (await table('wave=2026-Q3&breakdown=provider')).json();
		// Both providers have 50 and 80 respondents (minimum 30); no cell is 1–4.
		expect(body.rows.map((row: { group: string; n: unknown }) => [row.group, row.n])).toEqual([
			['public', { nee: 10, een_beetje: 18, ja: 22, total: 50 }],
			['private', { nee: 23, een_beetje: 57, ja: 0, total: 80 }]
		]);
		expect(body.withheld).toBe(0);
	});

	it('answers 400 for an unknown domain or parameter and 404 for an unknown wave, with a message', async () => {
		const domain = await table('wave=2026-Q3', actors.researcher, 'geluk');
		expect(domain.status).toBe(400);
		expect(await domain.json()).toMatchObject({ parameter: 'domain' });
		const wave = await table('wave=2031-Q1');
		expect(wave.status).toBe(404);
		expect(await wave.json()).toEqual({ error: 'unknown wave "2031-Q1"', parameter: 'wave' });
		expect((await table('wave=2026-Q3&colour=red')).status).toBe(400);
		expect((await table('organisation=nowhere')).status).toBe(400);
	});

	it('audit-logs every download with who and which selection', async () => {
		const before = (await testDb.db.selectFrom('audit_log').select('id').where('action', '=', 'research.download').execute()).length;
		await table('wave=2026-Q3&format=csv&csv=nl&benefit=WW');
		const entries = await testDb.db.selectFrom('audit_log').selectAll().where('action', '=', 'research.download').orderBy('occurred_at', 'desc').execute();
		expect(entries).toHaveLength(before + 1);
		const latest = entries.find((entry) => JSON.parse(entry.details).selection.benefits.includes('WW'))!;
		expect(latest).toMatchObject({ actor_id: actors.researcher!.id, entity_id: 'maatwerk' });
		expect(JSON.parse(latest.details)).toMatchObject({ format: 'csv-nl', selection: { waves: ['2026-Q3'], benefits: ['WW'] } });
	});
});

describe('GET /api/v1/survey/items and /response-rates', () => {
	it('gives item distributions after reverse coding with n per item', async () => {
		const response = await call(getItems, '/api/v1/survey/items?wave=2026-Q3', actors.researcher!);
		expect(response.status).toBe(200);
		const body = await response.json();
		const kd1 = body.items.find((item: { item: string }) => item.item === 'kd1');
		expect(kd1).toEqual({ item: 'kd1', domain: 'kwaliteit', negative: false, n: { nee: 33, een_beetje: 75, ja: 23, total: 131 }, pct: { nee: 25.2, een_beetje: 57.3, ja: 17.6, total: 100 } });
		const mw5 = body.items.find((item: { item: string }) => item.item === 'mw5');
		expect(mw5).toMatchObject({ negative: true, n: { nee: 33, een_beetje: 75, ja: 22, total: 130 } });
		const csv = await (await call(getItems, '/api/v1/survey/items?wave=2026-Q3&format=csv', actors.researcher!)).text();
		expect(csv.split('\r\n')[1]).toBe('mw1,maatwerk,0,33,25.4,75,57.7,22,16.9,130,100.0');
	});

	it('gives response rates per group for the wave (paper responses have no invitations)', async () => {
		const body = await (await call(getRates, '/api/v1/survey/response-rates?wave=2026-Q3', actors.researcher!)).json();
		expect(body.rows).toHaveLength(4);
		expect(body.rows[3]).toEqual({ wave: '2026-Q3', group: 'total', invitations_sent: 0, started: 0, completed: 0, completion_rate_pct: null });
	});
});

describe('authorization of every endpoint', () => {
	const endpoints: [string, (actor: Actor) => Promise<Response>][] = [
		['tables', (actor) => table('wave=2026-Q3', actor)],
		['tables csv', (actor) => table('wave=2026-Q3&format=csv', actor)],
		['tables unknown domain', (actor) => table('wave=x', actor, 'geluk')],
		['all tables', (actor) => table('wave=2026-Q3', actor, 'all')],
		['items', (actor) => call(getItems, '/api/v1/survey/items?wave=2026-Q3', actor)],
		['response rates', (actor) => call(getRates, '/api/v1/survey/response-rates?wave=nope', actor)]
	];

	it('answers 401 without a session and 403 to every role but the researcher, before reading the request', async () => {
		for (const [name, request] of endpoints) {
			const response = await request(anonymous);
			expect(response.status, name).toBe(401);
			expect(response.headers.get('WWW-Authenticate'), name).toBe('Bearer');
			expect(await response.json(), name).toHaveProperty('error');
			for (const role of ['client', 'provider', 'reviewer.uwv', 'admin']) {
				const forbidden = await request(actors[role]!);
				expect(forbidden.status, `${name} ${role}`).toBe(403);
				expect(await forbidden.json(), `${name} ${role}`).toEqual({ error: 'research tables are for researchers only' });
			}
		}
	});

	it('lets the researcher in', async () => {
		expect((await table('wave=2026-Q3', actors.researcher)).status).toBe(200);
		expect((await call(getItems, '/api/v1/survey/items?wave=2026-Q3', actors.researcher!)).status).toBe(200);
		expect((await call(getRates, '/api/v1/survey/response-rates?wave=2026-Q3', actors.researcher!)).status).toBe(200);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid } from '$lib/domain/errors';
import { instrumentVersion1 } from '$lib/domain/survey/instrument';
import type { ResearchSelection } from '$lib/schemas/research';
import { importPaperResponses } from './survey-import';
import { ensureWave } from './survey-invitations';
import { itemTables, providerBreakdown, recordResearchDownload, researchOverview, responseRates, standardTables, UnknownWave } from './research';

let testDb: TestDatabase;
let admin: UserActor;
let researcher: UserActor;
let reviewer: UserActor;
const codes = { public: '', private: '' };
const now = new Date('2026-12-01T10:00:00.000Z');
const items = instrumentVersion1.items;

/** A paper row whose answers, after reverse coding, are all `coded` (null: the item is skipped). */
function row(provider: string, day: string, coded: (code: string) => 'ja' | 'een_beetje' | 'nee' | null): string[] {
	const flip = { ja: 'nee', nee: 'ja', een_beetje: 'een_beetje' } as const;
	return [
		provider,
		day,
		...items.map((item) => {
			const answer = coded(item.code);
			return answer === null ? '' : item.negative ? flip[answer] : answer;
		})
	];
}

const selection = (extra: Partial<ResearchSelection> = {}): ResearchSelection => ({ waves: ['paper-2026'], organisations: [], benefits: [], from: null, to: null, ...extra });

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	researcher = await actor('researcher@demo.regie.nl');
	reviewer = await actor('reviewer.uwv@demo.regie.nl');
	const types = { public: 'municipal_reintegration', private: 'commercial' } as const;
	for (const group of ['public', 'private'] as const) {
		codes[group] = (await testDb.db.selectFrom('providers').select('code').where('detailed_type', '=', types[group]).orderBy('code').executeTakeFirstOrThrow()).code;
	}
	const rows = [
		['provider', 'completed_on', ...items.map((item) => item.code)],
		row(codes.public, '2026-07-01', () => 'ja'),
		row(codes.public, '2026-07-02', () => 'ja'),
		row(codes.public, '2026-07-03', () => 'nee'),
		row(codes.private, '2026-08-15', () => 'een_beetje'),
		row(codes.private, '2026-08-16', () => 'ja'),
		// Only mw1 answered: no score in any domain, but it counts for the item table.
		row(codes.private, '2026-08-17', (code) => (code === 'mw1' ? 'ja' : null))
	];
	const outcome = await importPaperResponses(testDb.db, admin, { wave: 'paper-2026', fileName: 'w.csv', content: rows.map((cells) => cells.join(';')).join('\n') }, now);
	expect(outcome.kind).toBe('imported');
});
afterAll(() => testDb.close());

describe('standardTables', () => {
	it('counts respondents with a score per group, with row percentages and the chi-square test without the empty group', async () => {
		const result = await standardTables(testDb.db, researcher, selection());
		expect(result.waves).toEqual(['paper-2026']);
		expect(result.responses).toBe(6);
		const maatwerk = result.domains.find((domain) => domain.table.domain === 'maatwerk')!;
		expect(maatwerk.table.rows).toEqual([
			{ group: 'public', n: { nee: 1, een_beetje: 0, ja: 2, total: 3 }, pct: { nee: 33.3, een_beetje: 0, ja: 66.7, total: 100 } },
			{ group: 'semi_public', n: { nee: 0, een_beetje: 0, ja: 0, total: 0 }, pct: { nee: null, een_beetje: null, ja: null, total: null } },
			{ group: 'private', n: { nee: 0, een_beetje: 1, ja: 1, total: 2 }, pct: { nee: 0, een_beetje: 50, ja: 50, total: 100 } },
			{ group: 'total', n: { nee: 1, een_beetje: 1, ja: 3, total: 5 }, pct: { nee: 20, een_beetje: 20, ja: 60, total: 100 } }
		]);
		// Computed by hand: expected counts 0.6 0.6 1.8 / 0.4 0.4 1.2, statistic 20/9, df 2, p = exp(-10/9).
		expect(maatwerk.chiSquare?.df).toBe(2);
		expect(maatwerk.chiSquare?.statistic).toBeCloseTo(20 / 9, 10);
		expect(maatwerk.chiSquare?.pValue).toBeCloseTo(Math.exp(-10 / 9), 10);
		expect(maatwerk.chiSquare?.lowExpected).toBe(true);
	});

	it('follows the period, and leaves out paper responses when an organisation or benefit type is chosen', async () => {
		const august = await standardTables(testDb.db, researcher, selection({ from: '2026-08-01', to: '2026-08-16' }));
		expect(august.responses).toBe(2);
		expect(august.domains[0]!.table.rows[3]!.n).toEqual({ nee: 0, een_beetje: 1, ja: 1, total: 2 });
		expect((await standardTables(testDb.db, researcher, selection({ organisations: ['uwv'] }))).responses).toBe(0);
		expect((await standardTables(testDb.db, researcher, selection({ benefits: ['WW'] }))).responses).toBe(0);
	});

	it('refuses an unknown wave or organisation, and everyone but a researcher', async () => {
		await expect(standardTables(testDb.db, researcher, selection({ waves: ['nope'] }))).rejects.toBeInstanceOf(UnknownWave);
		await expect(standardTables(testDb.db, researcher, selection({ organisations: ['nope'] }))).rejects.toBeInstanceOf(Invalid);
		for (const other of [admin, reviewer]) {
			await expect(standardTables(testDb.db, other, selection())).rejects.toBeInstanceOf(Forbidden);
			await expect(itemTables(testDb.db, other, selection())).rejects.toBeInstanceOf(Forbidden);
			await expect(responseRates(testDb.db, other, selection())).rejects.toBeInstanceOf(Forbidden);
			await expect(providerBreakdown(testDb.db, other, selection(), 2)).rejects.toBeInstanceOf(Forbidden);
		}
		await expect(standardTables(testDb.db, { kind: 'anonymous' }, selection())).rejects.toBeInstanceOf(Forbidden);
	});
});

describe('itemTables', () => {
	it('gives per item the distribution after reverse coding, with its own n', async () => {
		const { items: rows } = await itemTables(testDb.db, researcher, selection());
		expect(rows.map((item) => item.code)).toEqual(items.map((item) => item.code));
		const mw1 = rows.find((item) => item.code === 'mw1')!;
		expect(mw1.n).toEqual({ nee: 1, een_beetje: 1, ja: 4, total: 6 });
		const mw5 = rows.find((item) => item.code === 'mw5')!;
		expect(mw5).toMatchObject({ negative: true, n: { nee: 1, een_beetje: 1, ja: 3, total: 5 }, pct: { nee: 20, een_beetje: 20, ja: 60, total: 100 } });
	});
});

describe('providerBreakdown', () => {
	it('shows only providers from the minimum on, with small cells suppressed', async () => {
		const result = await providerBreakdown(testDb.db, researcher, selection(), 3);
		const maatwerk = result.domains.find((domain) => domain.domain === 'maatwerk')!;
		expect(maatwerk.withheld).toBe(1);
		expect(maatwerk.rows).toHaveLength(1);
		expect(maatwerk.rows[0]).toMatchObject({ providerCode: codes.public, group: 'public', total: 3 });
		expect(maatwerk.rows[0]!.cells).toEqual([
			{ cell: { kind: 'suppressed', reason: 'small' }, pct: null },
			{ cell: { kind: 'shown', n: 0 }, pct: 0 },
			{ cell: { kind: 'suppressed', reason: 'small' }, pct: null }
		]);
	});
});

describe('responseRates', () => {
	it('counts invitations sent, responses started and completed per group and in total', async () => {
		await ensureWave(testDb.db, 'online-2026', now);
		const trajectories = await testDb.db
			.selectFrom('trajectories')
			.innerJoin('providers', 'providers.id', 'trajectories.provider_id')
			.select(['trajectories.id', 'trajectories.provider_id', 'providers.detailed_type'])
			.orderBy('trajectories.id')
			.limit(4)
			.execute();
		expect(trajectories).toHaveLength(4);
		const groupOf = { municipal_reintegration: 'public', social_service: 'public', sheltered_employment: 'semi_public', municipal_company: 'semi_public', commercial: 'private' } as const;
		const expected = new Map<string, { sent: number; started: number; completed: number }>();
		const states = ['none', 'started', 'completed', 'completed'] as const;
		for (const [index, trajectory] of trajectories.entries()) {
			const state = states[index]!;
			for (const group of [groupOf[trajectory.detailed_type as 'commercial'], 'total']) {
				const entry = expected.get(group) ?? { sent: 0, started: 0, completed: 0 };
				entry.sent += 1;
				if (state !== 'none') entry.started += 1;
				if (state === 'completed') entry.completed += 1;
				expected.set(group, entry);
			}
			const invitationId = `inv-${index}`;
			await testDb.db
				.insertInto('survey_invitations')
				.values({ id: invitationId, secret_hash: `h${index}`, trajectory_id: trajectory.id, wave: 'online-2026', instrument_version: 1, created_at: now.toISOString(), expires_at: now.toISOString(), reminded_at: null, completed_at: null })
				.execute();
			if (state === 'none') continue;
			await testDb.db
				.insertInto('survey_responses')
				.values({ id: `resp-${index}`, invitation_id: invitationId, trajectory_id: trajectory.id, provider_id: trajectory.provider_id, wave: 'online-2026', instrument_version: 1, source: 'online', import_batch_id: null, started_at: now.toISOString(), completed_at: state === 'completed' ? now.toISOString() : null, overall: null, comment: null })
				.execute();
		}
		const { rows } = await responseRates(testDb.db, researcher, selection({ waves: ['online-2026'] }));
		expect(rows.map((rate) => rate.group)).toEqual(['public', 'semi_public', 'private', 'total']);
		expect(rows.find((rate) => rate.group === 'total')).toEqual({ wave: 'online-2026', group: 'total', sent: 4, started: 3, completed: 2, rate: 50 });
		for (const rate of rows) {
			const counts = expected.get(rate.group) ?? { sent: 0, started: 0, completed: 0 };
			expect(rate).toMatchObject(counts);
			expect(rate.rate).toBe(counts.sent > 0 ? Math.round((1000 * counts.completed) / counts.sent) / 10 : null);
		}
	});
});

describe('researchOverview and downloads', () => {
	it('gives the same tables as the single functions in one call', async () => {
		const overview = await researchOverview(testDb.db, researcher, selection(), 3);
		expect(overview.tables).toEqual(await standardTables(testDb.db, researcher, selection()));
		expect(overview.items).toEqual((await itemTables(testDb.db, researcher, selection())).items);
		expect(overview.breakdown).toEqual((await providerBreakdown(testDb.db, researcher, selection(), 3)).domains);
	});

	it('records who downloaded which selection', async () => {
		await recordResearchDownload(testDb.db, researcher, { view: 'maatwerk', format: 'csv', selection: selection() }, now);
		const entry = await testDb.db.selectFrom('audit_log').selectAll().where('action', '=', 'research.download').executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ actor_id: researcher.id, entity_id: 'maatwerk', occurred_at: now.toISOString() });
		expect(JSON.parse(entry.details)).toEqual({ format: 'csv', selection: selection() });
		await expect(recordResearchDownload(testDb.db, admin, { view: 'maatwerk', format: 'csv', selection: selection() })).rejects.toBeInstanceOf(Forbidden);
	});
});

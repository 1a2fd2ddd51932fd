import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import type { ResearchSelection } from '$lib/schemas/research';
import { demoUserId, ORG_GEMEENTE_UTRECHT_ID, ORG_GEMEENTE_ZWOLLE_ID } from '$lib/server/demo/seed';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { exportMicrodata, microdataChoices } from './microdata';
import { ensureWave } from './survey-invitations';
import { importPaperResponses } from './survey-import';

let testDb: TestDatabase;
let researcher: UserActor;
let admin: UserActor;
let providers: { id: string; code: string; detailed_type: string }[];
const now = new Date('2026-11-22T10:00:00.000Z');
const selection = (waves: string[], more: Partial<ResearchSelection> = {}): ResearchSelection => ({ waves, organisations: [], benefits: [], from: null, to: null, ...more });

async function unzip(stream: ReadableStream<Uint8Array>) {
	const parts: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
	}
	const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		bytes.set(part, at);
		at += part.length;
	}
	const files = unzipSync(bytes);
	const csv = Papa.parse<Record<string, string>>(strFromU8(files['microdata.csv']!), { header: true, skipEmptyLines: true });
	return { names: Object.keys(files).sort(), rows: csv.data, columns: csv.meta.fields ?? [], codebook: JSON.parse(strFromU8(files['datapackage.json']!)) };
}

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	researcher = await actor('researcher@demo.regie.nl');
	admin = await actor('admin@demo.regie.nl');
	providers = await testDb.db.selectFrom('providers').select(['id', 'code', 'detailed_type']).orderBy('code').execute();
	const publicProvider = providers.find((provider) => provider.detailed_type === 'social_service' || provider.detailed_type === 'municipal_reintegration')!;
	const privateProvider = providers.find((provider) => provider.detailed_type === 'commercial')!;
	const header = ['provider', 'completed_on', 'mw1', 'mw2', 'mw3', 'mw4', 'mw5', 'mw6', 'mw7', 'kd1', 'overall'];
	const file = [
		header,
		[publicProvider.code, '2006-03-01', 'ja', 'ja', 'ja', 'ja', 'nee', 'nee', 'ja', 'ja', '8'],
		[privateProvider.code, '2006-04-02', 'nee', 'nee', 'nee', 'nee', 'ja', 'ja', '', '', ''],
		[privateProvider.code, '2006-04-30', 'een_beetje', 'ja', 'ja', 'nee', '', '', '', 'nee', '10']
	]
		.map((row) => row.join(';'))
		.join('\n');
	const outcome = await importPaperResponses(testDb.db, admin, { wave: 'paper-2006', fileName: 'paper.csv', content: file }, now);
	expect(outcome.kind).toBe('imported');

	// Online responses: 31 paid by Utrecht (named), 2 by Zwolle (too few: only "gemeente").
	await ensureWave(testDb.db, '2026-Q4', now);
	const client = demoUserId('client2@demo.regie.nl');
	let n = 0;
	for (const [organisationId, count] of [[ORG_GEMEENTE_UTRECHT_ID, 31], [ORG_GEMEENTE_ZWOLLE_ID, 2]] as const) {
		for (let i = 0; i < count; i++) {
			n += 1;
			const trajectoryId = `traj-md-${n}`;
			await testDb.db
				.insertInto('trajectories')
				.values({ id: trajectoryId, client_id: client, provider_id: privateProvider.id, organisation_id: organisationId, status: 'completed', chosen_at: now.toISOString(), updated_at: now.toISOString(), ended_at: now.toISOString(), placed: 1 })
				.execute();
			await testDb.db
				.insertInto('survey_responses')
				.values({ id: `resp-md-${n}`, invitation_id: null, trajectory_id: trajectoryId, provider_id: privateProvider.id, wave: '2026-Q4', instrument_version: 1, source: 'online', import_batch_id: null, started_at: '2026-10-01T08:00:00.000Z', completed_at: '2026-10-01T08:30:00.000Z', overall: 6, comment: 'Mijn naam is Jan Jansen' })
				.execute();
			await testDb.db.insertInto('survey_answers').values({ response_id: `resp-md-${n}`, item_code: 'vh1', answer: 'ja' }).execute();
		}
	}
	// An unfinished response is never exported.
	await testDb.db
		.insertInto('survey_responses')
		.values({ id: 'resp-md-open', invitation_id: null, trajectory_id: null, provider_id: privateProvider.id, wave: '2026-Q4', instrument_version: 1, source: 'online', import_batch_id: null, started_at: now.toISOString(), completed_at: null, overall: null, comment: null })
		.execute();
});
afterAll(() => testDb.close());

describe('microdata export', () => {
	it('exports exactly the completed responses of a paper wave, with its codebook and nothing personal', async () => {
		const { stream, fileName } = await exportMicrodata(testDb.db, researcher, selection(['paper-2006']), 'api', now);
		expect(fileName).toBe('regie-microdata-paper-2006-2026-11-22.zip');
		const { names, rows, columns, codebook } = await unzip(stream);
		expect(names).toEqual(['datapackage.json', 'microdata.csv']);
		expect(codebook.resources[0].schema.fields.map((field: { name: string }) => field.name)).toEqual(columns);
		expect(codebook.rowCount).toBe(3);
		for (const forbidden of ['comment', 'name', 'email', 'trajectory_id', 'completed_at', 'completed_on', 'id', 'token']) expect(columns).not.toContain(forbidden);
		const sorted = [...rows].sort((a, b) => (a.completed_month! + a.overall!).localeCompare(b.completed_month! + b.overall!));
		expect(sorted.map((row) => [row.provider_group, row.completed_month, row.payer_kind, row.mw1, row.mw5, row.mw5_r, row.maatwerk_score, row.maatwerk_category, row.kwaliteit_category, row.overall])).toEqual([
			['public', '2006-03', '', 'ja', 'nee', '2', '2', 'ja', '', '8'],
			['private', '2006-04', '', 'nee', 'ja', '0', '0', 'nee', '', ''],
			['private', '2006-04', '', 'een_beetje', '', '', '1.25', 'een_beetje', '', '10']
		]);
		expect(new Set(rows.map((row) => row.respondent_id)).size).toBe(3);
	});

	it('names a gemeente only from 30 responses in the selection, and never leaks comments or exact dates', async () => {
		const { stream } = await exportMicrodata(testDb.db, researcher, selection(['2026-Q4']), 'portal', now);
		const { rows } = await unzip(stream);
		expect(rows).toHaveLength(33);
		const gemeenten = rows.map((row) => `${row.payer_kind}:${row.gemeente}`);
		expect(gemeenten.filter((value) => value === 'gemeente:gemeente-utrecht')).toHaveLength(31);
		expect(gemeenten.filter((value) => value === 'gemeente:')).toHaveLength(2);
		expect(rows.every((row) => row.benefit_type === 'bijstand' && row.completed_month === '2026-10')).toBe(true);
		const text = JSON.stringify(rows);
		for (const secret of ['Jan Jansen', '2026-10-01', 'traj-md', 'resp-md', 'client2']) expect(text).not.toContain(secret);
		// Only Utrecht selected: Utrecht still has 31 and is named; only Zwolle: 2, not named.
		const zwolle = await unzip((await exportMicrodata(testDb.db, researcher, selection(['2026-Q4'], { organisations: ['gemeente-zwolle'] }), 'api', now)).stream);
		expect(zwolle.rows.map((row) => row.gemeente)).toEqual(['', '']);
	});

	it('gives different respondent ids in every export of the same data', async () => {
		const first = await unzip((await exportMicrodata(testDb.db, researcher, selection(['2026-Q4', 'paper-2006']), 'api', now)).stream);
		const second = await unzip((await exportMicrodata(testDb.db, researcher, selection(['2026-Q4', 'paper-2006']), 'api', now)).stream);
		expect(first.rows).toHaveLength(36);
		const ids = new Set(first.rows.map((row) => row.respondent_id));
		expect(second.rows.filter((row) => ids.has(row.respondent_id!))).toEqual([]);
	});

	it('filters on benefit type and period', async () => {
		const ww = await unzip((await exportMicrodata(testDb.db, researcher, selection(['2026-Q4'], { benefits: ['WW'] }), 'api', now)).stream);
		expect(ww.rows).toHaveLength(0);
		const april = await unzip((await exportMicrodata(testDb.db, researcher, selection(['paper-2006'], { from: '2006-04-01', to: '2006-04-30' }), 'api', now)).stream);
		expect(april.rows).toHaveLength(2);
	});

	it('audit-logs every download with who and which selection', async () => {
		const before = await testDb.db.selectFrom('audit_log').select('id').where('action', '=', 'research.microdata.download').execute();
		await exportMicrodata(testDb.db, researcher, selection(['paper-2006'], { benefits: ['bijstand'] }), 'portal', now);
		const entries = await testDb.db.selectFrom('audit_log').selectAll().where('action', '=', 'research.microdata.download').orderBy('occurred_at').execute();
		expect(entries).toHaveLength(before.length + 1);
		const last = entries.find((entry) => !before.some((old) => old.id === entry.id))!;
		expect(last.actor_id).toBe(researcher.id);
		expect(JSON.parse(last.details)).toMatchObject({ via: 'portal', selection: { waves: ['paper-2006'], benefits: ['bijstand'] } });
	});

	it('requires a known wave, known organisations and a researcher', async () => {
		await expect(exportMicrodata(testDb.db, researcher, selection([]), 'api', now)).rejects.toBeInstanceOf(Invalid);
		await expect(exportMicrodata(testDb.db, researcher, selection(['nope']), 'api', now)).rejects.toBeInstanceOf(NotFound);
		await expect(exportMicrodata(testDb.db, researcher, selection(['2026-Q4'], { organisations: ['nope'] }), 'api', now)).rejects.toBeInstanceOf(NotFound);
		await expect(exportMicrodata(testDb.db, admin, selection(['2026-Q4']), 'api', now)).rejects.toBeInstanceOf(Forbidden);
		await expect(microdataChoices(testDb.db, admin)).rejects.toBeInstanceOf(Forbidden);
		const choices = await microdataChoices(testDb.db, researcher);
		expect(choices.waves).toEqual(expect.arrayContaining([{ name: '2026-Q4', completed: 33 }, { name: 'paper-2006', completed: 3 }]));
	});
});

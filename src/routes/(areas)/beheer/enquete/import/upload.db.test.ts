import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../../../tests/support/test-database';
import { seededActors } from '../../../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { instrumentVersion1 } from '$lib/domain/survey/instrument';
import { actions } from './+page.server';

/**
 * The upload action as a browser without JavaScript sends it (multipart form), against a real
 * database: the same import service as the command line, all or nothing.
 */

let testDb: TestDatabase;
let admin: UserActor;
let researcher: UserActor;
let publicCode: string;
let privateCode: string;
const items = instrumentVersion1.items.map((item) => item.code);

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	researcher = await actor('researcher@demo.regie.nl');
	const code = async (type: string) => (await testDb.db.selectFrom('providers').select('code').where('detailed_type', '=', type).executeTakeFirstOrThrow()).code;
	publicCode = await code('municipal_reintegration');
	privateCode = await code('commercial');
});
afterAll(() => testDb.close());

const header = ['provider', 'completed_on', ...items, 'overall'].join(',');
const row = (provider: string, day: string, answer: string, overall = '') => [provider, day, ...items.map(() => answer), overall].join(',');
const goodFile = () => [header, row(publicCode, '2026-03-01', 'ja', '8'), row(privateCode, '2026-03-02', 'nee'), row(privateCode, '2026-03-03', 'een_beetje', '10')].join('\n') + '\n';

type Outcome = { status?: number; data?: Record<string, unknown> } & Record<string, unknown>;

async function upload(actor: UserActor, fields: { wave?: string; force?: boolean; file?: string | null; name?: string }): Promise<Outcome> {
	const body = new FormData();
	body.set('wave', fields.wave ?? 'paper-2026');
	if (fields.force) body.set('force', 'on');
	if (fields.file !== null) body.set('file', new File([fields.file ?? goodFile()], fields.name ?? 'antwoorden.csv', { type: 'text/csv' }));
	const request = new Request('http://localhost/beheer/enquete/import', { method: 'POST', body });
	const event = { locals: { db: testDb.db, actor }, request, url: new URL(request.url) };
	return (await actions.default!(event as never)) as Outcome;
}
const stored = async () => (await testDb.db.selectFrom('survey_responses').select('id').where('source', '=', 'paper').execute()).length;

describe('the upload of paper responses', () => {
	it('is refused to anyone but the admin (403)', async () => {
		await expect(upload(researcher, {})).rejects.toMatchObject({ status: 403 });
	});

	it('asks for a wave and a file, field by field', async () => {
		const outcome = await upload(admin, { wave: ' ', file: null });
		expect(outcome.status).toBe(400);
		expect(outcome.data).toMatchObject({ errors: { wave: 'survey_admin_error_wave_required', file: 'survey_admin_import_no_file' } });
		expect(await stored()).toBe(0);
	});

	it('rejects a bad file whole, naming every bad row and column', async () => {
		const bad = [header.replace('overall', 'rapportcijfer'), row('onbekend', '2026-02-30', 'misschien', '')].join('\n');
		let outcome = await upload(admin, { file: bad });
		expect(outcome.status).toBe(400);
		expect(outcome.data!.problems).toEqual([{ row: 1, column: 'rapportcijfer', kind: 'unknown_column' }]);

		const rows = [header, row(publicCode, '2026-03-01', 'ja'), row('onbekend', '2026-02-30', 'ja', '11'), [privateCode, '2026-03-01', 'misschien', ...items.slice(1).map(() => ''), ''].join(',')];
		outcome = await upload(admin, { file: rows.join('\n') });
		expect(outcome.status).toBe(400);
		expect((outcome.data!.problems as { row: number; column: string; kind: string }[]).map(({ row, column, kind }) => [row, column, kind])).toEqual([
			[3, 'provider', 'unknown_provider'],
			[3, 'completed_on', 'bad_date'],
			[3, 'overall', 'bad_overall'],
			[4, items[0], 'unknown_answer']
		]);
		expect(await stored()).toBe(0);
	});

	it('stores a good file and reports the responses per provider type', async () => {
		const outcome = await upload(admin, {});
		expect(outcome).toEqual({ imported: { wave: 'paper-2026', stored: 3, perGroup: { public: 1, semi_public: 0, private: 2 }, fileName: 'antwoorden.csv' } });
		expect(await stored()).toBe(3);
	});

	it('refuses the same file in the same wave unless forced', async () => {
		const again = await upload(admin, { name: 'zelfde.csv' });
		expect(again.status).toBe(400);
		expect(again.data).toMatchObject({ duplicate: { wave: 'paper-2026' } });
		expect(await stored()).toBe(3);
		// Another wave is another batch.
		expect((await upload(admin, { wave: 'paper-2026-b' })).imported).toMatchObject({ stored: 3 });
		const forced = await upload(admin, { force: true });
		expect(forced.imported).toMatchObject({ stored: 3, wave: 'paper-2026' });
		expect(await stored()).toBe(9);
	});
});

import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor, type UserActor } from '$lib/domain/actor';
import { instrumentVersion1 } from '$lib/domain/survey/instrument';
import { actorFromBearer, createApiToken, revokeApiToken } from '$lib/server/services/api-tokens';
import { importPaperResponses } from '$lib/server/services/survey-import';
import { GET as getMicrodata } from '../../src/routes/api/v1/survey/microdata/+server';
import { seededActors } from '../support/demo-actors';
import { freshDatabase, type TestDatabase } from '../support/test-database';

// The microdata endpoint on a known imported paper wave, reached with a personal API token the way
// the server hook resolves it (actorFromBearer), and refused for everyone else.

let testDb: TestDatabase;
const actors: Record<string, UserActor> = {};
const items = instrumentVersion1.items;
const now = new Date('2026-12-01T10:00:00.000Z');
let codes: { pub: string; priv: string };

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	for (const email of ['client', 'provider', 'reviewer.uwv', 'researcher', 'admin']) actors[email] = await actor(`${email}@demo.regie.nl`);
	const code = async (type: string) => (await testDb.db.selectFrom('providers').select('code').where('detailed_type', '=', type).orderBy('code').executeTakeFirstOrThrow()).code;
	codes = { pub: await code('municipal_reintegration'), priv: await code('commercial') };
	const all = (answer: string) => items.map(() => answer);
	const lines = [
		['provider', 'completed_on', ...items.map((item) => item.code), 'overall'],
		[codes.pub, '2026-07-03', ...all('ja'), '9'],
		[codes.pub, '2026-07-04', ...all('een_beetje'), ''],
		[codes.priv, '2026-08-21', ...all('nee'), '2'],
		// Skipped everything but kd1: no scale score anywhere.
		[codes.priv, '2026-08-22', ...items.map((item) => (item.code === 'kd1' ? 'ja' : '')), '5']
	].map((line) => line.join(','));
	const outcome = await importPaperResponses(testDb.db, actors.admin!, { wave: '2026-Q3', fileName: 'q3.csv', content: lines.join('\n') }, now);
	expect(outcome.kind).toBe('imported');
});
afterAll(() => testDb.close());

function get(query: string, actor: Actor, sessionId: string | null = null) {
	const url = new URL(`http://x/api/v1/survey/microdata?${query}`);
	return (getMicrodata as (event: unknown) => Promise<Response>)({ url, params: {}, request: new Request(url), locals: { db: testDb.db, actor, sessionId } });
}

async function tokenActor(): Promise<Actor> {
	const { token } = await createApiToken(testDb.db, actors.researcher!, { name: 'integration', lifetimeDays: 30 });
	const resolved = await actorFromBearer(testDb.db, `Bearer ${token}`);
	if (!resolved.ok) throw new Error(resolved.reason);
	return resolved.actor;
}

async function rowsOf(response: Response) {
	const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
	const parsed = Papa.parse<Record<string, string>>(strFromU8(files['microdata.csv']!), { header: true, skipEmptyLines: true });
	return { rows: parsed.data, columns: parsed.meta.fields ?? [], codebook: JSON.parse(strFromU8(files['datapackage.json']!)) };
}

describe('GET /api/v1/survey/microdata with a personal API token', () => {
	it('gives exactly the imported rows, scored, with a codebook for every column and no forbidden column', async () => {
		const response = await get('wave=2026-Q3', await tokenActor());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="regie-microdata-2026-Q3-\d{4}-\d{2}-\d{2}\.zip"$/);
		expect(response.headers.get('set-cookie')).toBeNull();
		const { rows, columns, codebook } = await rowsOf(response);
		expect(codebook.resources[0].schema.fields.map((field: { name: string }) => field.name)).toEqual(columns);
		expect(columns).toEqual([
			'respondent_id', 'provider_code', 'provider_type', 'provider_group', 'payer_kind', 'gemeente', 'benefit_type', 'wave', 'completed_month', 'instrument_version',
			...items.flatMap((item) => [item.code, `${item.code}_r`]),
			'maatwerk_score', 'maatwerk_category', 'kwaliteit_score', 'kwaliteit_category', 'meerwaarde_score', 'meerwaarde_category', 'vaardigheden_score', 'vaardigheden_category',
			'overall'
		]);
		const summary = rows
			.map((row) => [row.provider_code, row.provider_group, row.completed_month, row.mw1, row.mw5_r, row.maatwerk_score, row.maatwerk_category, row.kwaliteit_category, row.overall].join('|'))
			.sort();
		// All "ja" on mw1–mw7 with mw5/mw6 negative: (2·5 + 0·2)/7 = 1.4286 → ja.
		expect(summary).toEqual(
			[
				`${codes.pub}|public|2026-07|ja|0|1.4286|ja|ja|9`,
				`${codes.pub}|public|2026-07|een_beetje|1|1|een_beetje|een_beetje|`,
				`${codes.priv}|private|2026-08|nee|2|0.5714|nee|nee|2`,
				`${codes.priv}|private|2026-08||||||5`
			].sort()
		);
		expect(rows.every((row) => /^[0-9a-f]{12}$/.test(row.respondent_id!) && row.wave === '2026-Q3' && row.payer_kind === '')).toBe(true);
	});

	it('a revoked token no longer resolves', async () => {
		const { token, summary } = await createApiToken(testDb.db, actors.researcher!, { name: 'soon revoked', lifetimeDays: 30 });
		await revokeApiToken(testDb.db, actors.researcher!, summary.id);
		expect(await actorFromBearer(testDb.db, `Bearer ${token}`)).toMatchObject({ ok: false, status: 401, reason: 'revoked' });
	});

	it('answers 401 without an actor (with the Bearer challenge) and 403 to every other role', async () => {
		const unauthenticated = await get('wave=2026-Q3', anonymous);
		expect(unauthenticated.status).toBe(401);
		expect(unauthenticated.headers.get('www-authenticate')).toMatch(/^Bearer/);
		expect(await unauthenticated.json()).toHaveProperty('error');
		for (const role of ['client', 'provider', 'reviewer.uwv', 'admin']) {
			const response = await get('wave=2026-Q3', actors[role]!, 'session');
			expect(response.status, role).toBe(403);
			expect(Object.keys(await response.json())).toEqual(['error']);
		}
	});

	it('says what is wrong with a selection: no wave 400, unknown wave or organisation 404, unknown parameter 400', async () => {
		const researcher = actors.researcher!;
		expect((await get('', researcher)).status).toBe(400);
		const unknownWave = await get('wave=2031-Q1', researcher);
		expect(unknownWave.status).toBe(404);
		expect(await unknownWave.json()).toMatchObject({ parameter: 'wave' });
		expect((await get('wave=2026-Q3&organisation=nope', researcher)).status).toBe(404);
		expect((await get('wave=2026-Q3&name=1', researcher)).status).toBe(400);
		expect((await get('wave=2026-Q3&format=csv', researcher)).status).toBe(400);
	});

	it('logs every download with who and the selection', async () => {
		await (await get('wave=2026-Q3&benefit=WW', actors.researcher!, 'session')).arrayBuffer();
		const entry = await testDb.db.selectFrom('audit_log').selectAll().where('action', '=', 'research.microdata.download').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
		expect(entry.actor_id).toBe(actors.researcher!.id);
		expect(JSON.parse(entry.details)).toMatchObject({ via: 'portal', selection: { waves: ['2026-Q3'], benefits: ['WW'] } });
	});
});

import { request as playwrightRequest, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { t } from './support/messages';
import { instrumentVersion1 } from '../../src/lib/domain/survey/instrument';
import { openDatabase } from '../../src/lib/server/db/index';

/**
 * A researcher's personal API tokens and the microdata download: create a token (shown once),
 * use it from a script (no cookies, the zip), revoke it (401 from then on); choose a wave and
 * download the zip from the portal. Axe and 320 px on both pages; the token form without JavaScript.
 */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const DB_FILE = `tests/.output/e2e${PORT === 4174 ? '' : `-${PORT}`}.db`;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const unique = () => Math.random().toString(36).slice(2, 8);

/** A wave of `count` completed responses (all items "ja"), written straight into the server's database. */
async function seedWave(count: number): Promise<string> {
	const wave = `e2e-md-${unique()}`;
	const { db } = openDatabase({ url: `file:${DB_FILE}` });
	try {
		const provider = await db.selectFrom('providers').select('id').where('detailed_type', '=', 'commercial').orderBy('code').executeTakeFirstOrThrow();
		const at = '2026-09-10T12:00:00.000Z';
		await db.insertInto('survey_waves').values({ name: wave, created_at: at }).execute();
		// A response and its answers in one transaction: the server, scoring unscored responses
		// for another test meanwhile, must never see a completed response without its answers.
		for (let i = 0; i < count; i++) {
			const id = `${wave}-${i}`;
			await db.transaction().execute(async (trx) => {
				await trx
					.insertInto('survey_responses')
					.values({ id, invitation_id: null, trajectory_id: null, provider_id: provider.id, wave, instrument_version: 1, source: 'paper', import_batch_id: null, started_at: at, completed_at: at, overall: 7, comment: 'vertrouwelijk' })
					.execute();
				await trx.insertInto('survey_answers').values(instrumentVersion1.items.map((item) => ({ response_id: id, item_code: item.code, answer: 'ja' }))).execute();
			});
		}
	} finally {
		await db.destroy();
	}
	return wave;
}

async function createToken(page: Page, name: string): Promise<string> {
	await page.goto('/onderzoek/tokens');
	await page.getByLabel(t('apitoken_field_name')).fill(name);
	await page.getByRole('button', { name: t('apitoken_create') }).click();
	await expect(page.getByRole('status')).toContainText(t('apitoken_created_title', { name }));
	const token = await page.getByLabel(t('apitoken_created_label')).inputValue();
	expect(token).toMatch(/^[a-z2-9]{26}\.[a-z2-9]{26}$/);
	return token;
}

async function fromScript(path: string, token?: string) {
	const context = await playwrightRequest.newContext({ baseURL: BASE_URL });
	try {
		const response = await context.get(path, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });
		return { status: response.status(), headers: response.headers(), body: await response.body() };
	} finally {
		await context.dispose();
	}
}

test.describe('personal API tokens', () => {
	test('a researcher creates a token, sees it once, uses it from a script, and revokes it', async ({ page }) => {
		const wave = await seedWave(3);
		await signIn(page, demoUsers.researcher);
		await page.goto('/onderzoek/tokens');
		await expectAccessible(page, 'token page');
		const name = `script ${unique()}`;
		const token = await createToken(page, name);
		await expectAccessible(page, 'token shown once');

		// Shown once: not on the page again, not even in the list.
		await page.goto('/onderzoek/tokens');
		await expect(page.getByText(token)).toHaveCount(0);
		expect(await page.content()).not.toContain(token.split('.')[1]);
		await expect(page.getByRole('button', { name: t('apitoken_revoke_named', { name }) })).toBeVisible();

		// A script with the token: the zip, no cookie.
		const ok = await fromScript(`/api/v1/survey/microdata?wave=${wave}`, token);
		expect(ok.status).toBe(200);
		expect(ok.headers['content-type']).toBe('application/zip');
		expect(ok.headers['set-cookie']).toBeUndefined();
		const files = unzipSync(new Uint8Array(ok.body));
		const lines = strFromU8(files['microdata.csv']!).trim().split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines.join('\n')).not.toContain('vertrouwelijk');

		// Without a token, or with a wrong one: 401 with the Bearer challenge, never an anonymous answer.
		const none = await fromScript(`/api/v1/survey/microdata?wave=${wave}`);
		expect(none.status).toBe(401);
		const wrong = await fromScript(`/api/v1/survey/microdata?wave=${wave}`, `${token.split('.')[0]}.${'a'.repeat(24)}`);
		expect(wrong.status).toBe(401);
		expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
		expect(wrong.headers['set-cookie']).toBeUndefined();
		expect(JSON.parse(wrong.body.toString())).toHaveProperty('error');

		await page.getByRole('button', { name: t('apitoken_revoke_named', { name }) }).click();
		await expect(page.getByRole('status')).toContainText(t('apitoken_revoked', { name }));
		await expectAccessible(page, 'token revoked');
		const revoked = await fromScript(`/api/v1/survey/microdata?wave=${wave}`, token);
		expect(revoked.status).toBe(401);
		expect(JSON.parse(revoked.body.toString()).error).toContain('revoked');
	});

	test('the token page at 320 px and its form without JavaScript, with a clear error for an empty name', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
		const page = withoutJavaScript(await context.newPage());
		try {
			await signIn(page, demoUsers.researcher);
			await page.goto('/onderzoek/tokens');
			await expectNoHorizontalScroll(page);
			await page.getByRole('button', { name: t('apitoken_create') }).click();
			await expect(page.getByText(t('apitoken_error_name')).first()).toBeVisible();
			await expectAccessible(page, 'empty name');
			const name = `nojs ${unique()}`;
			await createToken(page, name);
			await expectNoHorizontalScroll(page);
			await page.getByRole('button', { name: t('apitoken_revoke_named', { name }) }).click();
			await expect(page.getByRole('status')).toContainText(t('apitoken_revoked', { name }));
		} finally {
			await context.close();
		}
	});
});

test.describe('microdata in the portal', () => {
	test('a researcher chooses a wave and downloads the zip with its codebook', async ({ page }) => {
		const wave = await seedWave(2);
		await signIn(page, demoUsers.researcher);
		await page.goto('/onderzoek/microdata');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('microdata_title'));
		await expectAccessible(page, 'microdata page');

		// Nothing chosen: a clear message.
		await page.getByRole('button', { name: t('microdata_choose') }).click();
		await expect(page.getByText(t('microdata_error_no_wave')).first()).toBeVisible();
		await expectAccessible(page, 'no wave chosen');

		await page.getByRole('checkbox', { name: new RegExp(`^${wave} `) }).check();
		await page.getByRole('button', { name: t('microdata_choose') }).click();
		await expect(page).toHaveURL(new RegExp(`wave=${wave}`));
		await expect(page.getByRole('status')).toContainText(t('microdata_ready', { count: 2 }));
		await expectAccessible(page, 'selection ready');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t('microdata_download') }).click()]);
		expect(download.suggestedFilename()).toMatch(new RegExp(`^regie-microdata-${wave}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
		const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
		expect(Object.keys(files).sort()).toEqual(['datapackage.json', 'microdata.csv']);
		const header = strFromU8(files['microdata.csv']!).split('\r\n')[0]!.split(',');
		const codebook = JSON.parse(strFromU8(files['datapackage.json']!));
		expect(codebook.resources[0].schema.fields.map((field: { name: string }) => field.name)).toEqual(header);

		await page.setViewportSize({ width: 320, height: 800 });
		await expectNoHorizontalScroll(page);
	});
});

import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { en, t } from './support/messages';
import { instrumentVersion1 } from '../../src/lib/domain/survey/instrument';
import { openDatabase } from '../../src/lib/server/db/index';

/**
 * The admin's survey pages: a new instrument version (draft, change a wording, preview, publish),
 * the upload of paper responses (a bad file's report, a good file, once without JavaScript) and
 * bulk invitations. The database file is the one playwright.config.ts gives the server.
 *
 * Other journeys answer surveys at the same time and may get the version published here: it only
 * changes an English wording, so that the Dutch statements they look for stay the same.
 */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const DB_FILE = `tests/.output/e2e${PORT === 4174 ? '' : `-${PORT}`}.db`;

async function withDatabase<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
	const { db } = openDatabase({ url: `file:${DB_FILE}` });
	try {
		return await work(db);
	} finally {
		await db.destroy();
	}
}

const providerCode = (type: string) =>
	withDatabase(async (db) => (await db.selectFrom('providers').select('code').where('detailed_type', '=', type).orderBy('code').executeTakeFirstOrThrow()).code);

const items = instrumentVersion1.items.map((item) => item.code);
const header = ['provider', 'completed_on', ...items, 'overall'].join(';');
const csvRow = (provider: string, day: string, answer: string, overall: string) => [provider, day, ...items.map(() => answer), overall].join(';');
const unique = () => Math.random().toString(36).slice(2, 8);

async function chooseFile(page: import('@playwright/test').Page, name: string, text: string): Promise<void> {
	await page.getByLabel(t('survey_admin_field_file')).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

test.describe('the survey instrument', () => {
	test('the admin drafts a new version, changes a wording, previews it and publishes it', async ({ page }) => {
		// A long journey with axe on nine pages.
		test.setTimeout(150_000);
		await signIn(page, demoUsers.admin);
		await page.goto('/beheer/enquete');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_admin_title'));
		await expectAccessible(page, 'survey admin home');

		await page.getByRole('button', { name: t('survey_admin_new_draft') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_admin_version_title', { version: 2 }));
		const version = '2';
		await expectAccessible(page, 'draft version');

		// Change the English wording of mw1; an empty Dutch wording is refused first, per field.
		await page.getByRole('link', { name: `${t('survey_admin_edit_item')} ${t('survey_admin_item_ref', { code: 'mw1' })}` }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_admin_item_title_edit', { code: 'mw1' }));
		await expectAccessible(page, 'item form');
		await page.getByLabel(t('survey_admin_field_wording_nl')).fill('');
		await page.getByLabel(t('survey_admin_field_wording_en')).fill('I received attention for me as a person.');
		await page.getByRole('button', { name: t('survey_admin_item_save') }).click();
		await expect(page.getByRole('link', { name: t('survey_admin_error_wording_nl') })).toBeVisible();
		await expect(page.getByLabel(t('survey_admin_field_wording_nl'))).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel(t('survey_admin_field_wording_en'))).toHaveValue('I received attention for me as a person.');
		await expectAccessible(page, 'item form with an error');
		await page.getByLabel(t('survey_admin_field_wording_nl')).fill(instrumentVersion1.items[0]!.wording.nl);
		await page.getByRole('button', { name: t('survey_admin_item_save') }).click();
		await expect(page.getByRole('status')).toContainText(t('survey_admin_saved_item', { code: 'mw1' }));
		await expect(page.getByText('I received attention for me as a person.')).toBeVisible();

		// The new-statement form is reachable and accessible (nothing is added here).
		await page.getByRole('link', { name: t('survey_admin_add_item') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_admin_item_title_new', { version }));
		await expectAccessible(page, 'new item form');
		await page.getByRole('link', { name: t('survey_admin_cancel', { version }) }).click();

		// The preview is the answering page: five steps, then the thank-you; in English it shows the new wording.
		await page.getByRole('link', { name: t('survey_admin_preview_link') }).click();
		await expect(page.getByText(t('step_of', { current: 1, total: 5 }))).toBeVisible();
		await expect(page.getByRole('group', { name: instrumentVersion1.items[0]!.wording.nl })).toBeVisible();
		await expectAccessible(page, 'preview page 1');
		for (const step of [2, 3, 4, 5]) {
			await page.getByRole('button', { name: t('survey_next') }).click();
			await expect(page.getByText(t('step_of', { current: step, total: 5 }))).toBeVisible();
		}
		await expectAccessible(page, 'preview closing page');
		await page.getByRole('button', { name: t('survey_submit') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_thanks_title'));
		await page.goto(`/beheer/enquete/versie/${version}/voorbeeld`);
		await page.getByRole('button', { name: t('nav_language_switch') }).click();
		await expect(page.getByRole('group', { name: 'I received attention for me as a person.' })).toBeVisible();
		await expect(page.getByText(en('survey_admin_preview_note', { version }))).toBeVisible();
		await expectAccessible(page, 'preview in English');
		await page.getByRole('button', { name: en('nav_language_switch') }).click();
		await expect(page.getByRole('group', { name: instrumentVersion1.items[0]!.wording.nl })).toBeVisible();

		// Publish: from now on read-only.
		await page.goto(`/beheer/enquete/versie/${version}`);
		await page.getByRole('button', { name: t('survey_admin_publish', { version }) }).click();
		await expect(page.getByRole('status')).toContainText(t('survey_admin_published_done', { version }));
		await expect(page.getByRole('link', { name: new RegExp(`^${t('survey_admin_edit_item')}`) })).toHaveCount(0);
		await expect(page.getByRole('button', { name: t('survey_admin_publish', { version }) })).toHaveCount(0);
		await expectAccessible(page, 'published version');
		// Its edit page says it cannot change.
		await page.goto(`/beheer/enquete/versie/${version}/vraag/mw1`);
		await expect(page.getByText(t('survey_admin_error_published'))).toBeVisible();

		await page.goto('/beheer/enquete');
		await expect(page.getByRole('link', { name: t('survey_admin_version_name', { version }) })).toBeVisible();
		await expect(page.getByText(t('survey_admin_status_current'))).toBeVisible();
		await expect(page.getByRole('button', { name: t('survey_admin_new_draft') })).toBeVisible();
	});
});

test.describe('paper responses on a phone', () => {
	test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

	test('a bad file is rejected with a report of every bad row and column; a good file is stored', async ({ page }) => {
		const [publicCode, privateCode] = [await providerCode('municipal_reintegration'), await providerCode('commercial')];
		await signIn(page, demoUsers.admin);
		await page.goto('/beheer/enquete/import');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_admin_import_title'));
		await expectAccessible(page, 'upload page');
		await expectNoHorizontalScroll(page);

		const wave = `e2e-papier-${unique()}`;
		await page.getByLabel(t('survey_admin_field_wave'), { exact: true }).fill(wave);
		await chooseFile(page, 'fout.csv', [header, csvRow(publicCode, '2026-13-01', 'ja', '8'), csvRow('onbekend', '2026-03-01', 'misschien', '')].join('\n'));
		await page.getByRole('button', { name: t('survey_admin_import_submit') }).click();
		const report = page.getByRole('heading', { name: t('survey_admin_import_rejected', { count: 1 + 1 + items.length }) });
		await expect(report).toBeVisible();
		const problems = page.getByRole('table', { name: t('survey_admin_import_problems_caption') });
		await expect(problems.getByRole('row')).toHaveCount(1 + 2 + items.length);
		await expect(problems).toContainText(t('survey_admin_problem_bad_date'));
		await expect(problems).toContainText(t('survey_admin_problem_unknown_provider'));
		await expectAccessible(page, 'upload report');
		await expectNoHorizontalScroll(page);

		await chooseFile(page, 'goed.csv', [header, csvRow(publicCode, '2026-03-01', 'ja', '8'), csvRow(privateCode, '2026-03-02', 'een_beetje', '')].join('\n'));
		await page.getByRole('button', { name: t('survey_admin_import_submit') }).click();
		await expect(page.getByRole('status')).toContainText(t('survey_admin_import_done_text', { count: 2, wave }));
		const perType = page.getByRole('table', { name: t('survey_admin_import_per_group_caption') });
		await expect(perType.getByRole('row', { name: new RegExp(t('provider_group_private')) })).toContainText('1');
		await expectAccessible(page, 'upload done');
		await expectNoHorizontalScroll(page);
	});
});

test.describe('paper responses without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('upload, a second upload of the same file refused, then forced', async ({ page }) => {
		withoutJavaScript(page);
		const code = await providerCode('sheltered_employment');
		const file = [header, csvRow(code, '2026-04-01', 'nee', '5')].join('\n');
		await signIn(page, demoUsers.admin);
		const wave = `e2e-nojs-${unique()}`;
		for (const attempt of ['first', 'again', 'forced'] as const) {
			await page.goto('/beheer/enquete/import');
			await page.getByLabel(t('survey_admin_field_wave'), { exact: true }).fill(wave);
			await chooseFile(page, 'papier.csv', file);
			if (attempt === 'forced') await page.getByLabel(t('survey_admin_field_force')).check();
			await page.getByRole('button', { name: t('survey_admin_import_submit') }).click();
			if (attempt === 'again') {
				// Refused, with the wave and the way to force it; the date is the server's today.
				const [before, after] = t('survey_admin_import_duplicate', { wave }).split('{date}');
				await expect(page.getByRole('alert')).toContainText(before!);
				await expect(page.getByRole('alert')).toContainText(after!);
				await expectAccessible(page, 'duplicate upload');
			} else {
				await expect(page.getByRole('status')).toContainText(t('survey_admin_import_done_text', { count: 1, wave }));
			}
		}
		const stored = await withDatabase(async (db) => (await db.selectFrom('survey_responses').select('id').where('wave', '=', wave).execute()).length);
		expect(stored).toBe(2);
	});
});

test.describe('bulk invitations', () => {
	test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

	test('the admin invites chosen ended trajectories for a wave, once per trajectory', async ({ page }) => {
		// An ended trajectory of its own, in a period no other one ended in.
		const key = unique();
		await withDatabase(async (db) => {
			const now = new Date().toISOString();
			const provider = await db.selectFrom('providers').select('id').orderBy('code').executeTakeFirstOrThrow();
			await db
				.insertInto('users')
				.values({
					id: `e2e-bulk-${key}`,
					email: `bulk-${key}@e2e.regie.test`,
					display_name: `Bulk Cliënt ${key}`,
					role: 'client',
					password_hash: null,
					organisation_id: 'org-uwv',
					provider_id: null,
					benefit_type: 'WW',
					region: 'utrecht',
					created_at: now,
					activated_at: null
				})
				.execute();
			await db
				.insertInto('trajectories')
				.values({
					id: `e2e-bulk-trajectory-${key}`,
					client_id: `e2e-bulk-${key}`,
					provider_id: provider.id,
					organisation_id: 'org-uwv',
					status: 'terminated',
					chosen_at: '2001-01-01T00:00:00.000Z',
					updated_at: now,
					ended_at: '2001-02-03T12:00:00.000Z',
					placed: 0
				})
				.execute();
		});
		await signIn(page, demoUsers.admin);
		const wave = `e2e-bulk-${key}`;
		await page.goto('/beheer/enquete/uitnodigen');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_admin_invite_title'));
		await expectAccessible(page, 'bulk invitations');
		await expectNoHorizontalScroll(page);

		// A wrong date is named at its field.
		await page.getByLabel(t('survey_admin_field_ended_from')).fill('3 februari');
		await page.getByRole('button', { name: t('survey_admin_filter_apply') }).click();
		await expect(page.getByRole('link', { name: t('survey_admin_error_date') })).toBeVisible();
		await expectAccessible(page, 'bulk invitations with an error');

		await page.getByLabel(t('survey_admin_field_wave'), { exact: true }).fill(wave);
		await page.getByLabel(t('survey_admin_field_ended_from')).fill('2001-02-03');
		await page.getByLabel(t('survey_admin_field_ended_to')).fill('2001-02-03');
		await page.getByRole('button', { name: t('survey_admin_filter_apply') }).click();
		await expect(page.getByText(t('survey_admin_invite_count', { total: 1, invited: 0, wave }))).toBeVisible();
		await expectAccessible(page, 'ended trajectories');
		await expectNoHorizontalScroll(page);

		await page.getByLabel(t('survey_admin_choose_label', { name: `Bulk Cliënt ${key}` })).check();
		await page.getByRole('button', { name: t('survey_admin_invite_chosen') }).click();
		await expect(page.getByRole('status')).toContainText(t('survey_admin_invite_done_text', { created: 1, wave, already: 0 }));
		await expect(page.getByText(t('survey_admin_invite_count', { total: 1, invited: 1, wave }))).toBeVisible();
		await expectAccessible(page, 'after inviting');

		await page.getByRole('button', { name: t('survey_admin_invite_all', { total: 1 }) }).click();
		await expect(page.getByRole('status')).toContainText(t('survey_admin_invite_done_text', { created: 0, wave, already: 1 }));
		const invitations = await withDatabase(async (db) => (await db.selectFrom('survey_invitations').select('id').where('wave', '=', wave).execute()).length);
		expect(invitations).toBe(1);
	});
});

import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { t } from './support/messages';
import { instrumentVersion1, orderedItems, surveyDomains } from '../../src/lib/domain/survey/instrument';
import { openDatabase } from '../../src/lib/server/db/index';
import { createInvitation } from '../../src/lib/server/services/survey-invitations';

/**
 * A client answers the satisfaction survey through the token link of an invitation. There is no
 * screen yet that records a trajectory as ended (another issue), so each test makes its own ended
 * trajectory, for a client of its own, in the server's database and invites it through the service
 * that the outcome will call. The database file is the one playwright.config.ts gives the server.
 */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const DB_FILE = `tests/.output/e2e${PORT === 4174 ? '' : `-${PORT}`}.db`;

async function newSurveyLink(): Promise<string> {
	const { db } = openDatabase({ url: `file:${DB_FILE}` });
	try {
		const unique = crypto.randomUUID();
		const now = new Date().toISOString();
		// A provider no other journey looks at (not the demo accounts' providers).
		const provider = await db
			.selectFrom('providers')
			.select('id')
			.where('id', 'not in', ['provider-loopbaanlicht', 'provider-werkkracht-oost'])
			.orderBy('code', 'desc')
			.executeTakeFirstOrThrow();
		const clientId = `e2e-survey-${unique}`;
		await db
			.insertInto('users')
			.values({
				id: clientId,
				email: `survey-${unique}@e2e.regie.test`,
				display_name: 'Enquête Test',
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
		const trajectoryId = crypto.randomUUID();
		await db
			.insertInto('trajectories')
			.values({ id: trajectoryId, client_id: clientId, provider_id: provider.id, organisation_id: 'org-uwv', status: 'completed', chosen_at: now, updated_at: now, ended_at: now, placed: 1 })
			.execute();
		const invitation = await createInvitation(db, trajectoryId, `e2e-${unique.slice(0, 8)}`);
		return invitation!.path;
	} finally {
		await db.destroy();
	}
}

const domains = surveyDomains.map((domain) => orderedItems(instrumentVersion1, domain));
const stepText = (current: number) => t('step_of', { current, total: 5 });

test.describe('answering the survey on a phone', () => {
	test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

	test('answers with one item skipped, closes the page halfway, resumes, and completes once', async ({ page, context }) => {
		const link = await newSurveyLink();
		await page.goto(link);
		await expect(page.getByText(stepText(1))).toBeVisible();
		await expectAccessible(page, 'survey page 1');
		await expectNoHorizontalScroll(page);

		// Page 1: every statement answered but one, which is skipped on purpose.
		for (const [index, item] of domains[0]!.entries()) {
			const group = page.getByRole('group', { name: item.wording.nl });
			await group.getByLabel(index === 1 ? t('survey_answer_skip') : t('survey_answer_ja'), { exact: true }).check();
		}
		await page.getByRole('button', { name: t('survey_next') }).click();
		await expect(page.getByText(stepText(2))).toBeVisible();
		await expectAccessible(page, 'survey page 2');

		// Page 2 answered, then the browser is closed.
		for (const item of domains[1]!) await page.getByRole('group', { name: item.wording.nl }).getByLabel(t('survey_answer_een_beetje'), { exact: true }).check();
		await page.getByRole('button', { name: t('survey_next') }).click();
		await expect(page.getByText(stepText(3))).toBeVisible();
		await page.close();

		// Opening the link again resumes at page 3; page 1 kept its answers and its skip.
		const again = await context.newPage();
		await again.goto(link);
		await expect(again.getByText(stepText(3))).toBeVisible();
		await again.goto(`${link}?stap=1`);
		await expect(again.getByRole('group', { name: domains[0]![0]!.wording.nl }).getByLabel(t('survey_answer_ja'), { exact: true })).toBeChecked();
		await expect(again.getByRole('group', { name: domains[0]![1]!.wording.nl }).getByLabel(t('survey_answer_skip'), { exact: true })).toBeChecked();
		await again.goto(link);

		for (const page of [3, 4]) {
			await expect(again.getByText(stepText(page))).toBeVisible();
			for (const item of domains[page - 1]!) await again.getByRole('group', { name: item.wording.nl }).getByLabel(t('survey_answer_nee'), { exact: true }).check();
			await again.getByRole('button', { name: t('survey_next') }).click();
		}
		await expect(again.getByText(stepText(5))).toBeVisible();
		await expectAccessible(again, 'survey closing page');
		await expectNoHorizontalScroll(again);
		await again.getByLabel(t('survey_overall_label')).fill('8');
		await again.getByRole('button', { name: t('survey_submit') }).click();
		await expect(again.getByRole('heading', { level: 1 })).toHaveText(t('survey_thanks_title'));
		await expectAccessible(again, 'survey thank-you page');

		// The link cannot be answered again.
		await again.goto(`${link}?stap=1`);
		await expect(again.getByRole('heading', { level: 1 })).toHaveText(t('survey_thanks_title'));
	});
});

test.describe('answering the survey without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('every page works as a plain form, with errors shown on the closing page', async ({ page }) => {
		withoutJavaScript(page);
		const link = await newSurveyLink();
		await page.goto(link);
		for (const step of [1, 2, 3, 4]) {
			await expect(page.getByText(stepText(step))).toBeVisible();
			await page.getByRole('group', { name: domains[step - 1]![0]!.wording.nl }).getByLabel(t('survey_answer_ja'), { exact: true }).check();
			await page.getByRole('button', { name: t('survey_next') }).click();
		}
		await expect(page.getByText(stepText(5))).toBeVisible();
		await page.getByLabel(t('survey_overall_label')).fill('11');
		await page.getByRole('button', { name: t('survey_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(t('survey_error_overall'));
		await expectAccessible(page, 'survey closing page with an error');
		await page.getByLabel(t('survey_overall_label')).fill('7');
		await page.getByRole('button', { name: t('survey_submit') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_thanks_title'));
	});

	test('an unknown link says so', async ({ page }) => {
		withoutJavaScript(page);
		await page.goto('/enquete/onbekend.onbekend');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('survey_unknown_title'));
		await expectAccessible(page, 'unknown survey link');
	});
});

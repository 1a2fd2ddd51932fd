import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { t } from './support/messages';
import { openDatabase } from '../../src/lib/server/db/index';
import { newClient, samplePlan, submittedPlan } from '../support/plan-fixtures';

/**
 * A reviewer decides on submitted plans of their own organisation, and the outcome of an approved
 * trajectory is recorded. Each test writes its own submitted plan, for a client of its own, into the
 * server's database (the file playwright.config.ts gives the server), exactly as the submit step
 * leaves it, so no test depends on another or on the demo trajectories.
 */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const DB_FILE = `tests/.output/e2e${PORT === 4174 ? '' : `-${PORT}`}.db`;

const ORGANISATION = { uwv: 'org-uwv', zwolle: 'org-gemeente-zwolle', utrecht: 'org-gemeente-utrecht' } as const;
const PROVIDER = { loopbaanlicht: 'provider-loopbaanlicht', werkkrachtOost: 'provider-werkkracht-oost' } as const;

async function newCase(organisation: keyof typeof ORGANISATION, provider: keyof typeof PROVIDER, options: { earlier?: boolean; overBudget?: boolean } = {}) {
	const { db } = openDatabase({ url: `file:${DB_FILE}` });
	try {
		const name = `Review ${crypto.randomUUID().slice(0, 8)}`;
		const benefitType = organisation === 'uwv' ? 'WW' : 'bijstand';
		const client = await newClient(db, { organisationId: ORGANISATION[organisation], benefitType, name });
		const content = options.overBudget
			? samplePlan({ activities: [...samplePlan().activities, { id: 'a4', type: 'schooling', description: 'Opleiding boekhouden', startWeek: 10, durationWeeks: 20, costCents: 250_000 }] })
			: samplePlan();
		const plan = await submittedPlan(db, {
			client,
			provider: PROVIDER[provider],
			organisation: ORGANISATION[organisation],
			content,
			earlier: options.earlier ? [{ decision: 'changes_requested', reason: 'Voeg scholing toe.', content: samplePlan({ targetOccupation: 'Receptionist' }) }] : undefined
		});
		return { name, trajectoryId: plan.trajectoryId };
	} finally {
		await db.destroy();
	}
}

async function openCase(page: Page, name: string) {
	await page.goto('/beoordelen');
	await page.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('review_case_title', { name }));
}

/** The queue's row of a client (the accounts list lower on the page has one too). */
function queueRow(page: Page, name: string) {
	return page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
}

/** A status filter, whatever its count: "Wacht op besluit (3)". */
function filterRadio(page: Page, key: string) {
	const label = t(key).split(' (')[0]!;
	return page.getByRole('radio', { name: new RegExp(`^${label} \\(\\d+\\)$`) });
}

async function chooseDecision(page: Page, decision: 'approved' | 'rejected' | 'changes_requested', reason = '') {
	await page.getByRole('radio', { name: t(`review_decide_${decision}`) }).check();
	if (reason) await page.getByLabel(t('review_decide_reason')).fill(reason);
	await page.getByRole('button', { name: t('review_decide_submit') }).click();
}

test.describe('a reviewer on a desktop', () => {
	test('asks for changes with a reason, then approves another plan and records its outcome', async ({ page }) => {
		const changes = await newCase('uwv', 'loopbaanlicht', { earlier: true, overBudget: true });
		const approve = await newCase('uwv', 'loopbaanlicht');
		await signIn(page, demoUsers.reviewerUwv);

		// The queue: waiting plans, with counts in the filter, the new ones in the table.
		await expect(page.getByRole('heading', { level: 2, name: t('review_queue_title', { organisation: 'UWV' }) })).toBeVisible();
		await expect(queueRow(page, changes.name)).toContainText('Loopbaanlicht');
		await expectAccessible(page, 'queue');

		await openCase(page, changes.name);
		// The stored rule checks: over budget is flagged, with the value and the limit.
		const budget = page.getByRole('row').filter({ hasText: t('review_rule_budget') });
		await expect(budget).toContainText(t('review_check_flag'));
		await expect(budget).toContainText('€ 5.900');
		await expect(budget).toContainText('€ 5.000');
		await expect(page.getByRole('heading', { name: t('review_changes_title', { number: 1 }) })).toBeVisible();
		await expect(page.getByRole('main')).toContainText('Voeg scholing toe.');
		await expectAccessible(page, 'case page');

		// A reason is required to ask for changes.
		await chooseDecision(page, 'changes_requested');
		await expect(page.getByRole('alert')).toContainText(t('review_error_reason_required'));
		await expectAccessible(page, 'case page with an error');
		await chooseDecision(page, 'changes_requested', 'Het budget is te hoog. Kies een kortere opleiding.');
		await expect(page.getByRole('status')).toContainText(t('review_decided_changes_requested'));
		await expect(page.getByRole('main')).toContainText(t('review_status_changes_requested'));
		await expect(page.getByRole('button', { name: t('review_decide_submit') })).toHaveCount(0);
		await expectAccessible(page, 'after asking for changes');

		await openCase(page, approve.name);
		await chooseDecision(page, 'approved');
		await expect(page.getByRole('status')).toContainText(t('review_decided_approved'));
		await page.getByRole('link', { name: t('review_case_record_outcome') }).click();
		await expect(page).toHaveURL(`/beoordelen/${approve.trajectoryId}/afsluiten`);
		await expectAccessible(page, 'outcome form');

		// Completed with work: the date and the contract length are required.
		await page.getByRole('radio', { name: t('outcome_completed') }).check();
		await page.getByRole('radio', { name: t('outcome_placed_yes') }).check();
		await page.getByRole('button', { name: t('outcome_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(t('outcome_error_placed_on'));
		await expectAccessible(page, 'outcome form with errors');
		await page.getByLabel(t('outcome_placed_on')).fill(new Date().toISOString().slice(0, 10));
		await page.getByLabel(t('outcome_contract_months')).fill('12');
		await page.getByRole('button', { name: t('outcome_submit') }).click();
		await expect(page.getByRole('status')).toContainText(t('outcome_done_title'));
		await expectAccessible(page, 'outcome recorded');

		await page.goto(`/beoordelen/${approve.trajectoryId}`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('main')).toContainText(t('review_status_completed'));

		// The ended trajectory is under "ended", no longer under "waiting".
		await page.goto('/beoordelen?status=ended');
		await expect(filterRadio(page, 'review_filter_ended')).toBeChecked();
		await expect(queueRow(page, approve.name)).toContainText(t('review_status_completed'));
	});
});

test.describe('a reviewer on a phone', () => {
	test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

	test('approves a plan of their gemeente', async ({ page }) => {
		const plan = await newCase('zwolle', 'werkkrachtOost');
		await signIn(page, demoUsers.reviewerGemeente);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, 'queue on a phone');
		await openCase(page, plan.name);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, 'case page on a phone');
		await chooseDecision(page, 'approved');
		await expect(page.getByRole('status')).toContainText(t('review_decided_approved'));
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, 'approved on a phone');
	});
});

test.describe('a reviewer without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test.beforeEach(({ page }) => {
		withoutJavaScript(page);
	});

	test('filters the queue and rejects a plan with a reason', async ({ page }) => {
		const plan = await newCase('utrecht', 'loopbaanlicht');
		await signIn(page, demoUsers.reviewerUtrecht);
		await filterRadio(page, 'review_filter_submitted').check();
		await page.getByRole('button', { name: t('review_filter_apply') }).click();
		await expect(page).toHaveURL(/status=submitted/);
		await openCase(page, plan.name);
		await chooseDecision(page, 'rejected');
		await expect(page.getByRole('alert')).toContainText(t('review_error_reason_required'));
		await expectAccessible(page, 'reason missing');
		await chooseDecision(page, 'rejected', 'Dit plan past niet bij de regels van de gemeente.');
		await expect(page.getByRole('status')).toContainText(t('review_decided_rejected'));
		await expectAccessible(page, 'rejected');
	});
});

test.describe('another organisation', () => {
	test('a reviewer of another organisation gets 404 on the case and never sees it listed', async ({ page }) => {
		const plan = await newCase('uwv', 'loopbaanlicht');
		await signIn(page, demoUsers.reviewerUtrecht);
		await page.goto('/beoordelen?status=all');
		await expect(page.getByRole('main')).not.toContainText(plan.name);
		const response = await page.goto(`/beoordelen/${plan.trajectoryId}`);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('main')).not.toContainText(plan.name);
		await expectAccessible(page, '404 for another organisation');
		const outcome = await page.goto(`/beoordelen/${plan.trajectoryId}/afsluiten`);
		expect(outcome?.status()).toBe(404);
	});
});

test.describe('provider staff', () => {
	test('record that an active trajectory ended early', async ({ page, browser }) => {
		const plan = await newCase('uwv', 'loopbaanlicht');
		const reviewer = await browser.newPage();
		await signIn(reviewer, demoUsers.reviewerUwv);
		await openCase(reviewer, plan.name);
		await chooseDecision(reviewer, 'approved');
		await expect(reviewer.getByRole('status')).toContainText(t('review_decided_approved'));
		await reviewer.close();

		await signIn(page, demoUsers.provider);
		await page.goto(`/aanbieder/clienten/${plan.trajectoryId}/afsluiten`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('outcome_title', { name: plan.name }));
		await page.getByRole('radio', { name: t('outcome_terminated') }).check();
		await page.getByRole('button', { name: t('outcome_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(t('outcome_error_reason_required'));
		await page.getByLabel(t('outcome_reason')).fill('De cliënt is verhuisd.');
		await page.getByRole('button', { name: t('outcome_submit') }).click();
		await expect(page.getByRole('status')).toContainText(t('outcome_done_title'));
		await expectAccessible(page, 'provider recorded an outcome');
		// Once ended, there is nothing more to record.
		await page.reload();
		await expect(page.getByRole('button', { name: t('outcome_submit') })).toHaveCount(0);
	});

	test('of another provider get 404', async ({ page }) => {
		const plan = await newCase('uwv', 'loopbaanlicht');
		await signIn(page, demoUsers.provider2);
		const response = await page.goto(`/aanbieder/clienten/${plan.trajectoryId}/afsluiten`);
		expect(response?.status()).toBe(404);
	});
});

test.describe('the admin', () => {
	test('sets an organisation’s limits, with clear messages for bad values', async ({ page }) => {
		await signIn(page, demoUsers.admin);
		await page.getByRole('link', { name: t('rules_link') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('rules_title'));
		await page.getByLabel(t('rules_organisation')).selectOption({ label: 'Gemeente Utrecht' });
		await page.getByRole('button', { name: t('rules_choose') }).click();
		await expect(page.getByRole('heading', { level: 2, name: t('rules_of', { organisation: 'Gemeente Utrecht' }) })).toBeVisible();
		await expectAccessible(page, 'rules form');
		await page.getByLabel(t('rules_budget')).fill('5.000');
		await page.getByLabel(t('rules_decision_weeks')).fill('0');
		await page.getByRole('button', { name: t('rules_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(t('rules_error_budget'));
		await expect(page.getByRole('alert')).toContainText(t('rules_error_weeks'));
		await expectAccessible(page, 'rules form with errors');
		// The same values as the defaults: other tests keep their expectations.
		await page.getByLabel(t('rules_budget')).fill('5000');
		await page.getByLabel(t('rules_decision_weeks')).fill('8');
		await page.getByRole('button', { name: t('rules_submit') }).click();
		await expect(page.getByRole('status')).toContainText(t('rules_saved', { organisation: 'Gemeente Utrecht' }));
		await expectAccessible(page, 'rules saved');
	});
});

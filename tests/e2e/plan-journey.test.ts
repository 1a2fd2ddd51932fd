import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { expect, test } from './support/fixtures';
import { t } from './support/messages';
import { addActivity, fillPlanning, fillWork, newClientWithProvider, openBrowser, PROVIDER, providerOpensPlanOf } from './support/plan';

// Issue 4, the whole journey across three browsers: the client drafts on a phone, the provider
// edits and signs, the client submits, the UWV reviewer asks for changes, the client amends, the
// provider signs again, the client resubmits, the reviewer approves; client and provider see it.
// Then the submit and decide steps once more with JavaScript disabled. axe on every page visited.

const phone = { viewport: { width: 390, height: 844 } };

async function providerSigns(provider: Page, label: string): Promise<void> {
	await provider.goto(provider.url().replace(/\/plan(\/.*)?(\?.*)?$/, '/plan/controleren'));
	await provider.getByRole('button', { name: t('plan_sign') }).click();
	await expect(provider.getByTestId('plan-signature')).toContainText('Pieter Bakker');
	await expectAccessible(provider, label);
}

async function clientSubmits(client: Page, label: string): Promise<void> {
	await client.goto('/plan/controleren');
	await client.getByRole('button', { name: t('plan_submit') }).click();
	await expect(client).toHaveURL('/plan/controleren?ingediend');
	await expect(client.getByRole('heading', { level: 1 })).toHaveText(t('plan_submitted_title'));
	await expectAccessible(client, label);
}

async function reviewerOpensCase(browser: Browser, clientName: string, options: BrowserContextOptions = {}): Promise<Page> {
	const reviewer = await openBrowser(browser, options);
	await signIn(reviewer, demoUsers.reviewerUwv);
	await reviewer.getByRole('link', { name: clientName }).click();
	await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText(t('review_case_title', { name: clientName }));
	return reviewer;
}

async function decide(reviewer: Page, decision: 'approved' | 'changes_requested', reason = ''): Promise<void> {
	await reviewer.getByRole('radio', { name: t(`review_decide_${decision}`) }).check();
	if (reason) await reviewer.getByLabel(t('review_decide_reason')).fill(reason);
	await reviewer.getByRole('button', { name: t('review_decide_submit') }).click();
	await expect(reviewer.getByRole('status')).toContainText(t(`review_decided_${decision}`));
}

async function draftPlan(client: Page, occupation: string): Promise<void> {
	await client.goto('/plan/werk');
	await fillWork(client, occupation);
	await client.getByRole('button', { name: t('plan_save_continue') }).click();
	await expect(client).toHaveURL('/plan/activiteiten');
	await addActivity(client, 'job_application_training', 'Sollicitatietraining', '1200');
	await client.goto('/plan/planning');
	await fillPlanning(client);
	await client.getByRole('button', { name: t('plan_save_continue') }).click();
	await expect(client).toHaveURL('/plan/controleren');
}

test.describe('the plan from draft to approval', () => {
	test.describe.configure({ timeout: 240_000 });

	test('client, provider and reviewer in three browsers, through one round of changes', async ({ browser }) => {
		const name = `Noor Visser ${Math.random().toString(36).slice(2, 6)}`;
		const client = await newClientWithProvider(browser, name, phone);
		await draftPlan(client, 'Kok');
		await expectAccessible(client, 'client check page');

		const provider = await providerOpensPlanOf(browser, name);
		await provider.getByRole('link', { name: t('plan_continue') }).click();
		await provider.getByRole('link', { name: `${t('plan_check_change')} ${t('plan_step_activities')}` }).click();
		await addActivity(provider, 'job_mediation', 'Bemiddeling naar een keuken', '1500');
		await providerSigns(provider, 'provider signed');
		await clientSubmits(client, 'client submitted');

		// The reviewer finds the plan in the UWV queue, with the rule checks, and asks for changes.
		const reviewer = await reviewerOpensCase(browser, name);
		await expectAccessible(reviewer, 'review case');
		await decide(reviewer, 'changes_requested', 'Noem ook een tweede beroep, bijvoorbeeld afwasser.');
		await expectAccessible(reviewer, 'changes requested');

		// The client reads the remarks and amends the plan; the signature is gone until the provider signs again.
		await client.goto('/plan');
		await expect(client.getByText('Noem ook een tweede beroep, bijvoorbeeld afwasser.')).toBeVisible();
		await expectAccessible(client, 'client reads remarks');
		await client.goto('/plan/werk');
		await client.getByLabel(t('plan_field_target_occupation')).fill('Kok of afwasser');
		await client.getByRole('button', { name: t('plan_save_continue') }).click();
		await expect(client).toHaveURL('/plan/activiteiten');
		await client.goto('/plan/controleren');
		await expect(client.getByRole('button', { name: t('plan_submit') })).toHaveCount(0);

		await provider.reload();
		await expect(provider.getByRole('main')).toContainText('Kok of afwasser');
		await providerSigns(provider, 'provider signs again');
		await clientSubmits(client, 'client resubmitted');

		// Version 2 shows what changed since the decision on version 1; the reviewer approves it.
		await reviewer.reload();
		await expect(reviewer.getByRole('heading', { name: t('review_changes_title', { number: 1 }) })).toBeVisible();
		await expect(reviewer.getByRole('main')).toContainText('Kok of afwasser');
		await decide(reviewer, 'approved');
		await expectAccessible(reviewer, 'approved');

		// Both see the result.
		await client.goto('/plan');
		await expect(client.getByRole('main')).toContainText(t('plan_status_active'));
		await expectAccessible(client, 'client sees the trajectory running');
		await provider.goto('/aanbieder');
		await expect(provider.getByRole('main')).toContainText(name);
		await provider.getByRole('link', { name: t('plan_title_provider', { name }) }).click();
		await expect(provider.getByRole('main')).toContainText(t('plan_status_active'));

		// Months later the reviewer records the outcome: the client finds the survey in the portal.
		await reviewer.getByRole('link', { name: t('review_case_record_outcome') }).click();
		await reviewer.getByRole('radio', { name: t('outcome_completed') }).check();
		await reviewer.getByRole('radio', { name: t('outcome_placed_yes') }).check();
		await reviewer.getByLabel(t('outcome_placed_on')).fill(new Date().toISOString().slice(0, 10));
		await reviewer.getByLabel(t('outcome_contract_months')).fill('12');
		await reviewer.getByRole('button', { name: t('outcome_submit') }).click();
		await expect(reviewer.getByRole('status')).toContainText(t('outcome_done_title'));

		await client.goto('/meldingen');
		await expect(client.getByRole('main')).toContainText(t('notice_outcome_recorded', { clientName: name, providerName: PROVIDER, date: '' }));
		await expectAccessible(client, 'notifications after the outcome');
		await client.goto('/enquete');
		await expect(client.getByRole('heading', { level: 2, name: t('survey_home_item_title', { provider: PROVIDER }) })).toBeVisible();
		await expectAccessible(client, 'survey in the portal');
		await client.getByRole('button', { name: t('survey_home_start') }).click();
		await expect(client).toHaveURL(/\/enquete\/[a-z2-9]{26}\.[a-z2-9]{26}$/);
		await expect(client.getByText(t('step_of', { current: 1, total: 5 }))).toBeVisible();

		for (const page of [client, provider, reviewer]) await page.context().close();
	});

	test('submit and decide without JavaScript', async ({ browser }) => {
		const noScript = { javaScriptEnabled: false } satisfies BrowserContextOptions;
		const name = `Daan Mulder ${Math.random().toString(36).slice(2, 6)}`;
		const client = await newClientWithProvider(browser, name, { ...phone, ...noScript });
		await draftPlan(client, 'Magazijnmedewerker');

		const provider = await providerOpensPlanOf(browser, name, noScript);
		await provider.getByRole('link', { name: t('plan_continue') }).click();
		await providerSigns(provider, 'provider signed, no JavaScript');
		await clientSubmits(client, 'client submitted, no JavaScript');

		const reviewer = await reviewerOpensCase(browser, name, noScript);
		// A decision to ask for changes without a reason is refused and changes nothing.
		await reviewer.getByRole('radio', { name: t('review_decide_changes_requested') }).check();
		await reviewer.getByRole('button', { name: t('review_decide_submit') }).click();
		await expect(reviewer.getByRole('alert')).toContainText(t('review_error_reason_required'));
		await expectAccessible(reviewer, 'reason missing, no JavaScript');
		await decide(reviewer, 'approved');
		await expectAccessible(reviewer, 'approved, no JavaScript');

		await client.goto('/plan');
		await expect(client.getByRole('main')).toContainText(t('plan_status_active'));
		for (const page of [client, provider, reviewer]) await page.context().close();
	});
});

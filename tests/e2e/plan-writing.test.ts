import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { t } from './support/messages';
import { addActivity, fillPlanning, fillWork, fitsAt320, newClientWithProvider, PROVIDER, providerOpensPlanOf } from './support/plan';

// Issue 4, "client and provider write the plan together": a client on a phone drafts, the provider
// edits and signs in its own browser, the client submits. Each test makes its own client (the demo
// clients belong to other tests) who chooses Loopbaanlicht, the provider of the demo provider account.

test.describe('writing the plan together', () => {
	test.describe.configure({ timeout: 180_000 });

	test('client drafts on a phone, provider edits and signs, client submits', async ({ browser }) => {
		const name = `Fleur Jansen ${Math.random().toString(36).slice(2, 6)}`;
		const client = await newClientWithProvider(browser, name, { viewport: { width: 390, height: 844 } });

		// The overview keeps the chosen provider and shows the deadline.
		await expect(client.getByRole('heading', { name: t('plan_chosen_title', { name: PROVIDER }) })).toBeVisible();
		await expect(client.getByTestId('plan-deadline')).toContainText('35');
		await expectAccessible(client, 'plan overview');
		await fitsAt320(client);

		await client.getByRole('link', { name: t('plan_continue') }).click();
		await expect(client).toHaveURL('/plan/werk');
		await expectAccessible(client, 'work step');
		await fitsAt320(client);

		// A wrong number of hours is refused with a message that says what to fill in.
		await fillWork(client, 'Kok');
		await client.getByLabel(t('plan_field_hours')).fill('veel');
		await client.getByRole('button', { name: t('plan_save_continue') }).click();
		await expect(client.getByRole('alert')).toContainText(t('plan_error_hours'));
		await expectAccessible(client, 'work step with an error');
		await client.getByLabel(t('plan_field_hours')).fill('32');
		// Leaving a field saves on its own.
		await client.getByLabel(t('plan_field_situation')).focus();
		await expect(client.getByTestId('autosave-status')).toContainText(t('plan_saved_at', { time: '' }).trim());
		await client.getByRole('button', { name: t('plan_save_continue') }).click();

		await expect(client).toHaveURL('/plan/activiteiten');
		await expect(client.getByText(t('plan_activities_none'))).toBeVisible();
		await expectAccessible(client, 'activities step, empty');
		await client.getByLabel(t('plan_field_cost')).fill('veel');
		await client.getByRole('button', { name: t('plan_activity_add_title') }).click();
		await expect(client.getByRole('alert')).toContainText(t('plan_error_activity_type'));
		await expect(client.getByRole('alert')).toContainText(t('plan_error_cost'));
		await addActivity(client, 'job_application_training', 'Sollicitatietraining in een groep', '1.250,50');
		await addActivity(client, 'schooling', 'Cursus hygiëne in de keuken', '800');
		// Move the course up, then remove it again.
		await client.getByRole('button', { name: `${t('plan_activity_up')} ${t('plan_activity_number', { number: 2 })}` }).click();
		await expect(client.locator('.regie-plan-activity h2').first()).toContainText(t('activity_schooling'));
		await client.getByRole('button', { name: `${t('plan_activity_remove')} ${t('plan_activity_number', { number: 1 })}` }).click();
		await expect(client.locator('.regie-plan-activity')).toHaveCount(1);
		await expect(client.locator('.regie-plan-totals')).toContainText('1.250,50');
		await expect(client.locator('.regie-plan-totals')).toContainText('5.000');
		await expectAccessible(client, 'activities step with one activity');
		await fitsAt320(client);

		await client.getByRole('link', { name: t('plan_activities_continue') }).click();
		await expect(client).toHaveURL('/plan/planning');
		await expectAccessible(client, 'planning step');
		await fillPlanning(client);
		await client.getByRole('button', { name: t('plan_save_continue') }).click();

		await expect(client).toHaveURL('/plan/controleren');
		await expect(client.getByText(t('plan_must_sign_first', { provider: PROVIDER }))).toBeVisible();
		await expect(client.getByRole('button', { name: t('plan_submit') })).toHaveCount(0);
		await expectAccessible(client, 'check page, unsigned');
		await fitsAt320(client);

		// The provider, in its own browser, adds an activity and signs.
		const provider = await providerOpensPlanOf(browser, name);
		await expectAccessible(provider, 'provider overview');
		await provider.getByRole('link', { name: t('plan_continue') }).click();
		await expect(provider).toHaveURL(/\/aanbieder\/clienten\/[^/]+\/plan\/controleren$/);
		await expect(provider.getByText('Sollicitatietraining in een groep')).toBeVisible();
		await provider.getByRole('link', { name: `${t('plan_check_change')} ${t('plan_step_activities')}` }).click();
		await addActivity(provider, 'job_mediation', 'Bemiddeling naar een baan als kok', '1500');
		await expectAccessible(provider, 'provider activities step');
		await provider.goto(provider.url().replace(/activiteiten.*$/, 'controleren'));
		await provider.getByRole('button', { name: t('plan_sign') }).click();
		await expect(provider.getByRole('status')).toContainText(t('plan_signed_done'));
		await expect(provider.getByTestId('plan-signature')).toContainText('Pieter Bakker');
		await expectAccessible(provider, 'provider signed');

		// The client sees the signature and submits.
		await client.reload();
		await expect(client.getByTestId('plan-signature')).toContainText('Pieter Bakker');
		await expect(client.getByText('Bemiddeling naar een baan als kok')).toBeVisible();
		await client.getByRole('button', { name: t('plan_submit') }).click();
		await expect(client).toHaveURL('/plan/controleren?ingediend');
		await expect(client.getByRole('heading', { level: 1 })).toHaveText(t('plan_submitted_title'));
		await expect(client.getByRole('status')).toContainText(t('plan_next_steps', { organisation: 'UWV', weeks: 8 }));
		await expect(client.getByRole('link', { name: new RegExp(t('plan_check_change')) })).toHaveCount(0);
		await expectAccessible(client, 'submitted');
		await fitsAt320(client);
		// Read-only for both: a step page shows the submitted plan instead.
		await client.goto('/plan/werk');
		await expect(client).toHaveURL('/plan/controleren');
		await provider.reload();
		await expect(provider.getByRole('button', { name: t('plan_sign') })).toHaveCount(0);
		await expect(provider.getByText(t('plan_status_submitted')).first()).toBeVisible();

		await client.context().close();
		await provider.context().close();
	});

	test('two people save the same version: the second sees who changed what, and keeps their input', async ({ browser }) => {
		const name = `Sem de Boer ${Math.random().toString(36).slice(2, 6)}`;
		const client = await newClientWithProvider(browser, name);
		const provider = await providerOpensPlanOf(browser, name);
		await provider.getByRole('link', { name: t('plan_continue') }).click();
		await expect(provider).toHaveURL(/\/plan\/werk$/);
		await client.goto('/plan/werk');

		await fillWork(client, 'Kok');
		await client.getByRole('button', { name: t('plan_save_continue') }).click();
		await expect(client).toHaveURL('/plan/activiteiten');

		await provider.getByLabel(t('plan_field_target_occupation')).fill('Bakker');
		await provider.getByRole('button', { name: t('plan_save_continue') }).click();
		const notice = provider.getByRole('alert').filter({ hasText: t('plan_conflict_text') });
		await expect(notice).toContainText(t('plan_conflict_title', { name, time: '' }).trim());
		await expect(provider.getByTestId('conflict-changes')).toContainText(t('plan_change_field', { field: t('plan_field_target_occupation') }));
		await expect(provider.getByLabel(t('plan_field_target_occupation'))).toHaveValue('Bakker');
		await expectAccessible(provider, 'conflict');
		await expect(provider).toHaveURL(/\/plan\/werk$/);

		// Nothing was overwritten; saving again after seeing the changes is a deliberate choice.
		await client.goto('/plan/controleren');
		await expect(client.getByRole('main')).toContainText('Kok');
		await provider.getByRole('button', { name: t('plan_save_continue') }).click();
		await expect(provider).toHaveURL(/\/plan\/activiteiten$/);

		await client.context().close();
		await provider.context().close();
	});
});

test.describe('without JavaScript', () => {
	test.describe.configure({ timeout: 180_000 });

	test('save a step, sign and submit', async ({ browser }) => {
		const name = `Lotte Visser ${Math.random().toString(36).slice(2, 6)}`;
		const client = await newClientWithProvider(browser, name, { javaScriptEnabled: false });
		await client.goto('/plan/werk');
		await fillWork(client, 'Administratief medewerker');
		await client.getByRole('button', { name: t('plan_save_continue') }).click();
		await expect(client).toHaveURL('/plan/activiteiten');
		await addActivity(client, 'job_mediation', 'Bemiddeling naar kantoorwerk', '900');
		await expectAccessible(client, 'activities step');
		await client.goto('/plan/planning');
		await fillPlanning(client);
		await client.getByRole('button', { name: t('plan_save_continue') }).click();
		await expect(client).toHaveURL('/plan/controleren');
		await expectAccessible(client, 'check page');

		const provider = await providerOpensPlanOf(browser, name, { javaScriptEnabled: false });
		await provider.getByRole('link', { name: t('plan_continue') }).click();
		await provider.getByRole('button', { name: t('plan_sign') }).click();
		await expect(provider.getByTestId('plan-signature')).toContainText('Pieter Bakker');
		await expectAccessible(provider, 'signed');

		await client.reload();
		await client.getByRole('button', { name: t('plan_submit') }).click();
		await expect(client).toHaveURL('/plan/controleren?ingediend');
		await expect(client.getByRole('heading', { level: 1 })).toHaveText(t('plan_submitted_title'));
		await expectAccessible(client, 'submitted');

		await client.context().close();
		await provider.context().close();
	});
});

import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { expect, test } from './support/fixtures';
import { t } from './support/messages';

// Issue 3's journey: a client on a phone finds providers that fit, compares three, chooses one and
// lands on a draft plan. Once with JavaScript, once without.

test.describe('a client on a 320 px phone', () => {
	test.use({ viewport: { width: 320, height: 640 } });

	test('filters, compares three providers, chooses one and sees the draft', async ({ page }) => {
		test.slow(); // a long journey with an axe run on every page
		await signIn(page, demoUsers.client);
		await page.goto('/aanbieders');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('providers_title'));
		const count = page.locator('.regie-result-count');
		await expect(count).toContainText(/\d+ aanbieders/);
		await expectAccessible(page, 'list');
		await expectNoHorizontalScroll(page);

		// Nothing found: the page says which filter to leave out.
		await page.goto('/aanbieders?zoek=geen-enkel-bedrijf-heet-zo');
		await expect(page.getByText(t('providers_none_found'))).toBeVisible();
		await expectAccessible(page, 'nothing found');

		// Filter on an activity through the folded filter panel.
		await page.goto('/aanbieders');
		await page.locator('summary', { hasText: t('providers_filters_title') }).click();
		await page.getByLabel(t('activity_job_application_training')).check();
		await page.getByRole('button', { name: t('providers_filter_apply') }).click();
		await expect(page).toHaveURL(/activiteit=job_application_training/);
		await expectAccessible(page, 'filtered');
		await expectNoHorizontalScroll(page);
		// The back button returns to the unfiltered list.
		await page.goBack();
		await expect(page).not.toHaveURL(/activiteit=/);
		await page.goForward();
		await expect(page).toHaveURL(/activiteit=job_application_training/);

		// Put three providers in the compare tray; the tray survives navigation.
		const names: string[] = [];
		for (let index = 0; index < 3; index++) {
			const card = page.locator('.regie-provider-card').nth(index);
			names.push((await card.getByRole('heading').textContent())!.trim());
			await card.getByRole('button', { name: new RegExp(t('compare_add')) }).click();
			await expect(card.locator('button[aria-pressed="true"]')).toBeVisible();
		}
		await expect(page.locator('.regie-compare-tray li')).toHaveText(names);
		await page.goto('/plan');
		await page.goto('/aanbieders?regio=alle');
		await expect(page.locator('.regie-compare-tray li')).toHaveText(names);

		await page.getByRole('link', { name: t('compare_tray_go') }).click();
		await expect(page).toHaveURL(/\/aanbieders\/vergelijken$/);
		await expect(page.getByRole('heading', { level: 3 })).toHaveText(names);
		await expectAccessible(page, 'compare');
		await expectNoHorizontalScroll(page);

		// The profile, then the choice.
		await page.getByRole('link', { name: names[1] }).first().click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(names[1]!);
		await expect(page.getByRole('heading', { name: t('profile_approach_title') })).toBeVisible();
		await expectAccessible(page, 'profile');
		await expectNoHorizontalScroll(page);
		await page.getByRole('link', { name: t('profile_choose') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('choose_title', { name: names[1]! }));
		await expectAccessible(page, 'confirmation');
		await expectNoHorizontalScroll(page);
		await page.getByRole('button', { name: t('choose_confirm', { name: names[1]! }) }).click();

		await expect(page).toHaveURL(/\/plan\?gekozen$/);
		await expect(page.getByRole('heading', { name: t('plan_chosen_title', { name: names[1]! }) })).toBeVisible();
		await expect(page.getByText(t('plan_status_draft'))).toBeVisible();
		await expectAccessible(page, 'draft plan');
		await expectNoHorizontalScroll(page);
	});
});

test('the menu link from a page that runs scripts opens the provider list', async ({ page }) => {
	// /plan hydrates, so its router fetches the list's data and renders the page in the browser.
	await signIn(page, demoUsers.client);
	await page.getByRole('navigation', { name: t('nav_main_label') }).getByRole('link', { name: t('nav_client_providers') }).click();
	await expect(page).toHaveURL('/aanbieders');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('providers_title'));
	await expect(page.locator('.regie-result-count')).toContainText(/\d+ aanbieders/);
	await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a client filters, compares and chooses a provider', async ({ page }) => {
		test.slow();
		withoutJavaScript(page);
		await signIn(page, demoUsers.client2);
		await page.goto('/aanbieders');
		await page.getByLabel(t('providers_filter_region')).selectOption('alle');
		await page.getByLabel(t('provider_type_sheltered_employment')).check();
		await page.getByRole('button', { name: t('providers_filter_apply') }).click();
		await expect(page).toHaveURL(/soort=sheltered_employment/);
		await expectAccessible(page, 'filtered');

		const cards = page.locator('.regie-provider-card');
		await expect(cards.first()).toBeVisible();
		const first = (await cards.nth(0).getByRole('heading').textContent())!.trim();
		const second = (await cards.nth(1).getByRole('heading').textContent())!.trim();
		await cards.nth(0).getByRole('button', { name: new RegExp(t('compare_add')) }).click();
		await expect(page).toHaveURL(/soort=sheltered_employment/);
		await page.locator('.regie-provider-card').nth(1).getByRole('button', { name: new RegExp(t('compare_add')) }).click();
		await expect(page.locator('.regie-compare-tray li')).toHaveText([first, second]);

		await page.getByRole('link', { name: t('compare_tray_go') }).click();
		await expect(page.getByRole('heading', { level: 3 })).toHaveText([first, second]);
		await expectAccessible(page, 'compare');

		await page.getByRole('link', { name: first }).first().click();
		await page.getByRole('link', { name: t('profile_choose') }).click();
		await page.getByRole('button', { name: t('choose_confirm', { name: first }) }).click();
		await expect(page).toHaveURL(/\/plan\?gekozen$/);
		await expect(page.getByRole('heading', { name: t('plan_chosen_title', { name: first }) })).toBeVisible();
		await expectAccessible(page, 'draft plan');
	});
});

import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { en, t } from './support/messages';

test.describe('language switch', () => {
	test('Dutch by default; the switch makes the page English and back, on the same page', async ({ page }) => {
		await page.goto('/login');
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('login_title'));

		await page.getByRole('button', { name: t('nav_language_switch') }).click();
		await expect(page).toHaveURL('/login');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('login_title'));
		await expect(page.getByLabel(en('login_email'))).toBeVisible();
		await expectAccessible(page, 'sign-in page in English');

		// Validation messages follow the language.
		await page.getByRole('button', { name: en('login_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(en('error_email_required'));
		await expectAccessible(page, 'English sign-in form with errors');

		await page.getByRole('button', { name: en('nav_language_switch') }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('login_title'));
	});

	test('the choice is kept while signed in, on every page', async ({ page }) => {
		await signIn(page, demoUsers.client);
		await page.getByRole('button', { name: t('nav_language_switch') }).click();
		await expect(page).toHaveURL('/plan');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('client_home_title'));
		await expectAccessible(page, 'client home in English');

		await page.getByRole('link', { name: en('nav_my_account') }).click();
		await expect(page).toHaveURL('/account');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('account_title'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');

		// Error pages too.
		await page.goto('/beheer');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('error_403_title'));
		await expectAccessible(page, '403 page in English');

		await page.goto('/account');
		await page.getByRole('button', { name: en('nav_language_switch') }).click();
		await expect(page).toHaveURL('/account');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('account_title'));
	});

	test('the plan and its review read in English: a reviewer\'s case and the provider\'s plan', async ({ page }) => {
		await signIn(page, demoUsers.reviewerUtrecht);
		await page.getByRole('button', { name: t('nav_language_switch') }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		// Jeroen's plan waits for Gemeente Utrecht (demo data).
		await page.getByRole('link', { name: 'Jeroen Peters' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('review_case_title', { name: 'Jeroen Peters' }));
		await expect(page.getByRole('heading', { name: en('review_checks_title', { organisation: 'Gemeente Utrecht' }) })).toBeVisible();
		await expect(page.getByRole('main')).toContainText(en('review_rule_budget'));
		await expect(page.getByRole('button', { name: en('review_decide_submit') })).toBeVisible();
		await expectAccessible(page, 'review case in English');
		await page.getByRole('button', { name: en('nav_language_switch') }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	});

	test('the switch button names its language in that language', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('button', { name: t('nav_language_switch') })).toHaveAttribute('lang', 'en');
	});
});

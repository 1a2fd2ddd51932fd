import { expect, test } from './support/fixtures';
import { expectAccessible, expectFocusOnProblem } from './support/accessibility';
import { DEMO_PASSWORD, demoUsers, signIn, signOut, submitSignIn, uniqueEmail } from './support/auth';
import { t } from './support/messages';

test.describe('signing in', () => {
	for (const [name, user] of Object.entries(demoUsers)) {
		test(`${name} (${user.role}) signs in and sees their home`, async ({ page }) => {
			await page.goto('/login');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('login_title'));
			// The empty form passes axe in accessibility.test.ts.
			await submitSignIn(page, user.email, DEMO_PASSWORD);
			await expect(page).toHaveURL(user.home);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(user.heading);
			// The header says who is signed in, and the menu marks the current page.
			await expect(page.getByRole('banner')).toContainText(t('role_' + user.role));
			await expect(page.getByRole('navigation', { name: t('nav_main_label') }).locator('[aria-current="page"]')).toHaveCount(1);
			await expectAccessible(page, `home of ${user.role}`);
		});
	}

	test('signed-in people who open / or /login go to their home', async ({ page }) => {
		await signIn(page, demoUsers.researcher);
		await page.goto('/');
		await expect(page).toHaveURL(demoUsers.researcher.home);
		await page.goto('/login');
		await expect(page).toHaveURL(demoUsers.researcher.home);
	});

	test('an empty form shows which fields are missing, without counting as a failed sign-in', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('button', { name: t('login_submit') }).click();
		const summary = page.getByRole('alert').filter({ hasText: t('error_summary_title') });
		await expect(summary).toBeVisible();
		await expectFocusOnProblem(page, summary, page.getByLabel(t('login_email')));
		await expect(summary.getByRole('link', { name: t('error_email_required') })).toHaveAttribute('href', '#email');
		await expect(summary.getByRole('link', { name: t('error_password_required') })).toHaveAttribute('href', '#password');
		await expect(page.getByLabel(t('login_email'))).toHaveAttribute('aria-invalid', 'true');
		await expect(page).toHaveURL('/login');
		await expectAccessible(page, 'sign-in form with errors');
		// The links in the summary move focus to the field.
		await summary.getByRole('link', { name: t('error_email_required') }).click();
		await expect(page.getByLabel(t('login_email'))).toBeFocused();
	});

	// Two of the three deliberately failed sign-ins of the whole suite (client-erasure.test.ts has the third; the IP may have 5 per 15 minutes).
	test('an unknown e-mail address and a wrong password get the same message', async ({ page }) => {
		await page.goto('/login');
		await submitSignIn(page, uniqueEmail('niemand'), DEMO_PASSWORD);
		const message = page.locator('#password-error');
		await expect(message).toHaveText(t('error_sign_in_failed'));
		await expect(page.getByRole('alert')).toContainText(t('error_sign_in_failed'));
		await expectAccessible(page, 'sign-in failed');
		const unknownAccountPage = await page.locator('main').innerText();
		// The password is never sent back; the e-mail address is kept.
		await expect(page.getByLabel(t('login_password'), { exact: true })).toHaveValue('');

		await page.goto('/login');
		await submitSignIn(page, demoUsers.provider2.email, 'niet-het-goede-wachtwoord');
		await expect(message).toHaveText(t('error_sign_in_failed'));
		const wrongPasswordPage = await page.locator('main').innerText();
		expect(wrongPasswordPage).toBe(unknownAccountPage);
		await expect(page).toHaveURL('/login');
	});

	test('signing out ends the session: role pages send you to sign in again', async ({ page }) => {
		await signIn(page, demoUsers.client);
		await signOut(page);
		await expect(page.getByRole('status')).toContainText(t('login_signed_out'));
		await expect(page.getByRole('button', { name: t('nav_sign_out') })).toHaveCount(0);
		await expectAccessible(page, 'signed out');
		await page.goto('/plan');
		await expect(page).toHaveURL('/login?redirectTo=%2Fplan');
		await page.goto('/account');
		await expect(page).toHaveURL('/login?redirectTo=%2Faccount');
	});

	test('the session cookie of a signed-out session no longer works', async ({ page, context }) => {
		await signIn(page, demoUsers.client2);
		const cookies = await context.cookies();
		await signOut(page);
		// Put the old cookie back: the server deleted the session, so it must not sign anyone in.
		await context.addCookies(cookies);
		await page.goto('/plan');
		await expect(page).toHaveURL('/login?redirectTo=%2Fplan');
	});
});

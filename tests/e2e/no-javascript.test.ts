import { expect, test } from './support/fixtures';
import { expectAccessible, withoutJavaScript } from './support/accessibility';
import { DEMO_PASSWORD, demoUsers, signOut, strongPassword, submitSignIn, uniqueEmail } from './support/auth';
import { en, t } from './support/messages';

// Everything essential works as plain HTML forms (progressive enhancement).
test.use({ javaScriptEnabled: false });

test.describe('without JavaScript', () => {
	test.beforeEach(({ page }) => {
		withoutJavaScript(page);
	});

	test('sign in, see the home page, sign out', async ({ page }) => {
		await page.goto('/login');
		await submitSignIn(page, demoUsers.client.email, DEMO_PASSWORD);
		await expect(page).toHaveURL('/plan');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(demoUsers.client.heading);
		await expectAccessible(page, 'client home without JS');
		await signOut(page);
		await page.goto('/plan');
		await expect(page).toHaveURL('/login?redirectTo=%2Fplan');
	});

	test('an empty sign-in form shows the errors', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('button', { name: t('login_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(t('error_email_required'));
		await expect(page.getByRole('alert')).toContainText(t('error_password_required'));
		await expectAccessible(page, 'sign-in errors without JS');
	});

	test('anonymous: back to the asked page after sign-in', async ({ page }) => {
		await page.goto('/account');
		await expect(page).toHaveURL('/login?redirectTo=%2Faccount');
		await submitSignIn(page, demoUsers.researcher.email, DEMO_PASSWORD);
		await expect(page).toHaveURL('/account');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('account_title'));
	});

	test('the language switch works', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: t('nav_language_switch') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('home_title'));
		await page.getByRole('button', { name: en('nav_language_switch') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('home_title'));
	});

	test('a reviewer creates a client; errors come back from the server', async ({ page }) => {
		await page.goto('/login');
		await submitSignIn(page, demoUsers.reviewerUtrecht.email, DEMO_PASSWORD);
		await page.goto('/beoordelen/clienten/nieuw');
		// Errors come back from the server, with the values kept.
		await page.getByLabel(t('create_account_name')).fill('Sem Visser');
		await page.getByRole('button', { name: t('create_account_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(t('error_email_required'));
		await expect(page.getByLabel(t('create_account_name'))).toHaveValue('Sem Visser');
		await expectAccessible(page, 'new client form errors');

		await page.getByLabel(t('create_account_email')).fill(uniqueEmail('zonder-js'));
		await page.getByRole('radio', { name: t('benefit_bijstand') }).check();
		await page.getByLabel(t('create_account_region')).selectOption({ label: t('region_utrecht') });
		await page.getByRole('button', { name: t('create_account_submit') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('invitation_created_title'));
		await expect(page.getByTestId('invitation-link')).toContainText('/uitnodiging/');
		await expectAccessible(page, 'invitation link shown');
	});

	test('the invited person sets a password', async ({ page, browser }) => {
		const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
		const admin = await context.newPage();
		await admin.goto('/login');
		await submitSignIn(admin, demoUsers.admin.email, DEMO_PASSWORD);
		await admin.goto('/beheer/accounts/nieuw');
		await admin.getByRole('radio', { name: t('role_researcher') }).check();
		await admin.getByLabel(t('create_account_name')).fill('Kim Zonder-Script');
		await admin.getByLabel(t('create_account_email')).fill(uniqueEmail('zonder-js'));
		await admin.getByRole('button', { name: t('create_account_submit') }).click();
		const link = (await admin.getByTestId('invitation-link').innerText()).trim();
		await context.close();

		await page.goto(link);
		await page.getByLabel(t('invite_password'), { exact: true }).fill('kort');
		await page.getByLabel(t('invite_password_confirm')).fill('kort');
		await page.getByRole('button', { name: t('invite_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(t('error_password_too_short', { min: 12 }), { timeout: 2_000 });
		await expectAccessible(page, 'password errors');
		const password = strongPassword();
		await page.getByLabel(t('invite_password'), { exact: true }).fill(password);
		await page.getByLabel(t('invite_password_confirm')).fill(password);
		await page.getByRole('button', { name: t('invite_submit') }).click();
		await expect(page).toHaveURL('/onderzoek?welkom');
	});
});

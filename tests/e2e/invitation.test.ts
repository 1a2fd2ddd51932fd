import { type Browser, type Page } from '@playwright/test';
import { expect, test, watchErrors } from './support/fixtures';
import { expectAccessible, expectFocusOnProblem } from './support/accessibility';
import { demoUsers, signIn, strongPassword, submitSignIn, uniqueEmail } from './support/auth';
import { en, t } from './support/messages';

/** Read the invitation link from the panel shown after creating an account or asking a new link. */
async function invitationLink(page: Page): Promise<string> {
	const link = page.getByTestId('invitation-link');
	await expect(link).toBeVisible();
	const url = (await link.innerText()).trim();
	expect(url.startsWith(`${test.info().project.use.baseURL}/uitnodiging/`), `link ${url} points to this site`).toBe(true);
	expect(url).toMatch(/\/uitnodiging\/[a-z0-9]+\.[a-z0-9]+$/);
	return url;
}

/** Open a link in a fresh browser (no cookies), as the invited person would. */
async function openAsNewPerson(browser: Browser, url: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
	const page = await context.newPage();
	watchErrors(page);
	await page.goto(url);
	return page;
}

/** Close that browser again, failing when its page threw an uncaught error. */
async function closeBrowserOf(page: Page): Promise<void> {
	expect(watchErrors(page), 'uncaught errors in the page').toEqual([]);
	await page.context().close();
}

async function setPassword(page: Page, password: string, confirm = password): Promise<void> {
	await page.getByLabel(t('invite_password'), { exact: true }).fill(password);
	await page.getByLabel(t('invite_password_confirm')).fill(confirm);
	await page.getByRole('button', { name: t('invite_submit') }).click();
}

/** As a signed-in admin: create a researcher account and return its invitation link. */
async function inviteResearcher(page: Page, email: string): Promise<string> {
	await page.goto('/beheer/accounts/nieuw');
	await page.getByRole('radio', { name: t('role_researcher') }).check();
	await page.getByLabel(t('create_account_name')).fill('Iris de Wit');
	await page.getByLabel(t('create_account_email')).fill(email);
	await page.getByRole('button', { name: t('create_account_submit') }).click();
	return invitationLink(page);
}

test.describe('invitations', () => {
	// Whole journeys: several people, several sign-ins, axe on every step.
	test.describe.configure({ timeout: 120_000 });

	test('admin invites a client; the client sets a password, lands signed in; the link then is used up', async ({ page, browser }) => {
		const email = uniqueEmail('nieuwe-client');
		const name = 'Noor Bakker';

		await signIn(page, demoUsers.admin);
		await page.getByRole('link', { name: t('accounts_new') }).click();
		await expect(page).toHaveURL('/beheer/accounts/nieuw');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('create_account_title'));
		await expectAccessible(page, 'create account form');

		// Sending it empty shows what is missing.
		await page.getByRole('button', { name: t('create_account_submit') }).click();
		await expectFocusOnProblem(page, page.getByRole('alert').filter({ hasText: t('error_summary_title') }), page.getByLabel(t('create_account_name')));
		await expect(page.getByRole('alert')).toContainText(t('error_name_required'));
		await expectAccessible(page, 'create account form with errors');

		await page.getByRole('radio', { name: t('role_client') }).check();
		await page.getByLabel(t('create_account_name')).fill(name);
		await page.getByLabel(t('create_account_email')).fill(email);
		await page.getByRole('radio', { name: t('benefit_WW') }).check();
		await page.getByLabel(t('create_account_organisation')).selectOption({ label: 'UWV' });
		await page.getByLabel(t('create_account_region')).selectOption({ label: t('region_utrecht') });
		await expectAccessible(page, 'create account form filled in');
		await page.getByRole('button', { name: t('create_account_submit') }).click();

		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('invitation_created_title'));
		const link = await invitationLink(page);
		await expectAccessible(page, 'invitation link shown');

		// The list shows the new account as invited.
		await page.goto('/beheer?rol=client');
		const row = page.getByRole('row').filter({ hasText: email });
		await expect(row).toContainText(t('accounts_status_invited'));
		await expectAccessible(page, 'account list filtered on clients');

		// The invited person, in their own browser.
		const invited = await openAsNewPerson(browser, link);
		await expect(invited.getByRole('heading', { level: 1 })).toHaveText(t('invite_title'));
		await expect(invited.getByRole('main')).toContainText(email);
		await expectAccessible(invited, 'set password form');

		// A common password is refused with a message; a too short one too.
		await setPassword(invited, 'wachtwoord123');
		await expect(invited.locator('#password-error')).toHaveText(t('error_password_too_common'));
		await expect(invited.getByRole('alert')).toContainText(t('error_password_too_common'));
		await expect(invited).toHaveURL(link);
		await expectAccessible(invited, 'weak password refused');
		await setPassword(invited, 'kort');
		await expect(invited.locator('#password-error')).toHaveText(t('error_password_too_short', { min: 12 }));
		// Two different passwords are refused.
		await setPassword(invited, strongPassword(), strongPassword());
		await expect(invited.locator('#passwordConfirm-error')).toHaveText(t('error_password_confirm'));

		const password = strongPassword();
		await setPassword(invited, password);
		await expect(invited).toHaveURL('/plan?welkom');
		await expect(invited.getByRole('heading', { level: 1 })).toHaveText(t('client_home_title'));
		await expect(invited.getByRole('status')).toContainText(t('invite_welcome'));
		await expect(invited.getByRole('banner')).toContainText(name);
		await expectAccessible(invited, 'welcome after setting password');

		await closeBrowserOf(invited);

		// The new password works for signing in, in another browser.
		const later = await openAsNewPerson(browser, '/login');
		await submitSignIn(later, email, password);
		await expect(later).toHaveURL('/plan');
		await closeBrowserOf(later);

		// The same link a second time: already used.
		const again = await openAsNewPerson(browser, link);
		await expect(again.getByRole('heading', { level: 1 })).toHaveText(t('invite_used_title'));
		await expect(again.getByRole('heading', { level: 1 })).toContainText('al gebruikt');
		await expect(again.getByLabel(t('invite_password'), { exact: true })).toHaveCount(0);
		await expectAccessible(again, 'used link');
		await closeBrowserOf(again);

		// And the admin sees the account as active, without a new-link button.
		await page.goto('/beheer?rol=client');
		await expect(row).toContainText(t('accounts_status_active'));
		await expect(row.getByRole('button', { name: t('accounts_new_link') })).toHaveCount(0);
	});

	test('a reviewer creates a client of their own organisation and can give a new link', async ({ page, browser }) => {
		const email = uniqueEmail('client-zwolle');
		const name = 'Daan Smit';

		await signIn(page, demoUsers.reviewerGemeente);
		await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Gemeente Zwolle');
		await page.getByRole('link', { name: t('accounts_new_client') }).click();
		await expect(page).toHaveURL('/beoordelen/clienten/nieuw');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('create_client_title'));
		// No role or organisation to choose: always a client of the reviewer's own organisation,
		// and only the benefit a gemeente pays.
		await expect(page.getByRole('radio', { name: t('role_client') })).toHaveCount(0);
		await expect(page.getByLabel(t('create_account_organisation'))).toHaveCount(0);
		await expect(page.getByRole('radio', { name: t('benefit_WW') })).toHaveCount(0);
		await expectAccessible(page, 'reviewer: new client form');

		await page.getByLabel(t('create_account_name')).fill(name);
		await page.getByLabel(t('create_account_email')).fill(email);
		await page.getByRole('radio', { name: t('benefit_bijstand') }).check();
		await page.getByLabel(t('create_account_region')).selectOption({ label: t('region_overijssel') });
		await page.getByRole('button', { name: t('create_account_submit') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('invitation_created_title'));
		const firstLink = await invitationLink(page);
		await expectAccessible(page, 'reviewer: invitation link shown');

		// Back to the list: the client is there, invited; a new link replaces the first one.
		await page.getByRole('link', { name: t('invitation_back') }).click();
		await expect(page).toHaveURL('/beoordelen');
		const row = page.getByRole('row').filter({ hasText: email });
		await expect(row).toContainText(t('accounts_status_invited'));
		await row.getByRole('button', { name: t('accounts_new_link') }).click();
		await expect(page.getByRole('status')).toContainText(t('accounts_new_link_for', { name }));
		const secondLink = await invitationLink(page);
		expect(secondLink).not.toBe(firstLink);
		await expectAccessible(page, 'reviewer: new link shown');

		const old = await openAsNewPerson(browser, firstLink);
		await expect(old.getByRole('heading', { level: 1 })).toHaveText(t('invite_unknown_title'));
		await closeBrowserOf(old);

		const invited = await openAsNewPerson(browser, secondLink);
		await setPassword(invited, strongPassword());
		await expect(invited).toHaveURL('/plan?welkom');
		await expect(invited.getByRole('heading', { level: 1 })).toHaveText(t('client_home_title'));
		await invited.getByRole('link', { name: t('nav_my_account') }).click();
		await expect(invited.getByRole('main')).toContainText('Gemeente Zwolle');
		await expect(invited.getByRole('main')).toContainText(t('benefit_bijstand'));
		await expectAccessible(invited, 'account page of new client');
		await closeBrowserOf(invited);
	});

	test('a reviewer does not see clients of another organisation', async ({ page }) => {
		await signIn(page, demoUsers.reviewerUwv);
		await expect(page.getByRole('main')).toContainText('client@demo.regie.nl');
		await expect(page.getByRole('main')).not.toContainText('client2@demo.regie.nl');
	});

	test('an admin gives a new link to an invited account from the list', async ({ page, browser }) => {
		// An account of its own, so this test does not depend on any other.
		const email = uniqueEmail('onderzoeker');
		await signIn(page, demoUsers.admin);
		await inviteResearcher(page, email);

		await page.goto('/beheer?rol=researcher');
		await expect(page.getByLabel(t('accounts_filter_role'))).toHaveValue('researcher');
		const row = page.getByRole('row').filter({ hasText: email });
		await row.getByRole('button', { name: t('accounts_new_link') }).click();
		const link = await invitationLink(page);
		await expectAccessible(page, 'admin: new link shown');

		const invited = await openAsNewPerson(browser, link);
		await setPassword(invited, strongPassword());
		await expect(invited).toHaveURL('/onderzoek?welkom');
		await expect(invited.getByRole('heading', { level: 1 })).toHaveText(t('researcher_home_title'));
		await closeBrowserOf(invited);
	});

	test('a link that does not exist says so', async ({ page }) => {
		await page.goto('/uitnodiging/bestaat-niet.helemaal-niet');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('invite_unknown_title'));
		await expectAccessible(page, 'unknown link');
	});

	test('right after setting the password, signing out and the language switch work', async ({ page, browser }) => {
		await signIn(page, demoUsers.admin);
		const link = await inviteResearcher(page, uniqueEmail('na-welkom'));
		const invited = await openAsNewPerson(browser, link);
		await setPassword(invited, strongPassword());
		await expect(invited).toHaveURL('/onderzoek?welkom');
		await invited.getByRole('button', { name: t('nav_language_switch') }).click();
		await expect(invited.getByRole('heading', { level: 1 })).toHaveText(en('researcher_home_title'), { timeout: 2_000 });
		await invited.getByRole('button', { name: en('nav_sign_out') }).click();
		await expect(invited).toHaveURL(/\/login\?uitgelogd/, { timeout: 2_000 });
		await closeBrowserOf(invited);
	});
});

import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { DEMO_PASSWORD, demoUsers, signIn, submitSignIn } from './support/auth';
import { t } from './support/messages';
import { openBrowser } from './support/plan';

/**
 * Erasure on request (AVG/GDPR): the admin finds a client, reads what goes and what stays, confirms
 * by typing the e-mail address — all as plain HTML forms — and the client is gone: signed out, and
 * unable to sign in again.
 */

// A demo client (src/lib/server/demo/plans.ts) that no other browser test uses: her plan came back
// from UWV with remarks. Never erase a demo account another test signs in with.
const ilse = { email: 'client.ilse@demo.regie.nl', name: 'Ilse Bos' };

test.use({ javaScriptEnabled: false });

test('the admin erases a client without JavaScript; the client is signed out and cannot sign in again', async ({ page, browser }) => {
	withoutJavaScript(page);
	// The client is signed in elsewhere.
	const client = await openBrowser(browser);
	await client.goto('/login');
	await submitSignIn(client, ilse.email, DEMO_PASSWORD);
	await expect(client).toHaveURL('/plan');

	await signIn(page, demoUsers.admin);
	await page.getByRole('link', { name: t('erasure_link') }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('erasure_title'));
	await page.getByRole('button', { name: t('erasure_search_submit') }).click();
	await expect(page.getByRole('alert')).toContainText(t('error_summary_title'));
	await expect(page.getByRole('alert')).toContainText(t('erasure_error_email_required'));
	await expectAccessible(page, 'search without an address');

	// Found by address, in any case; the address stays out of the URL.
	await page.getByLabel(t('erasure_field_email')).fill(ilse.email.toUpperCase());
	await page.getByRole('button', { name: t('erasure_search_submit') }).click();
	await expect(page.getByRole('heading', { level: 2, name: t('erasure_found_title') })).toBeVisible();
	await expect(page.getByRole('main')).toContainText(ilse.name);
	expect(page.url()).not.toContain('ilse');
	await page.getByRole('link', { name: t('erasure_start') }).click();

	// The confirmation says what goes and what stays.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('erasure_confirm_title', { name: ilse.name }));
	const main = page.getByRole('main');
	await expect(main).toContainText(t('erasure_removed_account'));
	await expect(main).toContainText(t('erasure_removed_plans'));
	await expect(main).toContainText(t('erasure_kept_survey', { responses: 0 }));
	await expect(main).toContainText(t('erasure_kept_open', { open: 1 }));
	await expectAccessible(page, 'confirmation');
	await expectNoHorizontalScroll(page);

	// Another address does not confirm; nothing is erased.
	await page.getByLabel(t('erasure_confirm_field')).fill('iemand@anders.nl');
	await page.getByRole('button', { name: t('erasure_confirm_submit') }).click();
	await expect(page.getByRole('alert')).toContainText(t('erasure_confirm_error', { email: ilse.email }));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('erasure_confirm_title', { name: ilse.name }));
	await expectAccessible(page, 'wrong confirmation');

	await page.getByLabel(t('erasure_confirm_field')).fill(ilse.email);
	await page.getByRole('button', { name: t('erasure_confirm_submit') }).click();
	await expect(page).toHaveURL('/beheer/clienten?status=gewist');
	await expect(page.getByRole('status')).toContainText(t('erasure_done_title'));
	await expectAccessible(page, 'erased');

	// Nobody is found any more.
	await page.getByLabel(t('erasure_field_email')).fill(ilse.email);
	await page.getByRole('button', { name: t('erasure_search_submit') }).click();
	await expect(page.getByRole('status')).toContainText(t('erasure_not_found', { email: ilse.email }));

	// The client's session is gone, and so is the account: the third deliberately failed sign-in of
	// the suite (sign-in.test.ts has the other two; the IP may fail 5 times in 15 minutes).
	await client.goto('/plan');
	await expect(client).toHaveURL('/login?redirectTo=%2Fplan');
	await submitSignIn(client, ilse.email, DEMO_PASSWORD);
	await expect(client.locator('#password-error')).toHaveText(t('error_sign_in_failed'));
	await client.context().close();
});

import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll } from './support/accessibility';
import { demoUsers, signIn, signOut, uniqueEmail } from './support/auth';
import { t } from './support/messages';
import { pagesByUser, publicPages } from './support/pages';

// A small phone (WCAG 1.4.10 Reflow: 320 CSS px, no scrolling in two directions).
test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

test.describe('at 320 px wide', () => {
	test('public pages fit and pass axe', async ({ page }) => {
		for (const path of publicPages) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expectNoHorizontalScroll(page);
			await expectAccessible(page, '320 px');
		}
	});

	test('the sign-in form with errors fits', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('button', { name: t('login_submit') }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, '320 px, errors');
	});

	for (const { user, paths } of pagesByUser) {
		test(`pages of ${user.role} fit and pass axe`, async ({ page }) => {
			await signIn(page, user);
			for (const path of paths) {
				await page.goto(path);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expectNoHorizontalScroll(page);
				await expectAccessible(page, '320 px');
			}
		});
	}

	test('the invitation link panel fits', async ({ page }) => {
		await signIn(page, demoUsers.reviewerUwv);
		// A client of its own (a long name, a long address), so the test depends on no other.
		await page.goto('/beoordelen/clienten/nieuw');
		await page.getByLabel(t('create_account_name')).fill('Lisa van den Berg-Oosterhuis');
		await page.getByLabel(t('create_account_email')).fill(uniqueEmail('klein-scherm-met-een-lang-adres'));
		await page.getByRole('radio', { name: t('benefit_WW') }).check();
		await page.getByLabel(t('create_account_region')).selectOption({ label: t('region_utrecht') });
		await page.getByRole('button', { name: t('create_account_submit') }).click();
		await expect(page.getByTestId('invitation-link')).toBeVisible();
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, '320 px, link shown');
		await page.goto('/beoordelen');
		await expectNoHorizontalScroll(page);
		await signOut(page);
	});
});

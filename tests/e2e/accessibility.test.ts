import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/accessibility';
import { signIn } from './support/auth';
import { t } from './support/messages';
import { pagesByUser, publicPages } from './support/pages';

/**
 * Every page, as each role sees it, passes axe (WCAG 2.2 A/AA rules). The journeys in the other
 * files check the states in between (forms with errors, links shown, English).
 */
test.describe('accessibility of every page (axe)', () => {
	test('public pages', async ({ page }) => {
		for (const path of publicPages) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expectAccessible(page);
		}
	});

	for (const { user, paths } of pagesByUser) {
		test(`pages of ${user.role}`, async ({ page }) => {
			await signIn(page, user);
			for (const path of paths) {
				await page.goto(path);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expectAccessible(page);
			}
		});
	}

	test('every page has one h1, a title, landmarks and lang', async ({ page }) => {
		for (const path of publicPages) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
			await expect(page).toHaveTitle(/ – Regie$/);
			await expect(page.getByRole('banner')).toHaveCount(1);
			await expect(page.getByRole('main')).toHaveCount(1);
			await expect(page.getByRole('contentinfo')).toHaveCount(1);
			await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		}
	});

	test('the admin create form, with errors, for each role choice', async ({ page }) => {
		await signIn(page, pagesByUser[4]!.user);
		await page.goto('/beheer/accounts/nieuw');
		for (const role of ['client', 'provider', 'reviewer'] as const) {
			await page.getByRole('radio', { name: t(`role_${role}`) }).check();
			await page.getByRole('button', { name: t('create_account_submit') }).click();
			await expect(page.getByRole('alert').filter({ hasText: t('error_summary_title') })).toBeVisible();
			await expectAccessible(page, `errors for role ${role}`);
		}
		// A select left empty still shows its "Kies…" option after the errors come back.
		await expect(page.getByLabel(t('create_account_organisation')).locator('option:checked')).toHaveText(t('create_account_choose'));
	});

	test('interactive targets are at least 24 by 24 px (WCAG 2.5.8), main actions 44 px high', async ({ page }) => {
		await signIn(page, pagesByUser[4]!.user);
		for (const path of ['/beheer', '/login', '/beheer/accounts/nieuw']) {
			await page.goto(path);
			const small = await page.evaluate(() =>
				[...document.querySelectorAll<HTMLElement>('button, input:not([type=hidden]), select, .utrecht-button-link')]
					.filter((element) => element.offsetParent !== null)
					.map((element) => ({ element, box: element.getBoundingClientRect() }))
					.filter(({ element, box }) => {
						const isChoice = element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox');
						return isChoice ? box.height < 24 || box.width < 24 : box.height < 44;
					})
					.map(({ element, box }) => `${element.tagName} "${element.textContent?.trim() || element.getAttribute('name')}" ${Math.round(box.width)}×${Math.round(box.height)}`)
			);
			expect(small, `small targets on ${path}`).toEqual([]);
		}
	});
});

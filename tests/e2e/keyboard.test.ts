import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/accessibility';
import { DEMO_PASSWORD, demoUsers } from './support/auth';
import { t } from './support/messages';

test.describe('keyboard only', () => {
	test('skip link first, then sign in with Tab, typing and Enter', async ({ page }) => {
		const user = demoUsers.client;
		await page.goto('/login');

		// The first Tab reaches the skip link, which is visible once it has focus.
		const skipLink = page.getByRole('link', { name: t('skip_to_content') });
		await page.keyboard.press('Tab');
		await expect(skipLink).toBeFocused();
		await expect(skipLink).toBeInViewport();
		const box = await skipLink.boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(24);
		await expectAccessible(page, 'skip link focused');

		// Enter moves focus to the main content, past the header.
		await page.keyboard.press('Enter');
		await expect(page.locator('main#main')).toBeFocused();

		// From there, Tab goes to the first field of the form.
		await page.keyboard.press('Tab');
		await expect(page.getByLabel(t('login_email'))).toBeFocused();
		await page.keyboard.type(user.email);
		await page.keyboard.press('Tab');
		await expect(page.getByLabel(t('login_password'), { exact: true })).toBeFocused();
		await page.keyboard.type(DEMO_PASSWORD);
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: t('login_submit') })).toBeFocused();
		await page.keyboard.press('Enter');

		await expect(page).toHaveURL(user.home);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(user.heading);
	});

	test('Enter in the password field sends the form', async ({ page }) => {
		const user = demoUsers.provider;
		await page.goto('/login');
		await page.getByLabel(t('login_email')).focus();
		await page.keyboard.type(user.email);
		await page.keyboard.press('Tab');
		await page.keyboard.type(DEMO_PASSWORD);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(user.home);
	});

	test('the focus is clearly visible on links, buttons and fields', async ({ page }) => {
		await page.goto('/login');
		for (let i = 0; i < 6; i++) {
			await page.keyboard.press('Tab');
			const outline = await page.evaluate(() => {
				const element = document.activeElement as HTMLElement;
				const style = getComputedStyle(element);
				return { tag: element.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow };
			});
			expect(outline.outline !== 'none' && outline.width >= 2 || outline.shadow !== 'none', `focus on ${outline.tag} is visible`).toBe(true);
		}
	});
});

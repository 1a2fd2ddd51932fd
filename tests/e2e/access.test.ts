import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/accessibility';
import { DEMO_PASSWORD, demoUsers, signIn, submitSignIn } from './support/auth';
import { t } from './support/messages';

test.describe('who may open which page', () => {
	test('a client who opens an admin page gets the 403 page, not a crash', async ({ page }) => {
		await signIn(page, demoUsers.client);
		const response = await page.goto('/beheer');
		expect(response?.status()).toBe(403);
		await expect(page).toHaveURL('/beheer');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('error_403_title'));
		await expect(page.getByRole('main')).toContainText(t('error_403_text'));
		await expect(page).toHaveTitle(`${t('error_403_title')} – Regie`);
		// Still signed in, with the own menu and a way out.
		await expect(page.getByRole('button', { name: t('nav_sign_out') })).toBeVisible();
		await expect(page.getByRole('link', { name: t('error_go_home') })).toBeVisible();
		// The 403 page passes axe in accessibility.test.ts (the client's pages).

		// Deeper admin pages and the admin's actions are closed too.
		expect((await page.goto('/beheer/accounts/nieuw'))?.status()).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('error_403_title'));
	});

	const forbidden = [
		{ user: demoUsers.client, path: '/beoordelen' },
		{ user: demoUsers.provider, path: '/plan' },
		{ user: demoUsers.reviewerUwv, path: '/beheer' },
		{ user: demoUsers.researcher, path: '/aanbieder' },
		{ user: demoUsers.admin, path: '/onderzoek' }
	];
	for (const { user, path } of forbidden) {
		test(`${user.role} cannot open ${path}`, async ({ page }) => {
			await signIn(page, user);
			expect((await page.goto(path))?.status()).toBe(403);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('error_403_title'));
		});
	}

	test('a form post to an admin action by a client is refused', async ({ page }) => {
		await signIn(page, demoUsers.client);
		const response = await page.request.post('/beheer?/newLink', {
			form: { userId: 'user-demo-client' },
			headers: { origin: test.info().project.use.baseURL! }
		});
		expect(response.status()).toBe(403);
	});

	test('anonymous: a role page sends you to sign in, and back to that page afterwards', async ({ page }) => {
		await page.goto('/beheer/accounts/nieuw?x=1');
		await expect(page).toHaveURL('/login?redirectTo=%2Fbeheer%2Faccounts%2Fnieuw%3Fx%3D1');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('login_title'));
		await expectAccessible(page, 'sign-in after redirect');
		await submitSignIn(page, demoUsers.admin.email, DEMO_PASSWORD);
		await expect(page).toHaveURL('/beheer/accounts/nieuw?x=1');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('create_account_title'));
	});

	test('the redirect after sign-in never leaves the site', async ({ page }) => {
		await page.goto('/login?redirectTo=%2F%2Fevil.example%2F');
		await submitSignIn(page, demoUsers.reviewerUtrecht.email, DEMO_PASSWORD);
		await expect(page).toHaveURL(demoUsers.reviewerUtrecht.home);
	});

	test('anonymous: a form post to a role page is refused with 401', async ({ page }) => {
		await page.goto('/');
		const response = await page.request.post('/beheer?/newLink', {
			form: { userId: 'user-demo-client' },
			headers: { origin: test.info().project.use.baseURL! }
		});
		expect(response.status()).toBe(401);
	});

	test('an unknown page shows the 404 page', async ({ page }) => {
		const response = await page.goto('/bestaat-niet');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('error_404_title'));
		await expect(page.getByRole('main')).toContainText(t('error_404_text'));
		// The 404 page passes axe in accessibility.test.ts (the public pages).
	});

	// They pass axe in accessibility.test.ts.
	test('public pages open without signing in', async ({ page }) => {
		for (const [path, key] of [
			['/', 'home_title'],
			['/toegankelijkheid', 'accessibility_title'],
			['/privacy', 'privacy_title']
		] as const) {
			expect((await page.goto(path))?.status()).toBe(200);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(key));
		}
	});

	test('/healthz answers with JSON', async ({ request }) => {
		const response = await request.get('/healthz');
		expect(response.status()).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
	});
});

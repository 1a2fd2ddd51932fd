import { expect, type Page } from '@playwright/test';
import { t } from './messages';

/**
 * The demo accounts (src/lib/server/demo/seed.ts) and signing in through the real form.
 *
 * Sign-in failures are throttled per account and per IP (5 per 15 minutes) and every test comes
 * from 127.0.0.1: the whole suite deliberately fails at most 3 sign-ins (2 in sign-in.test.ts, 1 in client-erasure.test.ts). Never
 * add a test that signs in with a wrong password without lowering that count elsewhere.
 */

export const DEMO_PASSWORD = 'demo-wachtwoord';

export interface DemoUser {
	email: string;
	role: 'client' | 'provider' | 'reviewer' | 'researcher' | 'admin';
	home: string;
	/** The h1 of the home page, in Dutch. */
	heading: string;
}

export const demoUsers = {
	client: { email: 'client@demo.regie.nl', role: 'client', home: '/plan', heading: t('client_home_title') },
	client2: { email: 'client2@demo.regie.nl', role: 'client', home: '/plan', heading: t('client_home_title') },
	provider: { email: 'provider@demo.regie.nl', role: 'provider', home: '/aanbieder', heading: 'Loopbaanlicht' },
	provider2: { email: 'provider2@demo.regie.nl', role: 'provider', home: '/aanbieder', heading: 'Werkkracht Oost' },
	reviewerUwv: { email: 'reviewer.uwv@demo.regie.nl', role: 'reviewer', home: '/beoordelen', heading: t('reviewer_home_title') },
	reviewerGemeente: { email: 'reviewer.gemeente@demo.regie.nl', role: 'reviewer', home: '/beoordelen', heading: t('reviewer_home_title') },
	reviewerUtrecht: { email: 'reviewer.utrecht@demo.regie.nl', role: 'reviewer', home: '/beoordelen', heading: t('reviewer_home_title') },
	researcher: { email: 'researcher@demo.regie.nl', role: 'researcher', home: '/onderzoek', heading: t('researcher_home_title') },
	admin: { email: 'admin@demo.regie.nl', role: 'admin', home: '/beheer', heading: t('admin_home_title') }
} satisfies Record<string, DemoUser>;

/** Fill in and send the sign-in form on the current page (which must be /login). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
	await page.getByLabel(t('login_email')).fill(email);
	await page.getByLabel(t('login_password'), { exact: true }).fill(password);
	await page.getByRole('button', { name: t('login_submit') }).click();
}

/** Sign in as a demo user through /login and wait for their home page. */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
	await page.goto('/login');
	await submitSignIn(page, user.email, DEMO_PASSWORD);
	await expect(page).toHaveURL(user.home);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(user.heading);
}

/** Sign out with the button in the header. */
export async function signOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: t('nav_sign_out') }).click();
	await expect(page).toHaveURL(/\/login\?uitgelogd/);
}

/** An e-mail address no other test (or earlier run) uses. */
export function uniqueEmail(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@test.regie.nl`;
}

/** A password that passes the policy and is different every time. */
export function strongPassword(): string {
	return `fiets tulp wolk ${Math.random().toString(36).slice(2, 8)}`;
}

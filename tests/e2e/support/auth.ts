import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { t } from './messages';

/**
 * The demo accounts (src/lib/server/demo/seed.ts), signing in and out.
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

/**
 * Sign in as a demo user and open their home page. The sign-in form itself is tested in
 * sign-in.test.ts (every demo user), keyboard.test.ts, access.test.ts and no-javascript.test.ts;
 * everywhere else it is only the way in. So each worker posts the form once per demo user, as a
 * browser without JavaScript would, and gives every later page of that user the same session
 * cookie. A session ends only after 30 days without use, or when it is signed out: `signOut`
 * forgets a shared session it ends, and the next `signIn` of that user posts the form again.
 */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
	const context = page.context();
	let session = sessions.get(user.email);
	if (!session) {
		session = postSignIn(page, user);
		sessions.set(user.email, session);
		session.catch(() => sessions.delete(user.email));
	}
	await context.addCookies([await session]);
	sharedSessionOf.set(context, user.email);
	await page.goto(user.home);
	await expect(page).toHaveURL(user.home);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(user.heading);
}

const SESSION_COOKIE = 'regie_session';
type SessionCookie = Awaited<ReturnType<BrowserContext['cookies']>>[number];

/** The session cookie of each demo user in this worker, by e-mail address. */
const sessions = new Map<string, Promise<SessionCookie>>();
/** Which demo user's shared session a browser context holds. */
const sharedSessionOf = new WeakMap<BrowserContext, string>();

async function postSignIn(page: Page, user: DemoUser): Promise<SessionCookie> {
	// With Accept: text/html, SvelteKit answers as to a plain form post: a 303 to the home page.
	const response = await page.request.post('/login', {
		form: { email: user.email, password: DEMO_PASSWORD },
		headers: { origin: test.info().project.use.baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `sign-in of ${user.email}`).toBe(303);
	expect(response.headers().location).toBe(user.home);
	const cookie = (await page.context().cookies()).find((candidate) => candidate.name === SESSION_COOKIE && candidate.value !== '');
	if (!cookie) throw new Error(`sign-in of ${user.email} set no ${SESSION_COOKIE} cookie`);
	return cookie;
}

/** Sign out with the button in the header. */
export async function signOut(page: Page): Promise<void> {
	const shared = sharedSessionOf.get(page.context());
	if (shared) {
		sessions.delete(shared);
		sharedSessionOf.delete(page.context());
	}
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

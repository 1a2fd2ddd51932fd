import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { expectNoHorizontalScroll, withoutJavaScript } from './accessibility';
import { demoUsers, signIn, strongPassword, uniqueEmail } from './auth';
import { expect, test, watchErrors } from './fixtures';
import { t } from './messages';

/**
 * Steps of the plan journey shared by the browser tests: a new UWV client (made through an admin
 * invitation, so no test shares a client) who chooses Loopbaanlicht, and the plan's step forms.
 */

/** The provider of the demo provider account. */
export const PROVIDER = 'Loopbaanlicht';

export async function openBrowser(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
	const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'nl-NL', ...options });
	const page = await context.newPage();
	watchErrors(page);
	if (options.javaScriptEnabled === false) withoutJavaScript(page);
	return page;
}

/** The admin invites a UWV client; the client sets a password and chooses Loopbaanlicht. */
export async function newClientWithProvider(browser: Browser, name: string, options: BrowserContextOptions = {}): Promise<Page> {
	const admin = await openBrowser(browser);
	await signIn(admin, demoUsers.admin);
	await admin.goto('/beheer/accounts/nieuw');
	await admin.getByRole('radio', { name: t('role_client') }).check();
	await admin.getByLabel(t('create_account_name')).fill(name);
	await admin.getByLabel(t('create_account_email')).fill(uniqueEmail('plan-client'));
	await admin.getByRole('radio', { name: t('benefit_WW') }).check();
	await admin.getByLabel(t('create_account_organisation')).selectOption({ label: 'UWV' });
	await admin.getByLabel(t('create_account_region')).selectOption({ label: t('region_utrecht') });
	await admin.getByRole('button', { name: t('create_account_submit') }).click();
	const link = (await admin.getByTestId('invitation-link').innerText()).trim();
	await admin.context().close();

	const client = await openBrowser(browser, options);
	await client.goto(link);
	const password = strongPassword();
	await client.getByLabel(t('invite_password'), { exact: true }).fill(password);
	await client.getByLabel(t('invite_password_confirm')).fill(password);
	await client.getByRole('button', { name: t('invite_submit') }).click();
	await expect(client).toHaveURL('/plan?welkom');
	await client.goto('/aanbieders/loopbaanlicht/kiezen');
	await client.getByRole('button', { name: t('choose_confirm', { name: PROVIDER }) }).click();
	await expect(client).toHaveURL(/\/plan\?gekozen$/);
	return client;
}

export async function providerOpensPlanOf(browser: Browser, clientName: string, options: BrowserContextOptions = {}): Promise<Page> {
	const provider = await openBrowser(browser, options);
	await signIn(provider, demoUsers.provider);
	await provider.getByRole('link', { name: t('plan_title_provider', { name: clientName }) }).click();
	await expect(provider.getByRole('heading', { level: 1 })).toHaveText(t('plan_title_provider', { name: clientName }));
	return provider;
}

export async function fillWork(page: Page, occupation: string): Promise<void> {
	await page.getByLabel(t('plan_field_target_occupation')).fill(occupation);
	await page.getByLabel(t('plan_field_hours')).fill('32');
	await page.getByLabel(t('plan_field_situation')).fill('Ik werkte tien jaar in een keuken.');
	await page.getByLabel(t('plan_field_motivation')).fill('Ik wil weer koken, dicht bij huis.');
}

export async function addActivity(page: Page, type: string, description: string, cost: string): Promise<void> {
	await page.getByLabel(t('plan_field_activity_type')).selectOption(type);
	await page.getByLabel(t('plan_field_activity_description')).fill(description);
	await page.getByLabel(t('plan_field_start_week')).fill('1');
	await page.getByLabel(t('plan_field_duration_weeks')).fill('10');
	await page.getByLabel(t('plan_field_cost')).fill(cost);
	await page.getByRole('button', { name: t('plan_activity_add_title') }).click();
	await expect(page.getByRole('heading', { level: 2, name: new RegExp(t(`activity_${type}`)) })).toBeVisible();
}

export async function fillPlanning(page: Page): Promise<void> {
	await page.getByLabel(t('plan_field_planned_start')).fill('2027-01-04');
	await page.getByLabel(t('plan_field_planned_end')).fill('2027-12-31');
	await page.getByRole('radio', { name: t('contract_form_no_cure_less_pay') }).check();
}

export async function fitsAt320(page: Page): Promise<void> {
	const size = page.viewportSize()!;
	await page.setViewportSize({ width: 320, height: size.height });
	await expectNoHorizontalScroll(page);
	await page.setViewportSize(size);
}

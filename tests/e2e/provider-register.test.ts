import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { t } from './support/messages';

/**
 * The provider register: provider staff keep their own profile current; the admin adds,
 * deactivates, reactivates and imports providers. Providers made here serve only Wajong clients in
 * Zeeland, whom no demo client is, so the client journeys running alongside never see them.
 */

const columns = 'code,name,type,regions,activities,target_groups,contract_forms,benefit_types,price_min,price_max,start_within_weeks,email,phone,website,approach,active';

function uniqueCode(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

function csvRow(code: string, name: string, change: { priceMin?: string; priceMax?: string } = {}): string {
	return [
		code,
		name,
		'commercial',
		'zeeland',
		'diagnosis|job_mediation',
		'',
		'fixed_price',
		'Wajong',
		change.priceMin ?? '1000',
		change.priceMax ?? '2500',
		'2',
		'',
		'',
		'',
		'"Wij helpen u met een vaste coach, elke week, tot u werk heeft."',
		'1'
	].join(',');
}

async function upload(page: Page, name: string, text: string): Promise<void> {
	await page.getByLabel(t('register_import_file')).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
	await page.getByRole('button', { name: t('register_import_check') }).click();
}

async function searchRegister(page: Page, text: string): Promise<void> {
	await page.goto(`/beheer/aanbieders?zoek=${encodeURIComponent(text)}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('register_title'));
}

test.describe('provider register', () => {
	// Long journeys with axe on every step: give them room on a busy 2-core machine.
	test.describe.configure({ timeout: 60_000 });

	test('provider staff edit their approach, see a clear error first, and see the new text on their profile', async ({ page }) => {
		await signIn(page, demoUsers.provider2);
		await page.getByRole('link', { name: t('profile_edit_link') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('profile_edit_title'));
		await expectAccessible(page, 'profile form');

		const approach = page.getByLabel(t('profile_edit_approach'));
		const original = await approach.inputValue();
		const price = page.getByLabel(t('profile_edit_price_min'));
		const originalPrice = await price.inputValue();

		// A Dutch thousands point is refused with a message that says what to type.
		await price.fill('1.500');
		await page.getByRole('button', { name: t('profile_edit_submit') }).click();
		const summary = page.getByRole('alert').filter({ hasText: t('error_summary_title') });
		await expect(summary).toContainText(t('register_error_price'));
		await expect(price).toHaveAttribute('aria-invalid', 'true');
		await expectAccessible(page, 'profile form with an error');

		const text = `Wij beginnen met een kennismaking op de werkvloer (test ${Date.now()}).`;
		await price.fill(originalPrice);
		await approach.fill(text);
		await page.getByRole('button', { name: t('profile_edit_submit') }).click();
		await expect(page.getByRole('status').filter({ hasText: t('profile_edit_saved') })).toBeVisible();
		await expectAccessible(page, 'profile saved');

		await page.getByRole('link', { name: t('profile_edit_back') }).first().click();
		await expect(page).toHaveURL('/aanbieder');
		await expect(page.getByText(text)).toBeVisible();

		// Put the demo text back for the other journeys.
		await page.goto('/aanbieder/profiel');
		await page.getByLabel(t('profile_edit_approach')).fill(original);
		await page.getByRole('button', { name: t('profile_edit_submit') }).click();
		await expect(page.getByRole('status').filter({ hasText: t('profile_edit_saved') })).toBeVisible();
	});

	test('the admin adds a provider, deactivates it after confirming, and reactivates it', async ({ page }) => {
		await signIn(page, demoUsers.admin);
		await page.getByRole('link', { name: t('register_link') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('register_title'));
		await expectAccessible(page, 'register list');

		await page.getByRole('link', { name: t('register_new') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('register_new_title'));
		await page.getByRole('button', { name: t('register_create_submit') }).click();
		await expect(page.getByRole('alert').filter({ hasText: t('error_summary_title') })).toContainText(t('register_error_code'));
		await expectAccessible(page, 'new provider form with errors');

		const code = uniqueCode('e2e-nieuw');
		const name = `E2E Nieuw ${code}`;
		await page.getByLabel(t('register_field_code')).fill(code);
		await page.getByLabel(t('register_field_name')).fill(name);
		await page.getByLabel(t('register_field_type')).selectOption('commercial');
		await page.getByLabel(t('profile_edit_approach')).fill('Wij helpen u met een vaste coach, elke week, tot u werk heeft.');
		await page.getByRole('checkbox', { name: t('activity_diagnosis') }).check();
		await page.getByRole('checkbox', { name: t('region_zeeland') }).check();
		await page.getByRole('checkbox', { name: t('benefit_Wajong') }).check();
		await page.getByRole('checkbox', { name: t('contract_form_fixed_price') }).check();
		await page.getByLabel(t('profile_edit_price_min')).fill('1000');
		await page.getByLabel(t('profile_edit_price_max')).fill('2500');
		await page.getByLabel(t('profile_edit_start_weeks')).fill('2');
		await page.getByRole('button', { name: t('register_create_submit') }).click();

		await expect(page).toHaveURL(`/beheer/aanbieders/${code}?toegevoegd`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
		await expect(page.getByRole('status').filter({ hasText: t('register_created') })).toBeVisible();
		await expectAccessible(page, 'provider page');

		await page.getByRole('link', { name: t('register_deactivate') }).click();
		await expect(page.getByRole('heading', { name: t('register_confirm_deactivate_title', { name }) })).toBeVisible();
		await expectAccessible(page, 'confirm deactivation');
		await page.getByRole('button', { name: t('register_confirm_deactivate_yes') }).click();
		await expect(page.getByRole('status').filter({ hasText: t('register_deactivated') })).toBeVisible();
		await expect(page.getByRole('heading', { name: `${t('register_status_title')}: ${t('register_status_inactive')}` })).toBeVisible();

		// Still in the register, marked inactive; the history stays.
		await page.goto(`/beheer/aanbieders?status=niet-actief&zoek=${code}`);
		await expect(page.getByRole('link', { name })).toBeVisible();
		await expect(page.getByRole('cell', { name: t('register_status_inactive'), exact: true })).toBeVisible();
		await expectAccessible(page, 'register filtered on inactive');

		await page.getByRole('link', { name }).click();
		await page.getByRole('link', { name: t('register_reactivate') }).click();
		await page.getByRole('button', { name: t('register_confirm_reactivate_yes') }).click();
		await expect(page.getByRole('status').filter({ hasText: t('register_reactivated') })).toBeVisible();
		await expect(page.getByRole('heading', { name: `${t('register_status_title')}: ${t('register_status_active')}` })).toBeVisible();
		await expectAccessible(page, 'provider reactivated');
	});

	test('a CSV file with one bad row shows every error and stores nothing; a good file then imports', async ({ page }) => {
		await signIn(page, demoUsers.admin);
		await page.goto('/beheer/aanbieders/import');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('register_import_title'));
		await expectAccessible(page, 'import page');

		const prefix = uniqueCode('e2e-csv');
		const bad = [columns, csvRow(`${prefix}-a`, 'CSV Een'), csvRow(`${prefix}-b`, 'CSV Twee', { priceMin: '3000', priceMax: '2000' })].join('\n');
		await upload(page, 'fout.csv', bad);
		await expect(page.getByRole('alert').filter({ hasText: t('register_import_errors_title_one') })).toBeVisible();
		const report = page.getByRole('table', { name: t('register_import_errors_caption') });
		await expect(report.getByRole('row').nth(1)).toContainText('3');
		await expect(report.getByRole('row').nth(1)).toContainText('price_max');
		await expect(report.getByRole('row').nth(1)).toContainText(t('register_error_price_order'));
		await expectAccessible(page, 'import error report');

		await searchRegister(page, prefix);
		await expect(page.getByText(t('register_empty'))).toBeVisible();

		await page.goto('/beheer/aanbieders/import');
		const good = [columns.replaceAll(',', ';'), ...[csvRow(`${prefix}-a`, 'CSV Een'), csvRow(`${prefix}-b`, 'CSV Twee')].map((row) => row.replaceAll(',', ';'))].join('\r\n');
		await upload(page, 'goed.csv', '\uFEFF' + good);
		await expect(page.getByRole('heading', { name: t('register_import_preview_title') })).toBeVisible();
		await expect(page.getByText(t('register_import_preview_summary', { created: 2, updated: 0, unchanged: 0 }))).toBeVisible();
		await expectAccessible(page, 'import preview');
		await page.getByRole('button', { name: t('register_import_confirm') }).click();
		await expect(page.getByRole('status').filter({ hasText: t('register_import_done') })).toContainText(t('register_import_done_text', { created: 2, updated: 0 }));
		await expectAccessible(page, 'import done');

		await searchRegister(page, prefix);
		await expect(page.getByText(t('register_count', { count: 2 }))).toBeVisible();
		await expect(page.getByRole('link', { name: 'CSV Een' })).toBeVisible();
	});

	test('the register pages fit a 320 px screen', async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 720 });
		await signIn(page, demoUsers.admin);
		for (const path of ['/beheer/aanbieders', '/beheer/aanbieders/nieuw', '/beheer/aanbieders/loopbaanlicht', '/beheer/aanbieders/import']) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expectNoHorizontalScroll(page);
		}
		await page.goto('/beheer/aanbieders/loopbaanlicht?bevestig=deactiveren');
		await expectNoHorizontalScroll(page);
	});
});

test.describe('provider register without JavaScript', () => {
	test.describe.configure({ timeout: 60_000 });
	test.use({ javaScriptEnabled: false });
	test.beforeEach(({ page }) => {
		withoutJavaScript(page);
	});

	test('the admin imports a file and deactivates a provider with plain forms', async ({ page }) => {
		await signIn(page, demoUsers.admin);
		await page.goto('/beheer/aanbieders/import');
		const code = uniqueCode('e2e-nojs');
		await upload(page, 'zonder-js.csv', [columns, csvRow(code, 'Zonder JS')].join('\n'));
		await expect(page.getByRole('heading', { name: t('register_import_preview_title') })).toBeVisible();
		await expectAccessible(page, 'import preview without JS');
		await page.getByRole('button', { name: t('register_import_confirm') }).click();
		await expect(page.getByRole('status').filter({ hasText: t('register_import_done') })).toBeVisible();

		await page.goto(`/beheer/aanbieders/${code}`);
		await page.getByRole('link', { name: t('register_deactivate') }).click();
		await page.getByRole('button', { name: t('register_confirm_deactivate_yes') }).click();
		await expect(page).toHaveURL(`/beheer/aanbieders/${code}?gedeactiveerd`);
		await expect(page.getByRole('status').filter({ hasText: t('register_deactivated') })).toBeVisible();
		await expectAccessible(page, 'deactivated without JS');
	});

	test('provider staff save their profile with a plain form', async ({ page }) => {
		await signIn(page, demoUsers.provider);
		await page.goto('/aanbieder/profiel');
		await page.getByRole('textbox', { name: t('profile_edit_website') }).fill('www.zonder-https.nl');
		await page.getByRole('button', { name: t('profile_edit_submit') }).click();
		await expect(page.getByRole('alert').filter({ hasText: t('error_summary_title') })).toContainText(t('register_error_website'));
		await expectAccessible(page, 'profile error without JS');
		const website = page.getByRole('textbox', { name: t('profile_edit_website') });
		await website.fill('https://www.loopbaanlicht.example/over-ons');
		await page.getByRole('button', { name: t('profile_edit_submit') }).click();
		await expect(page.getByRole('status').filter({ hasText: t('profile_edit_saved') })).toBeVisible();
		await expect(website).toHaveValue('https://www.loopbaanlicht.example/over-ons');
		// And back to the demo value.
		await website.fill('https://www.loopbaanlicht.example');
		await page.getByRole('button', { name: t('profile_edit_submit') }).click();
		await expect(page.getByRole('status').filter({ hasText: t('profile_edit_saved') })).toBeVisible();
	});
});

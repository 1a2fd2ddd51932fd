import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { t } from './support/messages';
import { openDatabase } from '../../src/lib/server/db/index';
import { seedDemoSurveyResponses } from '../../src/lib/server/demo/survey-responses';

/**
 * The research portal: a researcher chooses a wave, reads the standard table and its chart,
 * downloads CSV and Excel from the table, and the CSV holds exactly the numbers on screen. The
 * wave is generated into the server's database first (the demo generator, a wave of its own).
 */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const DB_FILE = `tests/.output/e2e${PORT === 4174 ? '' : `-${PORT}`}.db`;
const wave = `e2e-onderzoek-${Math.random().toString(36).slice(2, 8)}`;

test.beforeAll(async () => {
	const { db } = openDatabase({ url: `file:${DB_FILE}` });
	try {
		expect(await seedDemoSurveyResponses(db, { wave, count: 200 })).toBe(200);
	} finally {
		await db.destroy();
	}
});

async function chooseWave(page: import('@playwright/test').Page): Promise<void> {
	await signIn(page, demoUsers.researcher);
	await page.getByRole('checkbox', { name: wave, exact: true }).check();
	await page.getByRole('button', { name: t('research_selection_apply') }).click();
	await expect(page).toHaveURL(new RegExp(`wave=${wave}`));
	await expect(page.locator('#research-summary')).toContainText('200');
}

test('a researcher reads the tailoring table and chart for a wave and downloads the same numbers as CSV and Excel', async ({ page }) => {
	test.setTimeout(90_000);
	await chooseWave(page);
	const section = page.locator('section[data-domain="maatwerk"]');
	const table = section.getByRole('table', { name: t('research_table_caption', { domain: t('research_domain_maatwerk') }) });
	await expect(table.locator('tbody tr')).toHaveCount(4);
	const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent?.trim() ?? '')));
	// Every group has respondents in the generated wave: "12,3% (45)".
	for (const row of shown) for (const cell of row) expect(cell).toMatch(/^\d+,\d% \(\d+\)$/);

	const bars = section.getByRole('img');
	await expect(bars).toHaveCount(3);
	await expect(bars.first()).toHaveAttribute('aria-label', new RegExp(`^${t('provider_group_public')}: nee \\d+,\\d%`));
	await expect(section).toContainText(t('research_chi_title'));
	await expectAccessible(page, 'tables for a wave');

	// Dutch CSV (the default in Dutch): the same numbers, cell by cell.
	const [csvDownload] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: t('research_download_label', { format: 'CSV', what: t('research_domain_maatwerk') }) }).click()]);
	expect(csvDownload.suggestedFilename()).toBe(`regie-maatwerk-${wave}.csv`);
	const text = (await readFile(await csvDownload.path())).toString('utf8').replace(/^\uFEFF/, '');
	const [header, ...lines] = text.trim().split('\r\n').map((line) => line.split(';'));
	expect(header).toEqual(['group', 'nee_n', 'nee_pct', 'een_beetje_n', 'een_beetje_pct', 'ja_n', 'ja_pct', 'total_n', 'total_pct']);
	expect(lines.map((line) => line[0])).toEqual(['public', 'semi_public', 'private', 'total']);
	const fromCsv = lines.map((line) => [1, 3, 5, 7].map((index) => `${line[index + 1]}% (${line[index]})`));
	expect(fromCsv).toEqual(shown);

	const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: t('research_download_label', { format: 'Excel', what: t('research_domain_maatwerk') }) }).click()]);
	expect(xlsxDownload.suggestedFilename()).toBe(`regie-maatwerk-${wave}.xlsx`);
	const xlsx = await readFile(await xlsxDownload.path());
	expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

	test('the tables read as cards without sideways scrolling, and pass axe', async ({ page }) => {
		test.setTimeout(90_000);
		await chooseWave(page);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, 'tables at 320 px');
	});
});

test('an unknown wave in the address gives a clear message, not an error page', async ({ page }) => {
	await signIn(page, demoUsers.researcher);
	await page.goto('/onderzoek?wave=bestaat-niet');
	await expect(page.getByRole('alert')).toContainText(t('research_unknown_wave', { wave: 'bestaat-niet' }));
	await expectAccessible(page, 'unknown wave');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the selection form and the tables work as plain HTML', async ({ page }) => {
		withoutJavaScript(page);
		await chooseWave(page);
		const table = page.locator('section[data-domain="kwaliteit"]').getByRole('table');
		await expect(table.locator('tbody tr')).toHaveCount(4);
		await expect(page.getByRole('checkbox', { name: wave, exact: true })).toBeChecked();
		await expectAccessible(page, 'tables without JavaScript');
	});
});

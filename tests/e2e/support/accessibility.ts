import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** The WCAG levels Regie promises (see /toegankelijkheid): 2.0, 2.1 and 2.2, A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Run axe on the page as it is now and fail with a readable list when anything is wrong.
 * Call it on every page a test visits, in every state that matters (errors shown, panels open).
 */
export async function expectAccessible(page: Page, state?: string): Promise<void> {
	if (javaScriptDisabled.has(page)) return expectAccessibleWithoutScripts(page, state);
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const report = results.violations.map((violation) => {
		const nodes = violation.nodes
			.slice(0, 5)
			.map((node) => `      ${node.target.join(' ')}\n        ${node.failureSummary?.replaceAll('\n', '\n        ') ?? ''}`)
			.join('\n');
		return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}`;
	});
	const where = `${new URL(page.url()).pathname}${state ? ` (${state})` : ''}`;
	expect(report, `axe violations on ${where}:\n${report.join('\n')}`).toEqual([]);
}

/** No sideways scrolling: the page fits in the viewport's width (WCAG 1.4.10 Reflow). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
	const viewportWidth = page.viewportSize()!.width;
	const widths = await page.evaluate(() => ({
		document: document.documentElement.scrollWidth,
		body: document.body.scrollWidth,
		// The elements that stick out, to say what to fix.
		culprits: [...document.querySelectorAll('body *')]
			.filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
			.slice(0, 5)
			.map((element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).trim().replaceAll(/\s+/g, '.')}` : ''}`)
	}));
	expect(widths.document, `page at ${viewportWidth}px scrolls sideways (${page.url()}); too wide: ${widths.culprits.join(', ')}`).toBeLessThanOrEqual(
		viewportWidth
	);
}

/**
 * Axe runs as a script, which a page without JavaScript cannot do. Mark such pages with
 * `withoutJavaScript(page)`: `expectAccessible` then takes the HTML exactly as that page shows it
 * and checks it in a second page that may run scripts but gets none of the app's own.
 */
const javaScriptDisabled = new WeakSet<Page>();

export function withoutJavaScript(page: Page): Page {
	javaScriptDisabled.add(page);
	return page;
}

async function expectAccessibleWithoutScripts(page: Page, state?: string): Promise<void> {
	const url = page.url();
	const html = await page.content();
	const browser = page.context().browser();
	if (!browser) throw new Error('expectAccessible: no browser for this page');
	const context = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
	try {
		const copy = await context.newPage();
		await copy.route('**/*', (route) => {
			const request = route.request();
			if (request.isNavigationRequest()) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
			if (request.resourceType() === 'script') return route.abort();
			return route.continue();
		});
		await copy.goto(url);
		await expectAccessible(copy, `${state ?? ''} without JavaScript`.trim());
	} finally {
		await context.close();
	}
}

/**
 * After a form is sent with errors, keyboard focus must go to the problem: the error summary
 * (which the ErrorSummary component asks for) or the first field in error (which
 * sveltekit-superforms' autoFocusOnError does, and which wins when JavaScript runs).
 */
export async function expectFocusOnProblem(page: Page, summary: Locator, firstInvalidField: Locator): Promise<void> {
	await expect(summary).toBeVisible();
	await expect
		.poll(async () => (await summary.evaluate((node) => node === document.activeElement)) || (await firstInvalidField.evaluate((node) => node === document.activeElement)), {
			message: 'focus is on the error summary or on the first field in error'
		})
		.toBe(true);
	await expect(firstInvalidField).toHaveAttribute('aria-invalid', 'true');
}

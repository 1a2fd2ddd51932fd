import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** The WCAG levels Regie promises (see /toegankelijkheid): 2.0, 2.1 and 2.2, A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Run axe on the page as it is now and fail with a readable list when anything is wrong.
 * Call it on every page a test visits, in every state that matters (errors shown, panels open).
 */
export async function expectAccessible(page: Page, state?: string): Promise<void> {
	if (javaScriptDisabled.has(page)) return expectAccessibleWithoutScripts(page, state);
	// axe.run in the page itself ("legacy mode"): the same rules and results for a page without
	// cross-origin frames (Regie has no frames at all). The default runs per frame and then merges
	// the results in a new blank page, which takes twice as long.
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
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
	const copy = await copyPage(browser);
	copy.html = html;
	await copy.page.setViewportSize(page.viewportSize()!);
	// Only a new document asks for the HTML: a change of the #fragment alone would not.
	if (copy.page.url().split('#')[0] === url.split('#')[0]) await copy.page.goto('about:blank');
	await copy.page.goto(url);
	await expectAccessible(copy.page, `${state ?? ''} without JavaScript`.trim());
}

/**
 * The page that shows those copies: one per browser (so per worker), kept for the next check,
 * since a new context and page for every check cost more than the check itself.
 */
interface CopyPage {
	page: Page;
	html: string;
}
const copyPages = new WeakMap<Browser, Promise<CopyPage>>();

async function copyPage(browser: Browser): Promise<CopyPage> {
	let copy = copyPages.get(browser);
	if (!copy || (await copy).page.isClosed()) {
		copy = (async () => {
			const context = await browser.newContext({ javaScriptEnabled: true });
			const shown: CopyPage = { page: await context.newPage(), html: '' };
			await shown.page.route('**/*', (route) => {
				const request = route.request();
				if (request.isNavigationRequest()) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shown.html });
				if (request.resourceType() === 'script') return route.abort();
				return route.continue();
			});
			return shown;
		})();
		copyPages.set(browser, copy);
	}
	return copy;
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

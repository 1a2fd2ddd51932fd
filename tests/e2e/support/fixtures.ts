import { test as base, expect, type Page } from '@playwright/test';

/**
 * `test` with one addition: a test fails when a page throws an uncaught error (a crash while
 * hydrating leaves server-rendered HTML that looks fine but does nothing). Pages of extra browser
 * contexts are watched with `watchErrors(page)`.
 */

const errorsByPage = new WeakMap<Page, string[]>();

export function watchErrors(page: Page): string[] {
	let errors = errorsByPage.get(page);
	if (!errors) {
		const list: string[] = [];
		errors = list;
		errorsByPage.set(page, list);
		page.on('pageerror', (error) => list.push(`${page.url()}: ${error.message}`));
	}
	return errors;
}

export const test = base.extend<{ failOnPageErrors: void }>({
	failOnPageErrors: [
		async ({ context }, use) => {
			const errors: string[] = [];
			context.on('weberror', (webError) => errors.push(`${webError.page()?.url() ?? '?'}: ${webError.error().message}`));
			await use();
			expect(errors, 'uncaught errors in the page').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

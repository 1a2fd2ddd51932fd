/**
 * Page data for a page that is rendered on the server only (`export const csr = false`).
 *
 * SvelteKit writes every server `load` result into the page as a script for hydration, also when
 * no script will ever read it; for the provider list (the busiest page) that serialisation was a
 * tenth of the page's time. Data wrapped in `ServerOnly` is rendered as usual but travels as an
 * empty marker (the `transport` hook in `src/hooks.ts`), so it never reaches the browser.
 */
export class ServerOnly<T> {
	constructor(readonly value: T) {}
}

/**
 * The page data of a `csr = false` page: a `ServerOnly` when the page is rendered to HTML, the plain
 * value when the browser's router asks for it (`__data.json`). A link from a page that does run
 * scripts (the menu on /plan, say) lets the router render the page in the browser, and that needs
 * the data itself.
 */
export function serverOnly<T>(value: T, event: { isDataRequest: boolean }): { value: T } {
	return event.isDataRequest ? { value } : new ServerOnly(value);
}

/** The browser side of the marker: only a page that hydrates would ever ask for the value. */
export function serverOnlyValueInBrowser(): never {
	throw new Error('ServerOnly page data is not sent to the browser: a page that uses it must keep csr = false.');
}

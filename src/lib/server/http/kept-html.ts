import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * HTML of a part of a page, rendered once and kept for the next request that would render the
 * same. Made for the provider list, the busiest page: rendering its filters and cards was most of
 * its time, while most clients look at the same few lists (the first page of their province).
 *
 * What the HTML shows must follow from `source`, whose identity stands for its data (a search
 * result: a new object when the register or the market figures change, and at least every minute
 * when the search reads them afresh), the `key` (everything else the part shows, as a string) and
 * the request's language, which the keeper adds itself. Requests that ask for the same part at the
 * same time share one rendering.
 *
 * The HTML is Svelte's server rendering of `component`, which escapes every value it writes; a page
 * may write it out with {@html}.
 */
export interface HtmlKeeper {
	html<Props extends Record<string, unknown>>(source: object, key: string, component: Component<Props>, props: () => Props | Promise<Props>): Promise<string>;
}

/**
 * A keeper of at most `maxChars` characters of HTML (a character takes one or two bytes); past that
 * the part used longest ago goes first.
 */
export function htmlKeeper(maxChars: number, language: () => string = getLocale): HtmlKeeper {
	const kept = new Map<string, string>(); // in order of use: the least recently used first
	let keptChars = 0;
	const rendering = new Map<string, Promise<string>>();
	const sourceIds = new WeakMap<object, number>();
	let lastSourceId = 0;

	function keep(key: string, html: string): void {
		if (html.length > maxChars) return;
		const old = kept.get(key);
		if (old !== undefined) {
			kept.delete(key);
			keptChars -= old.length;
		}
		for (const [oldKey, oldHtml] of kept) {
			if (keptChars + html.length <= maxChars) break;
			kept.delete(oldKey);
			keptChars -= oldHtml.length;
		}
		kept.set(key, html);
		keptChars += html.length;
	}

	return {
		html(source, key, component, props) {
			let sourceId = sourceIds.get(source);
			if (sourceId === undefined) sourceIds.set(source, (sourceId = ++lastSourceId));
			const fullKey = `${sourceId}\n${language()}\n${key}`;
			const html = kept.get(fullKey);
			if (html !== undefined) {
				kept.delete(fullKey);
				kept.set(fullKey, html);
				return Promise.resolve(html);
			}
			let pending = rendering.get(fullKey);
			if (!pending) {
				pending = (async () => (await render(component as Component<Record<string, unknown>>, { props: await props() })).body)();
				rendering.set(fullKey, pending);
				pending.then(
					(rendered) => {
						rendering.delete(fullKey);
						keep(fullKey, rendered);
					},
					() => rendering.delete(fullKey)
				);
			}
			return pending;
		}
	};
}

/** About 120 provider lists of 33 KB: at most 8 MB. */
export const keptHtml = htmlKeeper(4_000_000);

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle } from '@sveltejs/kit';
import { extractLocaleFromRequest, overwriteServerAsyncLocalStorage, type Locale } from '$lib/paraglide/runtime';

/** The store Paraglide's runtime reads (its `ParaglideAsyncLocalStorage` type). */
interface LanguageStore {
	locale?: Locale;
	origin?: string;
	messageCalls?: Set<string>;
}

const requestLanguage = new AsyncLocalStorage<LanguageStore>();
overwriteServerAsyncLocalStorage(requestLanguage);

/**
 * Serve each request in the visitor's language (the language cookie, else Dutch): the messages read
 * it from Paraglide's server storage, set here for the whole request. Paraglide's own
 * `paraglideMiddleware` does the same but first copies every request for its locale-in-the-URL
 * strategy, which this app does not use; that copy was a measurable share of a cheap page's time
 * (`npm run bench:providers`).
 */
export const language: Handle = ({ event, resolve }) => {
	const locale = extractLocaleFromRequest(event.request);
	return requestLanguage.run({ locale, origin: event.url.origin }, () =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) })
	);
};

import { json, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * Input that no page or link of the portal ever sends, refused before any route code runs (issue
 * 7, hostile input). Each would otherwise end deep inside as a 500:
 *
 * - a NUL character in the path, the query string or a form field: PostgreSQL refuses it in text
 *   (SQLite stores it), so every query with such a value failed on PostgreSQL only;
 * - a body that cannot be read as a form (another content type, a multipart body without its
 *   boundary, plain text, more than the server's body limit): actions and endpoints that read
 *   `request.formData()` threw, and superforms took it for an empty form (a 400 without message);
 * - superforms' `__superform_json` field: no form here sends JSON (`dataType: 'json'`), and
 *   superforms crashes on some values of it (an array, for one);
 * - a path that is not valid percent-encoded UTF-8 (`/api/v1/providers/%C0%AF`): SvelteKit answers
 *   400 itself, but as an HTML page also on the API, and logs it as an error with its stack.
 *
 * The API (`/api/…`) answers in its own JSON shape, everything else with `refusalResponse`. A path
 * under `/api/` that names no endpoint gets a JSON 404 as well, instead of the portal's HTML page.
 */

export type InputProblem = { status: 400 | 413 | 415; reason: 'nul' | 'malformed_path' | 'unreadable' | 'too_large' | 'content_type' | 'superform_json' };

/** What a person reads (in their language) and what a script reads (the API's English messages). */
const messages: Record<InputProblem['reason'], { page: () => string; api: string }> = {
	nul: { page: () => m.error_input_character(), api: 'the request contains a NUL character' },
	malformed_path: { page: () => m.error_input_address(), api: 'the path is not valid percent-encoded UTF-8' },
	unreadable: { page: () => m.error_input_unreadable(), api: 'the request body could not be read' },
	too_large: { page: () => m.error_input_too_large(), api: 'the request body is too large' },
	content_type: { page: () => m.error_input_content_type(), api: 'unsupported content type' },
	superform_json: { page: () => m.error_input_unreadable(), api: 'the request body could not be read' }
};

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
const READING = new Set(['GET', 'HEAD', 'OPTIONS']);

const hasNul = (text: string) => text.includes('\u0000');

/** A path that does not decode, or a NUL in the path (still percent-encoded in `URL`) or in a query parameter. */
export function urlProblem(url: URL): InputProblem | null {
	try {
		decodeURI(url.pathname);
	} catch {
		return { status: 400, reason: 'malformed_path' };
	}
	if (/%00/i.test(url.pathname) || hasNul(url.pathname)) return { status: 400, reason: 'nul' };
	for (const [name, value] of url.searchParams) if (hasNul(name) || hasNul(value)) return { status: 400, reason: 'nul' };
	return null;
}

/**
 * The body of a request that changes something, outside the API: a form (URL-encoded or multipart)
 * that can be read, without NUL characters in its names, values and file names, and without
 * superforms' JSON field. Uploaded files' contents are the business of the import that reads them.
 */
export async function bodyProblem(request: Request, url: URL): Promise<InputProblem | null> {
	if (READING.has(request.method) || url.pathname.startsWith('/api/')) return null;
	const header = request.headers.get('content-type');
	// No content type, so no body (SvelteKit reads none without one): nothing to refuse here; an
	// action answers 415 itself, an endpoint such as /logout needs no body.
	if (header === null) return null;
	const type = header.split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return { status: 415, reason: 'content_type' };
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch (caught) {
		// Above adapter-node's BODY_SIZE_LIMIT, SvelteKit's body stream fails with status 413.
		const status = (caught as { status?: unknown } | null)?.status;
		return status === 413 ? { status: 413, reason: 'too_large' } : { status: 400, reason: 'unreadable' };
	}
	for (const [name, value] of form) {
		if (name === '__superform_json') return { status: 400, reason: 'superform_json' };
		if (hasNul(name) || hasNul(typeof value === 'string' ? value : value.name)) return { status: 400, reason: 'nul' };
	}
	return null;
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * A refusal made in a hook, as an answer instead of a thrown `error()`: SvelteKit renders a thrown
 * error with its bare fallback page (`lang="en"`) outside the handle chain, so the security headers
 * of hooks.server.ts never reach it. This answer goes back through the chain. A browser gets a
 * small page in the visitor's language (no scripts, so a strict CSP of its own): the error page's
 * title and text for 401 and 403, otherwise its general title and `detail`. Anything else gets JSON
 * `{ message }`, as SvelteKit writes an error.
 */
export function refusalResponse(request: Request, status: number, detail: string): Response {
	const headers = { 'Cache-Control': 'no-store' };
	if (!(request.headers.get('accept') ?? '').includes('text/html')) return json({ message: detail }, { status, headers });
	const title = status === 401 ? m.error_401_title() : status === 403 ? m.error_403_title() : m.error_page_title();
	const text = status === 401 ? m.error_401_text() : status === 403 ? m.error_403_text() : detail;
	const page = `<!doctype html>
<html lang="${getLocale()}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Regie</title></head>
<body><main class="regie-refusal"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="${status === 401 ? '/login' : '/'}">${escapeHtml(status === 401 ? m.nav_sign_in() : m.error_go_home())}</a></p></main></body>
</html>`;
	return new Response(page, {
		status,
		headers: {
			...headers,
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
		}
	});
}

const noStore = { 'Cache-Control': 'no-store' };

export const inputGuard: Handle = async ({ event, resolve }) => {
	const api = event.url.pathname.startsWith('/api/');
	const problem = urlProblem(event.url) ?? (await bodyProblem(event.request, event.url));
	const unknownApiPath = !problem && api && event.route.id === null;
	if (!problem && !unknownApiPath) return resolve(event);
	// Read the body to its end before answering: Node keeps a keep-alive connection whose request
	// body was left unread stuck, and the client's next request on it fails.
	await event.request.arrayBuffer().catch(() => undefined);
	if (!problem) return json({ error: 'not found' }, { status: 404, headers: noStore });
	if (api) return json({ error: messages[problem.reason].api }, { status: problem.status, headers: noStore });
	return refusalResponse(event.request, problem.status, messages[problem.reason].page());
};

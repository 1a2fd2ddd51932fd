import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import nl from '../../src/lib/i18n/messages/nl.json';
import type { ServerDatabase } from '../support/built-server';

/**
 * Helpers of the hostile-input and security-header tests against the built server: a read-only
 * look into its database (a fingerprint of every table, to prove that refused input stored
 * nothing), requests as a browser or a script sends them, and what counts as "a clear message".
 */

/** Table → `<row count>:<hash of every row>`. */
export type Fingerprint = Map<string, string>;

export interface DatabaseProbe {
	fingerprint(): Promise<Fingerprint>;
	/** A read-only query; `?` placeholders on both engines. */
	rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	close(): Promise<void>;
}

/** Opens the server's database beside the server (SQLite read-only, PostgreSQL as a second client). */
export async function openProbe(database: ServerDatabase): Promise<DatabaseProbe> {
	if (database.engine === 'sqlite') {
		const db = new Database(database.file!, { readonly: true, fileMustExist: true });
		const tables = () =>
			(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
		return {
			async fingerprint() {
				const result: Fingerprint = new Map();
				for (const table of tables()) {
					const rows = (db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]).map((row) => JSON.stringify(row, bigintSafe)).sort();
					result.set(table, `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex')}`);
				}
				return result;
			},
			async rows<T>(sql: string, params: unknown[] = []) {
				return db.prepare(sql).all(...params) as T[];
			},
			async close() {
				db.close();
			}
		};
	}
	const client = new pg.Client({ connectionString: database.url });
	await client.connect();
	const tables = async () =>
		(await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")).rows.map(
			(row) => row.table_name
		);
	return {
		async fingerprint() {
			// One round trip: per table its count and an md5 of its rows as text, in a stable order.
			const sql = (await tables())
				.map((table) => `SELECT '${table}' AS name, count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM "${table}" t`)
				.join(' UNION ALL ');
			const result: Fingerprint = new Map();
			for (const row of (await client.query<{ name: string; n: number; h: string }>(sql)).rows) result.set(row.name, `${row.n}:${row.h}`);
			return result;
		},
		async rows<T>(sql: string, params: unknown[] = []) {
			let index = 0;
			return (await client.query(sql.replace(/\?/g, () => `$${++index}`), params)).rows as T[];
		},
		async close() {
			await client.end();
		}
	};
}

function bigintSafe(_key: string, value: unknown): unknown {
	if (typeof value === 'bigint') return value.toString();
	if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
	return value;
}

/** The tables whose fingerprint differs, with their row counts before and after; empty when equal. */
export function changedTables(before: Fingerprint, after: Fingerprint, ignore: readonly string[] = []): string[] {
	const names = new Set([...before.keys(), ...after.keys()]);
	return [...names]
		.filter((name) => !ignore.includes(name) && before.get(name) !== after.get(name))
		.map((name) => `${name} (${before.get(name)?.split(':')[0] ?? '–'} → ${after.get(name)?.split(':')[0] ?? '–'} rows)`);
}

// ---------------------------------------------------------------------------------------------
// Requests

/** A file part of a multipart body. */
export interface FilePart {
	file: Uint8Array | string;
	name: string;
	type: string;
}
export type Part = string | FilePart;
/** Form entries in order; a name may repeat. */
export type Entries = [string, Part][];

/**
 * How a body travels: the two encodings of an HTML form, and what a script may send instead
 * (JSON, plain text, nothing, or a multipart type without its boundary).
 */
export const encodings = ['urlencoded', 'multipart', 'json', 'text', 'none', 'multipart-no-boundary'] as const;
export type Encoding = (typeof encodings)[number];

const asText = (part: Part) => (typeof part === 'string' ? part : typeof part.file === 'string' ? part.file : Buffer.from(part.file).toString('latin1'));

export function encodeBody(entries: Entries, encoding: Encoding): { body?: BodyInit; contentType?: string } {
	switch (encoding) {
		case 'urlencoded':
			return { body: new URLSearchParams(entries.map(([name, part]) => [name, asText(part)])).toString(), contentType: 'application/x-www-form-urlencoded' };
		case 'multipart': {
			const form = new FormData();
			for (const [name, part] of entries) {
				if (typeof part === 'string') form.append(name, part);
				else form.append(name, new File([typeof part.file === 'string' ? part.file : new Uint8Array(part.file)], part.name, { type: part.type }));
			}
			// fetch writes the content type with its boundary.
			return { body: form };
		}
		case 'json':
			return { body: JSON.stringify(Object.fromEntries(entries.map(([name, part]) => [name, asText(part)]))), contentType: 'application/json' };
		case 'text':
			return { body: entries.map(([name, part]) => `${name}=${asText(part)}`).join('\n'), contentType: 'text/plain' };
		case 'none':
			return {};
		case 'multipart-no-boundary':
			return { body: new URLSearchParams(entries.map(([name, part]) => [name, asText(part)])).toString(), contentType: 'multipart/form-data' };
	}
}

export interface Answer {
	status: number;
	location: string | null;
	contentType: string;
	text: string;
	headers: Headers;
}

export interface RequestOptions {
	method?: string;
	cookie?: string | null;
	headers?: Record<string, string>;
	body?: BodyInit;
	contentType?: string;
}

/** One request without following redirects; the body is read whole (as text). */
export async function send(origin: string, path: string, options: RequestOptions = {}): Promise<Answer> {
	const headers = new Headers(options.headers);
	if (options.cookie) headers.set('Cookie', options.cookie);
	if (options.contentType) headers.set('Content-Type', options.contentType);
	const response = await fetch(origin + path, { method: options.method ?? 'GET', headers, body: options.body, redirect: 'manual' });
	return { status: response.status, location: response.headers.get('location'), contentType: response.headers.get('content-type') ?? '', text: await response.text(), headers: response.headers };
}

/** The headers of a form post: as a browser without JavaScript sends it, or as `use:enhance` does. */
export function formHeaders(origin: string, enhanced: boolean): Record<string, string> {
	return enhanced ? { Origin: origin, Accept: 'application/json', 'x-sveltekit-action': 'true' } : { Origin: origin, Accept: 'text/html' };
}

// ---------------------------------------------------------------------------------------------
// Messages

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const messages = nl as Record<string, string>;

/**
 * What shows a person that something was refused: the error summary above a form, an error (or
 * warning) alert, a message at a field, or the error page's own text.
 */
const messageMarkers = [
	'regie-error-summary',
	// The refusal page of the hooks (src/lib/server/http/input-guard.ts: refusalResponse).
	'regie-refusal',
	'utrecht-alert--error',
	'utrecht-alert--warning',
	'utrecht-form-field-error-message',
	...['error_401_text', 'error_403_text', 'error_404_text', 'error_4xx_text', 'error_500_text'].map((key) => escapeHtml(messages[key]!))
];

/**
 * SvelteKit's fallback error page, for an error raised in a hook (the role guard, the input guard):
 * the status and the hook's message. The project has no `src/error.html`, so it is SvelteKit's own
 * template (`lang="en"`, the message itself is Dutch).
 */
const fallbackMessage = /<div class="message">\s*<h1>([^<]+)<\/h1>/;

/** The Dutch texts of message keys, as they appear in a page (up to the first parameter). */
export function dutchTexts(keys: readonly string[]): string[] {
	return keys.map((key) => {
		const text = messages[key];
		if (!text) throw new Error(`no message ${key} in nl.json`);
		return escapeHtml(text.split('{')[0]!);
	});
}

/**
 * Why an HTML answer to refused input fails to say what went wrong (in Dutch), or null when it does.
 * `texts`: what else counts as the message on this page (a page that says the link does not work).
 */
export function missingHtmlMessage(answer: Answer, texts: readonly string[] = []): string | null {
	if (!answer.contentType.includes('text/html')) return `not an HTML page but ${answer.contentType || 'no content type'}: ${answer.text.slice(0, 200)}`;
	const fallback = fallbackMessage.exec(answer.text)?.[1]?.trim();
	if (fallback) return /^(Internal Error|Not Found|Bad Request)$/i.test(fallback) ? `an English message: ${fallback}` : null;
	if (!answer.text.includes('<html lang="nl"')) return 'the page is not in Dutch';
	const main = /<main[\s\S]*<\/main>/.exec(answer.text)?.[0] ?? '';
	if (![...messageMarkers, ...texts].some((marker) => main.includes(marker))) return `no error message in the page: ${stripTags(main).slice(0, 300)}`;
	return null;
}

/**
 * Why a JSON answer to refused input has no error text, or null when it has one: `error` as the
 * API writes it, or `message` as SvelteKit writes an error raised in a hook for a non-HTML request.
 */
export function missingJsonError(answer: Answer): string | null {
	try {
		const body = JSON.parse(answer.text) as { error?: unknown; message?: unknown };
		const text = body.error ?? body.message;
		return typeof text === 'string' && text.trim() !== '' ? null : `JSON without an error text: ${answer.text.slice(0, 200)}`;
	} catch {
		return `not JSON: ${answer.contentType} ${answer.text.slice(0, 200)}`;
	}
}

/** What `use:enhance` gets back from an action: `{ type, status, data | error | location }`. */
export interface EnhancedResult {
	type: 'success' | 'failure' | 'redirect' | 'error';
	status?: number;
	data?: string;
	error?: { message?: string };
	location?: string;
}

export function enhancedResult(answer: Answer): EnhancedResult | null {
	try {
		const body = JSON.parse(answer.text) as EnhancedResult;
		return ['success', 'failure', 'redirect', 'error'].includes(body.type) ? body : null;
	} catch {
		return null;
	}
}

export function stripTags(html: string): string {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** A short description of a body for a failure message (huge values shortened). */
export function describeEntries(entries: Entries): string {
	const short = (text: string) => (text.length > 60 ? `${JSON.stringify(text.slice(0, 40))}…(${text.length} chars)` : JSON.stringify(text));
	return entries.map(([name, part]) => `${short(name)}=${typeof part === 'string' ? short(part) : `file ${short(part.name)} (${part.file.length} bytes)`}`).join(' & ');
}

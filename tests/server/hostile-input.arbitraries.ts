import fc from 'fast-check';
import { encodings, type Encoding, type Entries, type FilePart, type Part } from './hostile-input.support';

/**
 * fast-check generators of hostile input: wrong types, huge strings, unicode and control
 * characters, negative and enormous numbers, missing, repeated and extra fields, and bad CSV files.
 * Each form field mixes plausible values (so that a run gets past the first check and into the
 * service) with hostile ones.
 */

/** Texts that have broken parsers, databases and templates before. */
const nasty = [
	'',
	' ',
	'\t\n',
	'\u0000',
	'a\u0000b',
	'\uFEFF',
	'\u202Egnp.exe',
	'\u200B',
	'e\u0301',
	'👩‍👩‍👧‍👦',
	'𝕳𝖊𝖑𝖑𝖔',
	'Ω≈ç√∫',
	'ﷺ',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"' OR '1'='1' --",
	'"; DROP TABLE users; --',
	'../../../../etc/passwd',
	'%00',
	'%',
	'%zz',
	'${7*7}',
	'{{7*7}}',
	'=HYPERLINK("http://x")',
	'null',
	'undefined',
	'true',
	'[object Object]',
	'__proto__',
	'constructor',
	'{"a":1}',
	'[1,2]',
	'\\',
	'/',
	'//evil.example',
	'javascript:alert(1)'
];

/** Numbers as text that are out of every range or not quite numbers. */
const numbers = [
	'0',
	'-0',
	'-1',
	'-2147483649',
	'2147483647',
	'2147483648',
	'9007199254740993',
	'99999999999999999999999',
	'1e308',
	'1e309',
	'-1e308',
	'1e-308',
	'NaN',
	'Infinity',
	'-Infinity',
	'0x10',
	'0b1',
	'1_000',
	'1.5',
	'1,5',
	' 7 ',
	'07',
	'+1',
	'١٢',
	'１２'
];

/** Numbers written the way fast-check likes to find edge cases. */
const numberText: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom(...numbers),
	fc.integer().map(String),
	fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
	fc.double().map(String)
);

/** A long text: one short (possibly multi-byte) piece repeated, from a few kB up to about 300 kB. */
const hugeText: fc.Arbitrary<string> = fc
	.tuple(fc.oneof(fc.constant('x'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 })), fc.integer({ min: 2_000, max: 80_000 }))
	.map(([piece, times]) => piece.repeat(times).slice(0, 300_000));

/** Any hostile text. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...nasty) },
	{ weight: 3, arbitrary: numberText },
	{ weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	// Any code unit, lone surrogates and control characters included.
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{ weight: 1, arbitrary: hugeText }
);

/** A field: a plausible value or a hostile one. */
export function field(plausible: fc.Arbitrary<string>): fc.Arbitrary<string> {
	return fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 3, arbitrary: hostileText });
}

/** One of a list of codes, a near miss, or a hostile text. */
export function code(values: readonly string[]): fc.Arbitrary<string> {
	const list = [...values];
	return fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(...list) },
		{ weight: 1, arbitrary: fc.constantFrom(...list).map((value) => value.toUpperCase()) },
		{ weight: 1, arbitrary: fc.constantFrom(...list).map((value) => ` ${value}\u0000`) },
		{ weight: 2, arbitrary: hostileText }
	);
}

export const anyNumberText = numberText;
export const dayText: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom('2027-01-04', '2026-02-29', '2027-02-29', '2027-13-01', '0000-00-00', '9999-12-31', '31-12-2027', '1-1-2027', '2027/01/04', '2027-1-4', '275760-09-13'),
	fc.date({ min: new Date(-8_640_000_000_000_000), max: new Date(8_640_000_000_000_000), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
	hostileText
);

/** Field names nobody asked for, including the ones superforms reads itself. */
const extraName: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom('__superform_json', '__superform_id', '__superform_file_x', '__superform_files', '__proto__', 'constructor', 'prototype', '', '\u0000', 'a[]', 'id', 'role', 'userId', 'x-sveltekit-action'),
	fc.string({ maxLength: 12 })
);

/** Values of superforms' own fields: devalue/JSON that is broken, or valid and lying. */
const superformJunk: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom('[', '[{}]', '[{"role":1},"admin"]', '[{"__proto__":1},{"polluted":2},true]', '{"a":1}', '[-1]', '[1e308]', 'null', '"x"', '[{"email":1},"a@b.nl"]'),
	fc.json(),
	hostileText
);

export interface FormShape {
	/** Known fields: plausible values (hostile ones are mixed in by `hostileForm`). */
	fields?: Record<string, fc.Arbitrary<string>>;
	/** File fields of a multipart form. */
	files?: Record<string, fc.Arbitrary<FilePart>>;
}

export interface HostileForm {
	entries: Entries;
	encoding: Encoding;
	/** Sent as `use:enhance` does (JSON answer) instead of as a plain browser form post. */
	enhanced: boolean;
}

/**
 * A form body: each known field left out, sent once (plausible or hostile) or repeated; some extra
 * fields; files only where the form has them. Mostly the encodings a browser uses, sometimes not.
 */
export function hostileForm(shape: FormShape): fc.Arbitrary<HostileForm> {
	const known = Object.entries(shape.fields ?? {}).map(([name, plausible]) =>
		fc
			.oneof(
				{ weight: 1, arbitrary: fc.constant<Part[]>([]) },
				{ weight: 5, arbitrary: field(plausible).map((value): Part[] => [value]) },
				{ weight: 1, arbitrary: fc.array(field(plausible), { minLength: 2, maxLength: 3 }) }
			)
			.map((values) => values.map((value): [string, Part] => [name, value]))
	);
	const files = Object.entries(shape.files ?? {}).map(([name, file]) =>
		fc
			.oneof({ weight: 1, arbitrary: fc.constant<Part[]>([]) }, { weight: 6, arbitrary: file.map((value): Part[] => [value]) }, { weight: 1, arbitrary: hostileText.map((value): Part[] => [value]) })
			.map((values) => values.map((value): [string, Part] => [name, value]))
	);
	const extras = fc.array(
		fc.oneof(
			fc.tuple(extraName, hostileText),
			fc.tuple(fc.constantFrom('__superform_json', '__superform_id'), superformJunk)
		),
		{ maxLength: 3 }
	);
	const hasFiles = files.length > 0;
	const encoding: fc.Arbitrary<Encoding> = fc.oneof(
		{ weight: hasFiles ? 1 : 6, arbitrary: fc.constant<Encoding>('urlencoded') },
		{ weight: hasFiles ? 8 : 3, arbitrary: fc.constant<Encoding>('multipart') },
		{ weight: 1, arbitrary: fc.constantFrom(...encodings) }
	);
	return fc
		.record({ known: fc.tuple(...known), files: fc.tuple(...files), extras, order: fc.boolean(), encoding, enhanced: fc.boolean() })
		.map(({ known: knownEntries, files: fileEntries, extras: extraEntries, order, encoding: chosen, enhanced }) => {
			const entries: Entries = [...knownEntries.flat(), ...fileEntries.flat(), ...extraEntries.map(([name, value]): [string, Part] => [name, value])];
			return { entries: withinBudget(order ? entries.reverse() : entries), encoding: chosen, enhanced };
		});
}

/**
 * Bodies stay below adapter-node's request limit (512 kB): a bigger one is cut off by Node before
 * the app sees it (413, or a reset connection while the client still sends), which tests nothing of
 * the app. Each text counts as if every byte were percent-encoded; what exceeds the budget is cut.
 */
const BODY_BUDGET = 400_000;

function withinBudget(entries: Entries): Entries {
	let left = BODY_BUDGET;
	return entries.map(([name, part]): [string, Part] => {
		if (typeof part !== 'string') {
			left -= part.file.length;
			return [name, part];
		}
		const cost = new TextEncoder().encode(part).length * 3;
		if (cost <= left) {
			left -= cost;
			return [name, part];
		}
		// At most three bytes per UTF-16 unit, each written as %XX.
		const kept = part.slice(0, Math.max(0, Math.floor(left / 9)));
		left = 0;
		return [name, kept];
	});
}

/** Header lines stay below Node's limit (16 kB) for the same reason: a longer URL gets a bare 431. */
const URL_BUDGET = 6_000;

/** Lone surrogates replaced, as a browser does before it percent-encodes. */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const rawSegments = ['%', '%zz', '%C0%AF', '%ED%A0%80', '%FF', '%00', '%2F', 'a%0Ab', '%E2%80%AE'];

/** A path segment: a hostile text (encoded) or raw bytes that are not even valid percent-encoding. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: hostileText.filter((text) => text.length > 0).map((text) => encodeURIComponent(wellFormed(text.slice(0, 400))).slice(0, URL_BUDGET)) },
	{ weight: 1, arbitrary: fc.constantFrom(...rawSegments) }
);

/**
 * The same, plus dot segments, which the URL parser resolves (`/enquete/.` is `/enquete/`). Only for
 * requests without a body: SvelteKit answers a trailing slash with a 308 before anything reads the
 * body, and Node then keeps that keep-alive connection stuck for the client's next request.
 */
export const hostileSegmentWithDots: fc.Arbitrary<string> = fc.oneof(
	{ weight: 6, arbitrary: hostileSegment },
	{ weight: 1, arbitrary: fc.constantFrom('.', '..', '%2e%2e', '%2E') }
);

/** A query string: known and unknown names, each with plausible or hostile values, maybe repeated. */
export function hostileQuery(known: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
	const names = Object.keys(known);
	const pair: fc.Arbitrary<[string, string]> = fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...(names.length > 0 ? names : ['x'])).chain((name) => fc.tuple(fc.constant(name), field(known[name] ?? hostileText))) },
		{ weight: 1, arbitrary: fc.tuple(extraName, hostileText) }
	);
	const raw = fc.constantFrom('&&&', '=', '%', '%zz=1', 'a=%ED%A0%80', '&a', '=x&=y', 'a=1&a=2&a=3', '%00=%00');
	return fc.oneof(
		{ weight: 6, arbitrary: fc.array(pair, { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs.map(([name, value]) => [name, value.slice(0, 2_000)])).toString().slice(0, URL_BUDGET)) },
		{ weight: 1, arbitrary: raw }
	);
}

// ---------------------------------------------------------------------------------------------
// CSV files

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Bytes that are not UTF-8, or are but say nothing. */
const junkFile: fc.Arbitrary<Uint8Array> = fc.oneof(
	fc.uint8Array({ maxLength: 2_000 }),
	fc.constantFrom(new Uint8Array([0xff, 0xfe, 0x00, 0x41]), new Uint8Array([0xc0, 0xaf]), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0x00, 0x00, 0x00]), utf8('\n\n\n'), utf8('"'), utf8('PK\u0003\u0004'))
);

/** A CSV cell: plausible, hostile, or with the quoting a CSV reader has to get right. */
function csvCell(plausible: fc.Arbitrary<string>): fc.Arbitrary<string> {
	return fc.oneof(
		{ weight: 4, arbitrary: plausible },
		{ weight: 2, arbitrary: hostileText.map((text) => text.slice(0, 2_000)) },
		{ weight: 1, arbitrary: fc.constantFrom('"', '""', '"a""b"', '"unclosed', 'a"b', '=1+1', '@SUM(A1)', '-1', 'a\nb', '"a\nb"', ';', ',') }
	);
}

/** A CSV text from a header (some columns maybe missing, repeated or unknown) and rows of cells. */
function csvText(columns: readonly string[], cell: (column: string) => fc.Arbitrary<string>, maxRows: number): fc.Arbitrary<string> {
	const header: fc.Arbitrary<string[]> = fc.oneof(
		{ weight: 4, arbitrary: fc.constant<string[]>([...columns]) },
		{ weight: 2, arbitrary: fc.shuffledSubarray<string>([...columns]) },
		{ weight: 1, arbitrary: fc.constantFrom(...columns, 'onbekend', '', 'code ').map((extra) => [...columns, extra]) }
	);
	return fc
		.record({
			header,
			separator: fc.constantFrom(',', ',', ';', '\t'),
			lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
			bom: fc.boolean(),
			rowCount: fc.integer({ min: 0, max: maxRows })
		})
		.chain(({ header: head, separator, lineEnd, bom, rowCount }) =>
			fc
				.array(fc.tuple(...head.map((column) => csvCell(cell(column)))), { minLength: rowCount, maxLength: rowCount })
				.map((rows) => (bom ? '\uFEFF' : '') + [head, ...rows].map((row) => row.join(separator)).join(lineEnd))
		);
}

/** The text of a provider register import file (a header and up to six rows). */
export function providerCsvText(columns: readonly string[], plausible: (column: string) => fc.Arbitrary<string>): fc.Arbitrary<string> {
	return csvText(columns, plausible, 6);
}

/** A provider register import file as uploaded, or plain junk. */
export function providerCsvFile(columns: readonly string[], plausible: (column: string) => fc.Arbitrary<string>, maxRows: number): fc.Arbitrary<FilePart> {
	return fc.oneof(
		{ weight: 5, arbitrary: csvText(columns, plausible, 6).map((text) => utf8(text)) },
		// More rows than an import may have.
		{ weight: 1, arbitrary: fc.constant(utf8([columns.join(','), ...Array.from({ length: maxRows + 1 }, (_, index) => `code-${index},x`)].join('\n'))) },
		{ weight: 2, arbitrary: junkFile }
	).chain((file) => fc.record({ file: fc.constant(file), name: fc.constantFrom('aanbieders.csv', 'x.xlsx', '', '../../etc/passwd', 'ä\u0000.csv'), type: fc.constantFrom('text/csv', 'application/octet-stream', '', 'text/html') }));
}

/** A paper-survey import file as uploaded, or plain junk. */
export function surveyCsvFile(columns: readonly string[], plausible: (column: string) => fc.Arbitrary<string>): fc.Arbitrary<FilePart> {
	return fc.oneof({ weight: 5, arbitrary: csvText(columns, plausible, 6).map((text) => utf8(text)) }, { weight: 2, arbitrary: junkFile }).chain((file) =>
		fc.record({ file: fc.constant(file), name: fc.constantFrom('antwoorden.csv', '', 'x.pdf', '..\\..\\x.csv'), type: fc.constantFrom('text/csv', 'application/octet-stream', '') })
	);
}

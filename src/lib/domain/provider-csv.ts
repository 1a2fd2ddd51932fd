import Papa from 'papaparse';
import { z } from 'zod';
import {
	activities,
	benefitTypes,
	contractForms,
	providerTypes,
	regions,
	targetGroups,
	type Activity,
	type BenefitType,
	type ContractForm,
	type ProviderType,
	type Region,
	type TargetGroup
} from './reference';

/**
 * The provider register's record and its rules, and the CSV file an admin imports it from.
 *
 * The rules are written once, as a zod schema built by `providerRules(message)`. The forms get it
 * with translated messages (`$lib/schemas/provider-profile`); the CSV import gets it with the
 * message *keys* as messages, so that this module stays pure (no i18n, no database) and its report
 * is translated by whoever shows it. Numbers arrive as text in both: a form field and a CSV cell
 * are strings, and reading "1.500" or "350,50" as a number must be an error, never a guess.
 */

// ---------------------------------------------------------------------------------------------
// The record and its rules

export const providerLimits = {
	codePattern: /^[a-z0-9-]{2,60}$/,
	nameMin: 2,
	nameMax: 120,
	approachMin: 20,
	approachMax: 4000,
	priceMax: 100_000,
	weeksMax: 52,
	emailMax: 254,
	phoneMax: 30,
	websiteMax: 300
} as const;

/** What provider staff keep current themselves. */
export interface ProviderProfileInput {
	approach: string;
	activities: Activity[];
	targetGroups: TargetGroup[];
	regions: Region[];
	contractForms: ContractForm[];
	benefitTypes: BenefitType[];
	priceMinEuros: number;
	priceMaxEuros: number;
	startWithinWeeks: number;
	email: string | null;
	phone: string | null;
	website: string | null;
}

/** What the admin edits: the profile plus name and detailed type. */
export interface ProviderDetailsInput extends ProviderProfileInput {
	name: string;
	type: ProviderType;
}

/** A new provider: its code is fixed from then on (URLs, imports and exports use it). */
export interface NewProviderInput extends ProviderDetailsInput {
	code: string;
}

/** One provider as a CSV row describes it. */
export interface ProviderRecord extends NewProviderInput {
	active: boolean;
}

export const providerMessageKeys = [
	'register_error_code',
	'register_error_name',
	'register_error_type',
	'register_csv_active',
	'register_error_unknown_code',
	'register_error_approach_short',
	'register_error_approach_long',
	'register_error_regions',
	'register_error_activities',
	'register_error_contract_forms',
	'register_error_benefit_types',
	'register_error_price',
	'register_error_price_order',
	'register_error_weeks',
	'register_error_email',
	'register_error_phone',
	'register_error_website'
] as const;
export type ProviderMessageKey = (typeof providerMessageKeys)[number];

/** Turns a message key (and its parameters) into the text a person reads. Called at validation time. */
export type MessageFor = (key: ProviderMessageKey, params?: Record<string, string>) => string;

const phonePattern = /^\+?[0-9][0-9 ()-]{5,28}$/;

function isWebAddress(value: string): boolean {
	if (!/^https?:\/\/\S+$/i.test(value)) return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
	} catch {
		return false;
	}
}

const isEmail = (value: string) => z.email().safeParse(value).success;

/** The zod schemas of every field, with messages from `message`. */
export function providerRules(message: MessageFor) {
	const say = (key: ProviderMessageKey) => ({ error: () => message(key) });
	const unknownCode = { error: (issue: { input?: unknown }) => message('register_error_unknown_code', { value: String(issue.input ?? '') }) };
	const codeList = <const T extends readonly [string, ...string[]]>(values: T, required: ProviderMessageKey | null) => {
		const list = z.array(z.enum(values, unknownCode), say(required ?? 'register_error_unknown_code'));
		return required ? list.min(1, say(required)) : list;
	};
	// Whole euros or weeks as digits only; the output is a number.
	const wholeNumber = (key: ProviderMessageKey, max: number) =>
		z
			.string(say(key))
			.trim()
			.regex(/^\d{1,7}$/, say(key))
			.refine((value) => Number(value) <= max, say(key))
			.transform(Number);
	// An optional text: empty becomes null.
	const optional = (key: ProviderMessageKey, max: number, valid: (value: string) => boolean) =>
		z
			.string(say(key))
			.trim()
			.max(max, say(key))
			.refine((value) => value === '' || valid(value), say(key))
			.transform((value) => (value === '' ? null : value));

	return {
		code: z.string(say('register_error_code')).trim().toLowerCase().regex(providerLimits.codePattern, say('register_error_code')),
		name: z.string(say('register_error_name')).trim().min(providerLimits.nameMin, say('register_error_name')).max(providerLimits.nameMax, say('register_error_name')),
		type: z.enum(providerTypes, {
			error: (issue) => (issue.input === undefined || issue.input === '' ? message('register_error_type') : message('register_error_unknown_code', { value: String(issue.input) }))
		}),
		approach: z
			.string(say('register_error_approach_short'))
			.trim()
			.min(providerLimits.approachMin, say('register_error_approach_short'))
			.max(providerLimits.approachMax, say('register_error_approach_long')),
		activities: codeList(activities, 'register_error_activities'),
		targetGroups: codeList(targetGroups, null),
		regions: codeList(regions, 'register_error_regions'),
		contractForms: codeList(contractForms, 'register_error_contract_forms'),
		benefitTypes: codeList(benefitTypes, 'register_error_benefit_types'),
		priceMinEuros: wholeNumber('register_error_price', providerLimits.priceMax),
		priceMaxEuros: wholeNumber('register_error_price', providerLimits.priceMax),
		startWithinWeeks: wholeNumber('register_error_weeks', providerLimits.weeksMax),
		email: optional('register_error_email', providerLimits.emailMax, isEmail),
		phone: optional('register_error_phone', providerLimits.phoneMax, (value) => phonePattern.test(value)),
		website: optional('register_error_website', providerLimits.websiteMax, isWebAddress),
		active: z.boolean(say('register_csv_active'))
	};
}

/** The rules that span fields: the price range must not run backwards. */
export function checkPriceOrder(message: MessageFor) {
	return (value: { priceMinEuros: number; priceMaxEuros: number }, ctx: z.RefinementCtx) => {
		if (value.priceMinEuros > value.priceMaxEuros) ctx.addIssue({ code: 'custom', path: ['priceMaxEuros'], message: message('register_error_price_order') });
	};
}

/** The profile fields, in the order the forms show them. */
export const profileFields = [
	'approach',
	'activities',
	'targetGroups',
	'regions',
	'contractForms',
	'benefitTypes',
	'priceMinEuros',
	'priceMaxEuros',
	'startWithinWeeks',
	'email',
	'phone',
	'website'
] as const satisfies readonly (keyof ProviderProfileInput)[];

/** The fields only the admin sets. */
export const detailFields = ['name', 'type'] as const satisfies readonly (keyof ProviderDetailsInput)[];

type ProfileField = (typeof profileFields)[number];
type Rules = ReturnType<typeof providerRules>;

function profileShape(rules: Rules) {
	return Object.fromEntries(profileFields.map((field) => [field, rules[field]])) as { [F in ProfileField]: Rules[F] };
}

export function profileSchema(message: MessageFor) {
	return z.object(profileShape(providerRules(message))).superRefine(checkPriceOrder(message));
}

export function providerDetailsSchema(message: MessageFor) {
	const rules = providerRules(message);
	return z.object({ name: rules.name, type: rules.type, ...profileShape(rules) }).superRefine(checkPriceOrder(message));
}

export function newProviderSchema(message: MessageFor) {
	const rules = providerRules(message);
	return z.object({ code: rules.code, name: rules.name, type: rules.type, ...profileShape(rules) }).superRefine(checkPriceOrder(message));
}

/** A CSV row after its cells were split into lists and `active` read: the full record. */
export function providerRecordSchema(message: MessageFor) {
	const rules = providerRules(message);
	return z
		.object({ code: rules.code, name: rules.name, type: rules.type, ...profileShape(rules), active: rules.active })
		.superRefine(checkPriceOrder(message));
}

// ---------------------------------------------------------------------------------------------
// The CSV file

/** The columns of an import file, in the documented order. Every one must be in the header. */
export const csvColumns = [
	'code',
	'name',
	'type',
	'regions',
	'activities',
	'target_groups',
	'contract_forms',
	'benefit_types',
	'price_min',
	'price_max',
	'start_within_weeks',
	'email',
	'phone',
	'website',
	'approach',
	'active'
] as const;
export type CsvColumn = (typeof csvColumns)[number];

/** Record field → CSV column, for reporting a field's error on its column. */
export const columnOfField: Record<keyof ProviderRecord, CsvColumn> = {
	code: 'code',
	name: 'name',
	type: 'type',
	regions: 'regions',
	activities: 'activities',
	targetGroups: 'target_groups',
	contractForms: 'contract_forms',
	benefitTypes: 'benefit_types',
	priceMinEuros: 'price_min',
	priceMaxEuros: 'price_max',
	startWithinWeeks: 'start_within_weeks',
	email: 'email',
	phone: 'phone',
	website: 'website',
	approach: 'approach',
	active: 'active'
};

const listColumns: Record<'regions' | 'activities' | 'target_groups' | 'contract_forms' | 'benefit_types', readonly string[]> = {
	regions,
	activities,
	target_groups: targetGroups,
	contract_forms: contractForms,
	benefit_types: benefitTypes
};

export const csvMessageKeys = [
	'register_csv_empty',
	'register_csv_no_rows',
	'register_csv_missing_column',
	'register_csv_unknown_column',
	'register_csv_duplicate_column',
	'register_csv_duplicate_code',
	'register_csv_field_count',
	'register_csv_unreadable',
	'register_csv_too_many_rows'
] as const;
export type CsvMessageKey = (typeof csvMessageKeys)[number];

/** One problem in an import file: where (line as an editor counts it, from 1 = header) and what. */
export interface CsvIssue {
	line: number;
	/** null: the whole line or file */
	column: CsvColumn | string | null;
	key: ProviderMessageKey | CsvMessageKey;
	params: Record<string, string>;
}

export interface CsvRow {
	line: number;
	record: ProviderRecord;
}

export interface CsvParseResult {
	separator: ',' | ';';
	/** Only meaningful when `issues` is empty: an import stores all rows or none. */
	rows: CsvRow[];
	issues: CsvIssue[];
}

export const MAX_CSV_ROWS = 2000;

/** The text as the import reads it: no byte-order mark, `\n` line ends, no trailing blank lines. */
export function normaliseCsvText(text: string): string {
	return text
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.replace(/\s+$/, '');
}

const keyMessages: MessageFor = (key) => key;
const recordSchema = providerRecordSchema(keyMessages);

const truthy = new Set(['1', 'ja', 'yes', 'true', 'waar', 'j', 'y']);
const falsy = new Set(['0', 'nee', 'no', 'false', 'onwaar', 'n']);

function readActive(cell: string): boolean | string {
	const value = cell.trim().toLowerCase();
	if (value === '' || truthy.has(value)) return true;
	if (falsy.has(value)) return false;
	return cell; // refused by the schema
}

function splitList(cell: string): string[] {
	return [
		...new Set(
			cell
				.split('|')
				.map((item) => item.trim())
				.filter(Boolean)
		)
	];
}

/** Comma or semicolon, whichever the header line uses more (Excel in Dutch writes semicolons). */
function separatorOf(headerLine: string): ',' | ';' {
	const count = (char: string) => headerLine.split(char).length - 1;
	return count(';') > count(',') ? ';' : ',';
}

/**
 * Read an import file: every row that is right becomes a record, every problem an issue with its
 * line and column. The caller stores nothing unless `issues` is empty.
 */
export function parseProviderCsv(input: string): CsvParseResult {
	const text = normaliseCsvText(input);
	const issues: CsvIssue[] = [];
	const issue = (line: number, column: string | null, key: ProviderMessageKey | CsvMessageKey, params: Record<string, string> = {}) =>
		issues.push({ line, column, key, params });

	if (text.trim() === '') {
		issue(1, null, 'register_csv_empty');
		return { separator: ',', rows: [], issues };
	}
	const separator = separatorOf(text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')));

	// Papa parses quoted cells (with separators and line breaks inside); the cursor tells where
	// each row ends, which gives the line it starts on.
	const parsed: { line: number; cells: string[]; broken: boolean }[] = [];
	let rowStart = 0;
	let line = 1;
	Papa.parse<string[]>(text, {
		delimiter: separator,
		newline: '\n',
		quoteChar: '"',
		header: false,
		skipEmptyLines: false,
		step: (result) => {
			const end = result.meta.cursor;
			parsed.push({ line, cells: result.data, broken: result.errors.length > 0 });
			line += (text.slice(rowStart, end).match(/\n/g) ?? []).length;
			rowStart = end;
		}
	});

	const [header, ...body] = parsed;
	const columns = header!.cells.map((cell) => cell.trim().toLowerCase());
	const seen = new Set<string>();
	for (const column of columns) {
		if (column === '') continue;
		if (!(csvColumns as readonly string[]).includes(column)) issue(1, column, 'register_csv_unknown_column', { column });
		else if (seen.has(column)) issue(1, column, 'register_csv_duplicate_column', { column });
		seen.add(column);
	}
	for (const column of csvColumns) if (!seen.has(column)) issue(1, column, 'register_csv_missing_column', { column });
	if (issues.length > 0) return { separator, rows: [], issues };

	const dataRows = body.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
	if (dataRows.length === 0) {
		issue(1, null, 'register_csv_no_rows');
		return { separator, rows: [], issues };
	}
	if (dataRows.length > MAX_CSV_ROWS) {
		issue(1, null, 'register_csv_too_many_rows', { max: String(MAX_CSV_ROWS) });
		return { separator, rows: [], issues };
	}

	const rows: CsvRow[] = [];
	const firstLineOfCode = new Map<string, number>();
	for (const row of dataRows) {
		if (row.broken) {
			issue(row.line, null, 'register_csv_unreadable');
			continue;
		}
		// A trailing separator gives one empty cell more: harmless.
		const cells = row.cells.length === columns.length + 1 && row.cells.at(-1)!.trim() === '' ? row.cells.slice(0, -1) : row.cells;
		if (cells.length !== columns.length) {
			issue(row.line, null, 'register_csv_field_count', { found: String(cells.length), expected: String(columns.length) });
			continue;
		}
		const cell = Object.fromEntries(columns.map((column, index) => [column, cells[index]!])) as Record<CsvColumn, string>;

		// Unknown codes in a list are reported with the code itself; the schema then checks the rest.
		const lineIssues: CsvIssue[] = [];
		const knownOnly = (column: keyof typeof listColumns) => {
			const items = splitList(cell[column]);
			for (const item of items) {
				if (!listColumns[column].includes(item)) lineIssues.push({ line: row.line, column, key: 'register_error_unknown_code', params: { value: item } });
			}
			return items.filter((item) => listColumns[column].includes(item));
		};
		const candidate = {
			code: cell.code,
			name: cell.name,
			type: cell.type.trim(),
			regions: knownOnly('regions'),
			activities: knownOnly('activities'),
			targetGroups: knownOnly('target_groups'),
			contractForms: knownOnly('contract_forms'),
			benefitTypes: knownOnly('benefit_types'),
			priceMinEuros: cell.price_min,
			priceMaxEuros: cell.price_max,
			startWithinWeeks: cell.start_within_weeks,
			email: cell.email,
			phone: cell.phone,
			website: cell.website,
			approach: cell.approach,
			active: readActive(cell.active)
		};
		const result = recordSchema.safeParse(candidate);
		if (!result.success) {
			const reported = new Set(lineIssues.map((found) => found.column));
			for (const zodIssue of result.error.issues) {
				const field = String(zodIssue.path[0] ?? '') as keyof ProviderRecord;
				const column = columnOfField[field] ?? null;
				// One message per column: the first says what to do.
				if (reported.has(column)) continue;
				reported.add(column);
				const params: Record<string, string> = zodIssue.message === 'register_error_unknown_code' ? { value: (cell[column as CsvColumn] ?? '').trim() } : {};
				lineIssues.push({ line: row.line, column, key: zodIssue.message as ProviderMessageKey, params });
			}
		}
		const code = result.success ? result.data.code : cell.code.trim().toLowerCase();
		if (code !== '') {
			const first = firstLineOfCode.get(code);
			if (first !== undefined) lineIssues.push({ line: row.line, column: 'code', key: 'register_csv_duplicate_code', params: { code, line: String(first) } });
			else firstLineOfCode.set(code, row.line);
		}
		const columnOrder = (column: string | null) => (column === null ? -1 : csvColumns.indexOf(column as CsvColumn));
		issues.push(...lineIssues.sort((a, b) => columnOrder(a.column) - columnOrder(b.column)));
		if (lineIssues.length === 0 && result.success) rows.push({ line: row.line, record: result.data as ProviderRecord });
	}
	return { separator, rows, issues };
}

/** A CSV line for a record, in the documented column order (for tests, templates and exports). */
export function recordToCsvCells(record: ProviderRecord): Record<CsvColumn, string> {
	return {
		code: record.code,
		name: record.name,
		type: record.type,
		regions: record.regions.join('|'),
		activities: record.activities.join('|'),
		target_groups: record.targetGroups.join('|'),
		contract_forms: record.contractForms.join('|'),
		benefit_types: record.benefitTypes.join('|'),
		price_min: String(record.priceMinEuros),
		price_max: String(record.priceMaxEuros),
		start_within_weeks: String(record.startWithinWeeks),
		email: record.email ?? '',
		phone: record.phone ?? '',
		website: record.website ?? '',
		approach: record.approach,
		active: record.active ? '1' : '0'
	};
}

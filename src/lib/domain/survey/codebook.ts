/**
 * The codebook that travels with the microdata: a Frictionless Data Package (`datapackage.json`,
 * https://datapackage.org) with one tabular resource, `microdata.csv`, whose Table Schema describes
 * every column: type, Dutch title and description (`title`, `description`) with both languages in
 * `titles` / `descriptions`, `categories` with Dutch (`label`) and English labels (`labels.en`),
 * `categoriesOrdered` for the answer scales, and `missingValues: [""]` (an empty cell is missing).
 * Texts come from the message catalogue, read in both languages at once.
 */
import { m } from '$lib/paraglide/messages';
import { benefitTypes, organisationKinds, providerGroups, providerTypes } from '$lib/domain/reference';
import { surveyDomains, type InstrumentItem, type SurveyDomain } from './instrument';
import { codedSuffix, microdataColumns } from './microdata';

type Locale = 'nl' | 'en';
type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;
const catalogue = m as unknown as Record<string, MessageFn | undefined>;

function both(key: string, inputs?: Record<string, unknown> | ((locale: Locale) => Record<string, unknown>)): Record<Locale, string> {
	const message = catalogue[key];
	if (!message) throw new Error(`codebook: no message ${key}`);
	const at = (locale: Locale) => message(typeof inputs === 'function' ? inputs(locale) : inputs, { locale });
	return { nl: at('nl'), en: at('en') };
}

export interface Category {
	value: string | number;
	label: string;
	labels: Record<Locale, string>;
}

export interface CodebookField {
	name: string;
	type: 'string' | 'integer' | 'number' | 'yearmonth';
	title: string;
	description: string;
	titles: Record<Locale, string>;
	descriptions: Record<Locale, string>;
	categories?: Category[];
	categoriesOrdered?: boolean;
	constraints?: { minimum?: number; maximum?: number; required?: boolean; unique?: boolean };
}

export interface DataPackage {
	$schema: string;
	name: string;
	title: string;
	description: string;
	created: string;
	licenses?: unknown[];
	resources: [
		{
			name: 'microdata';
			path: 'microdata.csv';
			type: 'table';
			format: 'csv';
			mediatype: 'text/csv';
			encoding: 'utf-8';
			dialect: { delimiter: ','; header: true; lineTerminator: '\r\n' };
			schema: { fields: CodebookField[]; missingValues: ['']; primaryKey: ['respondent_id'] };
		}
	];
	/** The selection the export was made for (waves, organisations, benefit types, period). */
	selection: Record<string, unknown>;
	rowCount: number;
}

function category(value: string | number, labels: Record<Locale, string>): Category {
	return { value, label: labels.nl, labels };
}

function field(name: string, type: CodebookField['type'], titles: Record<Locale, string>, descriptions: Record<Locale, string>, extra: Partial<CodebookField> = {}): CodebookField {
	return { name, type, title: titles.nl, description: descriptions.nl, titles, descriptions, ...extra };
}

const domainLabel = (domain: SurveyDomain) => both(`survey_admin_domain_${domain}`);

const answerCategories = () =>
	// Ordered from least to most satisfied, as the reverse-coded values 0, 1, 2.
	(['nee', 'een_beetje', 'ja'] as const).map((code) => category(code, both(`survey_answer_${code}`)));

const scaleCategories = () => (['nee', 'een_beetje', 'ja'] as const).map((code) => category(code, both(`microdata_category_${code}`)));

const codedCategories = () => (['nee', 'een_beetje', 'ja'] as const).map((code, value) => category(value, both(`microdata_category_${code}`)));

function fixedField(name: string): CodebookField {
	const titles = both(`microdata_col_${name}_title`);
	const descriptions = both(`microdata_col_${name}_description`);
	switch (name) {
		case 'respondent_id':
			return field(name, 'string', titles, descriptions, { constraints: { required: true, unique: true } });
		case 'provider_type':
			return field(name, 'string', titles, descriptions, { categories: providerTypes.map((type) => category(type, both(`provider_type_${type}`))) });
		case 'provider_group':
			return field(name, 'string', titles, descriptions, { categories: providerGroups.map((group) => category(group, both(`provider_group_${group}`))) });
		case 'payer_kind':
			return field(name, 'string', titles, descriptions, { categories: organisationKinds.map((kind) => category(kind, both(`microdata_payer_${kind}`))) });
		case 'benefit_type':
			return field(name, 'string', titles, descriptions, { categories: benefitTypes.map((benefit) => category(benefit, both(`benefit_${benefit}`))) });
		case 'completed_month':
			return field(name, 'yearmonth', titles, descriptions);
		case 'instrument_version':
			return field(name, 'integer', titles, descriptions, { constraints: { minimum: 1 } });
		case 'overall':
			return field(name, 'integer', titles, descriptions, { constraints: { minimum: 1, maximum: 10 } });
		default:
			return field(name, 'string', titles, descriptions);
	}
}

/** The Table Schema fields for the columns of an export of these items, in column order. */
export function codebookFields(items: readonly InstrumentItem[]): CodebookField[] {
	const byColumn = new Map<string, CodebookField>();
	for (const item of items) {
		const wording = item.wording;
		const titles = { nl: `${item.code}: ${wording.nl}`, en: `${item.code}: ${wording.en}` };
		const key = item.negative ? 'microdata_col_item_negative_description' : 'microdata_col_item_description';
		byColumn.set(
			item.code,
			field(item.code, 'string', titles, both(key, (locale) => ({ domain: domainLabel(item.domain)[locale] })), {
				categories: answerCategories(),
				categoriesOrdered: true
			})
		);
		byColumn.set(
			`${item.code}${codedSuffix}`,
			field(`${item.code}${codedSuffix}`, 'integer', both('microdata_col_coded_title', { item: item.code }), both('microdata_col_coded_description'), {
				categories: codedCategories(),
				categoriesOrdered: true,
				constraints: { minimum: 0, maximum: 2 }
			})
		);
	}
	for (const domain of surveyDomains) {
		const inputs = (locale: Locale) => ({ domain: domainLabel(domain)[locale] });
		byColumn.set(
			`${domain}_score`,
			field(`${domain}_score`, 'number', both('microdata_col_score_title', inputs), both('microdata_col_score_description'), { constraints: { minimum: 0, maximum: 2 } })
		);
		byColumn.set(
			`${domain}_category`,
			field(`${domain}_category`, 'string', both('microdata_col_category_title', inputs), both('microdata_col_category_description'), {
				categories: scaleCategories(),
				categoriesOrdered: true
			})
		);
	}
	return microdataColumns(items).map((column) => byColumn.get(column) ?? fixedField(column));
}

export function dataPackage(items: readonly InstrumentItem[], meta: { created: string; selection: Record<string, unknown>; rowCount: number }): DataPackage {
	const title = both('microdata_package_title');
	const description = both('microdata_package_description');
	return {
		$schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
		name: 'regie-survey-microdata',
		title: title.nl,
		description: `${description.nl}\n\n${title.en}. ${description.en}`,
		created: meta.created,
		resources: [
			{
				name: 'microdata',
				path: 'microdata.csv',
				type: 'table',
				format: 'csv',
				mediatype: 'text/csv',
				encoding: 'utf-8',
				dialect: { delimiter: ',', header: true, lineTerminator: '\r\n' },
				schema: { fields: codebookFields(items), missingValues: [''], primaryKey: ['respondent_id'] }
			}
		],
		selection: meta.selection,
		rowCount: meta.rowCount
	};
}

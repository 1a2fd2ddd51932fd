/**
 * The standard tables of the survey (product brief §4): per domain, the categories of the scale
 * scores by provider aggregation group; and per item, the distribution of the answers after
 * reverse coding. Cells are row percentages from percentOneDecimal and counts.
 */
import { percentOneDecimal } from '../percentages';
import { providerGroups, type ProviderGroup } from '../reference';
import { orderedItems, type InstrumentVersion, type RawAnswers, type SurveyDomain } from './instrument';
import { codedAnswer, type ScaleCategory } from './scoring';

/** Column order of every table: Nee, Een beetje, Ja (then Totaal). */
export const tableCategories = ['nee', 'een_beetje', 'ja'] as const satisfies readonly ScaleCategory[];

export type CategoryCounts = Record<ScaleCategory, number>;
export type Distribution = CategoryCounts & { total: number };
/** Row percentages; all null when the row has no respondents (shown as "–"). */
export type DistributionPercentages = Record<keyof Distribution, number | null>;

export interface DistributionCells {
	n: Distribution;
	pct: DistributionPercentages;
}

export function emptyCounts(): CategoryCounts {
	return { nee: 0, een_beetje: 0, ja: 0 };
}

/**
 * Counts and row percentages of one row. The total column is 100.0 whenever there is anyone, even
 * when the rounded cells happen to add up to 99.9 or 100.1: that is how the reports print it.
 */
export function distribution(counts: CategoryCounts): DistributionCells {
	for (const category of tableCategories) {
		const count = counts[category];
		if (!Number.isInteger(count) || count < 0) throw new RangeError(`A count must be a whole number >= 0, got ${count}`);
	}
	const total = counts.nee + counts.een_beetje + counts.ja;
	const pct = (count: number) => (total > 0 ? percentOneDecimal(count, total) : null);
	return {
		n: { nee: counts.nee, een_beetje: counts.een_beetje, ja: counts.ja, total },
		pct: { nee: pct(counts.nee), een_beetje: pct(counts.een_beetje), ja: pct(counts.ja), total: pct(total) }
	};
}

export type StandardTableGroup = ProviderGroup | 'total';

export interface StandardTableRow extends DistributionCells {
	group: StandardTableGroup;
}

export interface StandardTable {
	domain: SurveyDomain;
	/** Always four rows, in this order: public, semi_public, private, total. */
	rows: StandardTableRow[];
}

/** The standard table from counts per group (e.g. aggregated in SQL); a missing group counts zero. */
export function standardTableFromCounts(
	domain: SurveyDomain,
	counts: Readonly<Partial<Record<ProviderGroup, CategoryCounts>>>
): StandardTable {
	const total = emptyCounts();
	const rows: StandardTableRow[] = providerGroups.map((group) => {
		const row = distribution(counts[group] ?? emptyCounts());
		for (const category of tableCategories) total[category] += row.n[category];
		return { group, ...row };
	});
	rows.push({ group: 'total', ...distribution(total) });
	return { domain, rows };
}

export interface RespondentCategories {
	group: ProviderGroup;
	/** Category per domain; null or absent when the respondent has no score in that domain. */
	categories: Readonly<Partial<Record<SurveyDomain, ScaleCategory | null>>>;
}

/** The standard table of one domain; it counts only respondents with a score in that domain. */
export function standardTable(respondents: readonly RespondentCategories[], domain: SurveyDomain): StandardTable {
	const counts: Record<ProviderGroup, CategoryCounts> = {
		public: emptyCounts(),
		semi_public: emptyCounts(),
		private: emptyCounts()
	};
	for (const respondent of respondents) {
		const category = respondent.categories[domain];
		if (category === null || category === undefined) continue;
		counts[respondent.group][category] += 1;
	}
	return standardTableFromCounts(domain, counts);
}

/** The group × category counts (public, semi_public, private × nee, een_beetje, ja) for a chi-square test. */
export function groupCategoryCounts(table: StandardTable): number[][] {
	return table.rows
		.filter((row) => row.group !== 'total')
		.map((row) => tableCategories.map((category) => row.n[category]));
}

export interface ItemTableRow extends DistributionCells {
	code: string;
	domain: SurveyDomain;
	order: number;
	/** Worded negatively: the counts are after reverse coding, so mark it in the output. */
	negative: boolean;
}

/** Per item, in questionnaire order, the distribution of the answers after reverse coding; n excludes skips. */
export function itemTable(responses: readonly RawAnswers[], instrument: InstrumentVersion): ItemTableRow[] {
	return orderedItems(instrument).map((item) => {
		const counts = emptyCounts();
		for (const answers of responses) {
			const coded = codedAnswer(answers, item);
			if (coded !== null) counts[coded] += 1;
		}
		return { code: item.code, domain: item.domain, order: item.order, negative: item.negative, ...distribution(counts) };
	});
}

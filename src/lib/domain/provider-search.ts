import { activities, contractForms, isOneOf, providerTypes, regions, type Activity, type ContractForm, type ProviderType, type Region, type TargetGroup, targetGroups } from './reference';

/**
 * What someone looks for in the provider register, independent of where it came from (the
 * client's list page with Dutch query parameters, or the open-data API with English ones).
 * Unknown values are dropped rather than refused: a shared link with an outdated code still
 * shows a list.
 *
 * Within a facet the rules differ on purpose: a provider must offer *every* activity asked for
 * (someone who needs training and job mediation wants both), but may match *any* of the target
 * groups, provider types and contract forms ticked.
 */

export const sortOrders = ['name', 'satisfaction', 'placement'] as const;
export type SortOrder = (typeof sortOrders)[number];

/**
 * Order by a figure, highest first; items without a figure (below the publication minimum) after
 * all that have one. Stable: equal figures, and the items without one, keep the order they came
 * in (by name).
 */
export function rankByFigure<T>(items: readonly T[], figureOf: (item: T) => number | null): T[] {
	const keyed = items.map((item) => ({ item, figure: figureOf(item) }));
	keyed.sort((a, b) => (a.figure === null ? (b.figure === null ? 0 : 1) : b.figure === null ? -1 : b.figure - a.figure));
	return keyed.map(({ item }) => item);
}

/** One survey domain's published figures: null below the publication minimum. */
export interface PublishedDomain {
	cells: { n: { ja: number; total: number } } | null;
}

/**
 * What "sort by satisfaction" sorts on: the share of respondents who are satisfied (`ja`),
 * averaged over the survey domains whose figures are published. The same figures the list shows,
 * so the order never contradicts them. null when no domain reaches the publication minimum: such
 * a provider sorts last and shows no number.
 */
export function satisfactionSortKey(domains: readonly PublishedDomain[]): number | null {
	const shares = domains.flatMap((domain) => (domain.cells && domain.cells.n.total > 0 ? [domain.cells.n.ja / domain.cells.n.total] : []));
	return shares.length === 0 ? null : shares.reduce((sum, share) => sum + share, 0) / shares.length;
}

export interface ProviderCriteria {
	activities: Activity[];
	targetGroups: TargetGroup[];
	types: ProviderType[];
	contractForms: ContractForm[];
	/** null: every province */
	region: Region | null;
	text: string;
	sort: SortOrder;
	page: number;
}

export type Facet = 'activities' | 'targetGroups' | 'types' | 'contractForms' | 'region' | 'text';

/** Query parameter names per facet. */
export interface ParameterNames {
	activities: string;
	targetGroups: string;
	types: string;
	contractForms: string;
	region: string;
	text: string;
	sort: string;
	page: string;
}

export const dutchParameters: ParameterNames = {
	activities: 'activiteit',
	targetGroups: 'doelgroep',
	types: 'soort',
	contractForms: 'contract',
	region: 'regio',
	text: 'zoek',
	sort: 'sorteer',
	page: 'pagina'
};

export const englishParameters: ParameterNames = {
	activities: 'activity',
	targetGroups: 'target_group',
	types: 'type',
	contractForms: 'contract_form',
	region: 'region',
	text: 'q',
	sort: 'sort',
	page: 'page'
};

/** The value of the region parameter that means "every province". */
export const ALL_REGIONS = 'alle';
export const MAX_TEXT_LENGTH = 100;

function pick<const T extends readonly string[]>(list: T, values: string[]): T[number][] {
	return [...new Set(values.filter((value): value is T[number] => isOneOf(list, value)))];
}

/**
 * Read criteria from query parameters. `defaultRegion` applies when the region parameter is
 * absent (a client starts with their own province).
 */
export function criteriaFromParams(params: URLSearchParams, names: ParameterNames, defaultRegion: Region | null = null): ProviderCriteria {
	const regionValue = params.get(names.region);
	const region = regionValue === null || regionValue === '' ? defaultRegion : isOneOf(regions, regionValue) ? regionValue : null;
	const sortValue = params.get(names.sort);
	const page = Number.parseInt(params.get(names.page) ?? '1', 10);
	return {
		activities: pick(activities, params.getAll(names.activities)),
		targetGroups: pick(targetGroups, params.getAll(names.targetGroups)),
		types: pick(providerTypes, params.getAll(names.types)),
		contractForms: pick(contractForms, params.getAll(names.contractForms)),
		region,
		text: (params.get(names.text) ?? '').trim().replace(/\s+/g, ' ').slice(0, MAX_TEXT_LENGTH),
		sort: isOneOf(sortOrders, sortValue) ? sortValue : 'name',
		page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1
	};
}

/** The query string for criteria (for links: pagination, "remove this filter", sharing). */
export function paramsFromCriteria(criteria: ProviderCriteria, names: ParameterNames): URLSearchParams {
	const params = new URLSearchParams();
	if (criteria.text) params.set(names.text, criteria.text);
	for (const value of criteria.activities) params.append(names.activities, value);
	for (const value of criteria.targetGroups) params.append(names.targetGroups, value);
	for (const value of criteria.types) params.append(names.types, value);
	for (const value of criteria.contractForms) params.append(names.contractForms, value);
	params.set(names.region, criteria.region ?? ALL_REGIONS);
	if (criteria.sort !== 'name') params.set(names.sort, criteria.sort);
	if (criteria.page > 1) params.set(names.page, String(criteria.page));
	return params;
}

/** Every filter in use, one entry per facet, for "loosen this filter" advice. */
export function facetsInUse(criteria: ProviderCriteria): Facet[] {
	const facets: Facet[] = [];
	if (criteria.activities.length) facets.push('activities');
	if (criteria.targetGroups.length) facets.push('targetGroups');
	if (criteria.types.length) facets.push('types');
	if (criteria.contractForms.length) facets.push('contractForms');
	if (criteria.region) facets.push('region');
	if (criteria.text) facets.push('text');
	return facets;
}

/** The same criteria without one facet, back on the first page. */
export function withoutFacet(criteria: ProviderCriteria, facet: Facet): ProviderCriteria {
	const empty: Partial<ProviderCriteria> =
		facet === 'region' ? { region: null } : facet === 'text' ? { text: '' } : { [facet]: [] };
	return { ...criteria, ...empty, page: 1 };
}

export function pageCount(total: number, pageSize: number): number {
	return Math.max(1, Math.ceil(total / pageSize));
}

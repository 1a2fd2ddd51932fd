import type { ProviderListQuery } from '$lib/schemas/provider-api';
import {
	providerGroupOf,
	type Activity,
	type BenefitType,
	type ContractForm,
	type ProviderGroup,
	type ProviderType,
	type Region,
	type TargetGroup
} from '$lib/domain/reference';
import type { Db } from '$lib/server/db';
import { getProviderByCode, searchIn, searchSource, type ProviderFigures, type ProviderProfile, type RegisterSnapshot } from './providers';

/**
 * The provider register as open data (`/api/v1/providers`): public, so there is no actor and no
 * policy to ask. Only the fields below leave the portal; contact details, prices and internal ids
 * stay out, and the API shape stays stable when the profile grows.
 */

export interface OpenDataProvider {
	code: string;
	name: string;
	type: ProviderType;
	group: ProviderGroup;
	regions: Region[];
	activities: Activity[];
	target_groups: TargetGroup[];
	contract_forms: ContractForm[];
	benefit_types: BenefitType[];
	active: boolean;
}

export interface PageLinks {
	self: string;
	next?: string;
	prev?: string;
}

export interface OpenDataPage {
	total: number;
	page: number;
	page_size: number;
	page_count: number;
	providers: OpenDataProvider[];
	links: PageLinks;
}

export function toOpenDataProvider(profile: ProviderProfile): OpenDataProvider {
	return {
		code: profile.code,
		name: profile.name,
		type: profile.type,
		group: providerGroupOf(profile.type),
		regions: profile.regions,
		activities: profile.activities,
		target_groups: profile.targetGroups,
		contract_forms: profile.contractForms,
		benefit_types: profile.benefitTypes,
		active: profile.active
	};
}

/** Relative links to this page and its neighbours, keeping every other parameter as it was asked. */
export function pageLinks(url: URL, page: number, pageCount: number): PageLinks {
	const to = (target: number) => {
		const params = new URLSearchParams(url.searchParams);
		params.set('page', String(target));
		return `${url.pathname}?${params}`;
	};
	return {
		self: to(page),
		...(page < pageCount ? { next: to(page + 1) } : {}),
		...(page > 1 ? { prev: to(Math.min(page - 1, pageCount)) } : {})
	};
}

export interface ListOptions {
	/** The URL asked for; its path and parameters make the links. */
	url: URL;
	publicationMinimum: number;
}

/**
 * Answers are kept per register snapshot and market figures (see `searchSource`) and per URL: the
 * API is public and asked the same pages over and over (a program paging through, a cache
 * revalidating with its ETag), and the same URL on the same data gives the same answer. At most
 * PAGES_KEPT answers per snapshot; a changed register or new figures start afresh.
 */
const PAGES_KEPT = 500;
const keptPages = new WeakMap<RegisterSnapshot, WeakMap<ProviderFigures, Map<string, OpenDataPage>>>();

function pagesFor(register: RegisterSnapshot, figures: ProviderFigures): Map<string, OpenDataPage> {
	let byFigures = keptPages.get(register);
	if (!byFigures) keptPages.set(register, (byFigures = new WeakMap()));
	let pages = byFigures.get(figures);
	if (!pages) byFigures.set(figures, (pages = new Map()));
	return pages;
}

export async function listOpenDataProviders(db: Db, query: ProviderListQuery, options: ListOptions): Promise<OpenDataPage> {
	const source = await searchSource(db, options.publicationMinimum);
	const pages = pagesFor(source.register, source.figures);
	const key = options.url.pathname + options.url.search;
	const kept = pages.get(key);
	if (kept) return kept;
	const result = searchIn(source, query.criteria, { benefitType: query.benefitType, includeInactive: query.includeInactive }, query.pageSize);
	// The search shows the last page for a page past the end; a program paging on until it finds an
	// empty page must get one instead, or it never stops.
	const page = query.criteria.page;
	const pastTheEnd = result.page !== page;
	const answer: OpenDataPage = {
		total: result.total,
		page,
		page_size: query.pageSize,
		page_count: result.pageCount,
		providers: pastTheEnd ? [] : result.providers.map(toOpenDataProvider),
		links: pageLinks(options.url, page, result.pageCount)
	};
	if (pages.size >= PAGES_KEPT) pages.clear();
	pages.set(key, answer);
	return answer;
}

/** One provider, deactivated ones included (marked `active: false`); `NotFound` for an unknown code. */
export async function getOpenDataProvider(db: Db, code: string): Promise<OpenDataProvider> {
	return toOpenDataProvider(await getProviderByCode(db, code, { includeInactive: true }));
}

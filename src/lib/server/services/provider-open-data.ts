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
import { getProviderByCode, searchProviders, type ProviderProfile } from './providers';

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

export async function listOpenDataProviders(db: Db, query: ProviderListQuery, options: ListOptions): Promise<OpenDataPage> {
	const result = await searchProviders(
		db,
		query.criteria,
		{ benefitType: query.benefitType, includeInactive: query.includeInactive },
		{ pageSize: query.pageSize, publicationMinimum: options.publicationMinimum }
	);
	// The search shows the last page for a page past the end; a program paging on until it finds an
	// empty page must get one instead, or it never stops.
	const page = query.criteria.page;
	const pastTheEnd = result.page !== page;
	return {
		total: result.total,
		page,
		page_size: query.pageSize,
		page_count: result.pageCount,
		providers: pastTheEnd ? [] : result.providers.map(toOpenDataProvider),
		links: pageLinks(options.url, page, result.pageCount)
	};
}

/** One provider, deactivated ones included (marked `active: false`); `NotFound` for an unknown code. */
export async function getOpenDataProvider(db: Db, code: string): Promise<OpenDataProvider> {
	return toOpenDataProvider(await getProviderByCode(db, code, { includeInactive: true }));
}

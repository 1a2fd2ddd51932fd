import { criteriaFromParams, dutchParameters, facetsInUse, withoutFacet } from '$lib/domain/provider-search';
import { publicationMinimum } from '$lib/server/app';
import { readTray } from '$lib/server/http/compare-tray';
import { orHttpError } from '$lib/server/http/domain-errors';
import { serverOnly } from '$lib/server-only';
import { clientSearchScope, countProviders, getProvidersByCodes, searchProviders, type ProviderListing } from '$lib/server/services/providers';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 10;

function toCard(provider: ProviderListing) {
	const { id, code, name, type, regions, activities, targetGroups, contractForms, priceMinEuros, priceMaxEuros, startWithinWeeks, placement } = provider;
	// Most providers have no published satisfaction yet: then the card needs to know only that.
	const satisfaction = Object.values(provider.satisfaction).some((domain) => domain.cells !== null) ? provider.satisfaction : null;
	return { id, code, name, type, regions, activities, targetGroups, contractForms, priceMinEuros, priceMaxEuros, startWithinWeeks, placement, satisfaction };
}

export const load: PageServerLoad = async ({ locals, url, cookies, isDataRequest }) => {
	const scope = await orHttpError(() => clientSearchScope(locals.db, locals.actor));
	const criteria = criteriaFromParams(url.searchParams, dutchParameters, scope.region);
	const searchScope = { benefitType: scope.benefitType };
	const [result, tray] = await Promise.all([
		searchProviders(locals.db, criteria, searchScope, { pageSize: PAGE_SIZE, publicationMinimum: publicationMinimum() }),
		getProvidersByCodes(locals.db, readTray(cookies))
	]);
	// With nothing found, say which single filter to loosen and what that would give.
	const loosen =
		result.total === 0
			? await Promise.all(facetsInUse(criteria).map(async (facet) => ({ facet, total: await countProviders(locals.db, withoutFacet(criteria, facet), searchScope) })))
			: [];
	// The page renders on the server only (csr = false): none of this is written into its HTML as data.
	return {
		listing: serverOnly(
			{
				criteria,
				scope,
				result: { ...result, providers: result.providers.map(toCard) },
				tray: tray.map((provider) => ({ code: provider.code, name: provider.name })),
				trayFull: url.searchParams.has('vergelijken-vol'),
				loosen: loosen.filter((option) => option.total > 0),
				publicationMinimum: publicationMinimum()
			},
			{ isDataRequest }
		)
	};
};

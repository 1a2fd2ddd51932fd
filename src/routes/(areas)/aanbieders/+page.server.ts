import ProviderSearch from '$lib/components/providers/ProviderSearch.svelte';
import { criteriaFromParams, dutchParameters, facetsInUse, withoutFacet, type ProviderCriteria } from '$lib/domain/provider-search';
import { publicationMinimum } from '$lib/server/app';
import { readTray } from '$lib/server/http/compare-tray';
import { orHttpError } from '$lib/server/http/domain-errors';
import { keptHtml } from '$lib/server/http/kept-html';
import { serverOnly } from '$lib/server-only';
import type { Db } from '$lib/server/db';
import { clientSearchScope, countProviders, getProvidersByCodes, searchProviders, type SearchScope } from '$lib/server/services/providers';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 10;

/** With nothing found: each filter that, left out on its own, would find something, with how many. */
async function filtersToLoosen(db: Db, criteria: ProviderCriteria, scope: SearchScope) {
	const options = await Promise.all(facetsInUse(criteria).map(async (facet) => ({ facet, total: await countProviders(db, withoutFacet(criteria, facet), scope) })));
	return options.filter((option) => option.total > 0);
}

export const load: PageServerLoad = async ({ locals, url, cookies, isDataRequest }) => {
	const scope = await orHttpError(() => clientSearchScope(locals.db, locals.actor));
	const criteria = criteriaFromParams(url.searchParams, dutchParameters, scope.region);
	const searchScope = { benefitType: scope.benefitType };
	const minimum = publicationMinimum();
	const [result, trayProviders] = await Promise.all([
		searchProviders(locals.db, criteria, searchScope, { pageSize: PAGE_SIZE, publicationMinimum: minimum }),
		getProvidersByCodes(locals.db, readTray(cookies))
	]);
	const tray = trayProviders.map((provider) => ({ code: provider.code, name: provider.name }));
	const returnTo = url.pathname + url.search;
	// The same search result (register and figures unchanged) with the same tray and address shows
	// the same list: its HTML is kept.
	const html = await keptHtml.html(result, JSON.stringify([returnTo, tray]), ProviderSearch, async () => ({
		criteria,
		result,
		tray,
		trayFull: url.searchParams.has('vergelijken-vol'),
		loosen: result.total === 0 ? await filtersToLoosen(locals.db, criteria, searchScope) : [],
		publicationMinimum: minimum,
		returnTo
	}));
	// The page renders on the server only (csr = false): none of this is written into its HTML as data.
	return { listing: serverOnly({ scope, html }, { isDataRequest }) };
};

import { criteriaFromParams, dutchParameters, facetsInUse, withoutFacet } from '$lib/domain/provider-search';
import { publicationMinimum } from '$lib/server/app';
import { orHttpError } from '$lib/server/http/domain-errors';
import { clientSearchScope, countProviders, searchProviders } from '$lib/server/services/providers';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = await orHttpError(() => clientSearchScope(locals.db, locals.actor));
	const criteria = criteriaFromParams(url.searchParams, dutchParameters, scope.region);
	const result = await searchProviders(locals.db, criteria, { benefitType: scope.benefitType }, { pageSize: PAGE_SIZE, publicationMinimum: publicationMinimum() });
	// With nothing found, say which single filter to loosen and what that would give.
	const loosen =
		result.total === 0
			? await Promise.all(
					facetsInUse(criteria).map(async (facet) => ({ facet, total: await countProviders(locals.db, withoutFacet(criteria, facet), { benefitType: scope.benefitType }) }))
				)
			: [];
	return { criteria, scope, result, loosen: loosen.filter((option) => option.total > 0) };
};

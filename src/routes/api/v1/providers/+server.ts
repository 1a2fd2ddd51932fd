import { parseProviderListQuery } from '$lib/schemas/provider-api';
import { publicationMinimum } from '$lib/server/app';
import { openDataError, openDataJson, openDataPreflight } from '$lib/server/http/open-data-response';
import { listOpenDataProviders } from '$lib/server/services/provider-open-data';
import type { RequestHandler } from './$types';

/** The provider register as open data: paged, with the filters of the client's list page. */
export const GET: RequestHandler = async ({ url, request, locals }) => {
	const parsed = parseProviderListQuery(url.searchParams);
	if (!parsed.success) return openDataError(400, parsed.problem);
	const page = await listOpenDataProviders(locals.db, parsed.query, { url, publicationMinimum: publicationMinimum() });
	return openDataJson(request, page);
};

export const OPTIONS: RequestHandler = () => openDataPreflight();

import { NotFound } from '$lib/domain/errors';
import { openDataError, openDataJson, openDataPreflight } from '$lib/server/http/open-data-response';
import { getOpenDataProvider } from '$lib/server/services/provider-open-data';
import type { RequestHandler } from './$types';

/** One provider of the register, deactivated ones included. */
export const GET: RequestHandler = async ({ params, request, locals }) => {
	try {
		return openDataJson(request, await getOpenDataProvider(locals.db, params.code));
	} catch (caught) {
		if (caught instanceof NotFound) return openDataError(404, { error: 'not found' });
		throw caught;
	}
};

export const OPTIONS: RequestHandler = () => openDataPreflight();

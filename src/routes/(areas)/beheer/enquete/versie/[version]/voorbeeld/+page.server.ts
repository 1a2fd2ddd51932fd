import { error } from '@sveltejs/kit';
import { orHttpError } from '$lib/server/http/domain-errors';
import { getInstrumentVersion } from '$lib/server/services/survey-admin';
import { pagesOf, surveyPageView } from '$lib/server/services/survey-instrument';
import type { PageServerLoad } from './$types';

/**
 * The preview of a version as a client sees it: the answering page's own component, page by page
 * (`?stap=N`, with GET), saving nothing. The step after the last shows the thank-you page.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const version = /^\d{1,6}$/.test(params.version) ? Number(params.version) : NaN;
	if (!Number.isInteger(version)) error(404, 'Niet gevonden');
	const detail = await orHttpError(() => getInstrumentVersion(locals.db, locals.actor, version));
	const { pageCount } = pagesOf(detail.instrument);
	const asked = Number(url.searchParams.get('stap') ?? 1);
	const page = Number.isInteger(asked) && asked >= 1 && asked <= pageCount + 1 ? asked : 1;
	return {
		version,
		finished: page > pageCount,
		survey: page > pageCount ? null : surveyPageView(detail.instrument, page)
	};
};

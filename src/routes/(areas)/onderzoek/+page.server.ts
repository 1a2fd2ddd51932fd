import { Invalid } from '$lib/domain/errors';
import { getLocale } from '$lib/paraglide/runtime';
import { parseResearchQuery, type ResearchSelection } from '$lib/schemas/research';
import { publicationMinimum } from '$lib/server/app';
import { orHttpError } from '$lib/server/http/domain-errors';
import { researchOverview, selectionOptions, UnknownWave, type ResearchOverview } from '$lib/server/services/research';
import type { PageServerLoad } from './$types';

/** The research portal: the selection is in the URL (a GET form), every view follows it. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const options = await orHttpError(() => selectionOptions(locals.db, locals.actor));
	// `?welkom` is where a new account lands (see /uitnodiging): not part of the selection.
	const params = new URLSearchParams(url.searchParams);
	params.delete('welkom');
	const parsed = parseResearchQuery(params);
	const emptySelection: ResearchSelection = { waves: [], organisations: [], benefits: [], from: null, to: null };
	const defaultCsv = getLocale() === 'nl' ? ('nl' as const) : ('international' as const);
	if (!parsed.success) {
		return { options, selection: emptySelection, csvStyle: defaultCsv, problem: { kind: 'query' as const, detail: `${parsed.problem.parameter}: ${parsed.problem.error}` }, overview: null };
	}
	const { selection } = parsed.query;
	const csvStyle = url.searchParams.has('csv') ? parsed.query.csvStyle : defaultCsv;
	// An unknown wave or organisation is a selection to correct, not a missing page.
	const outcome = await orHttpError(() =>
		researchOverview(locals.db, locals.actor, selection, publicationMinimum()).catch((caught: unknown) => {
			if (caught instanceof UnknownWave || caught instanceof Invalid) return caught;
			throw caught;
		})
	);
	if (outcome instanceof UnknownWave) return { options, selection, csvStyle, problem: { kind: 'wave' as const, detail: outcome.wave }, overview: null };
	if (outcome instanceof Invalid) return { options, selection, csvStyle, problem: { kind: 'organisation' as const, detail: '' }, overview: null };
	const overview: ResearchOverview = outcome;
	return { options, selection, csvStyle, problem: null, overview };
};

import { parseResearchQuery, selectionParams } from '$lib/schemas/research';
import { orHttpError } from '$lib/server/http/domain-errors';
import { countMicrodata, microdataChoices } from '$lib/server/services/microdata';
import type { PageServerLoad } from './$types';

/**
 * Choose a selection (in the URL, a GET form) and download its microdata with codebook. The
 * download itself is the API endpoint, which a researcher's session may use as well.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const choices = await orHttpError(() => microdataChoices(locals.db, locals.actor));
	const asked = url.searchParams.has('wave') || url.searchParams.has('kies');
	const params = new URLSearchParams([...url.searchParams].filter(([key]) => key !== 'kies'));
	const parsed = parseResearchQuery(params);
	const selection = parsed.success ? parsed.query.selection : null;
	const knownWaves = new Set(choices.waves.map((wave) => wave.name));
	let problem: 'no_wave' | 'unknown' | 'invalid' | null = null;
	if (asked) {
		if (!selection) problem = 'invalid';
		else if (selection.waves.length === 0) problem = 'no_wave';
		else if (selection.waves.some((wave) => !knownWaves.has(wave)) || selection.organisations.some((code) => !choices.organisations.some((o) => o.code === code))) problem = 'unknown';
	}
	const ready = asked && problem === null && selection !== null;
	return {
		choices,
		selection: selection ?? { waves: [], organisations: [], benefits: [], from: null, to: null },
		problem,
		rows: ready ? await countMicrodata(locals.db, locals.actor, selection) : null,
		downloadHref: ready ? `/api/v1/survey/microdata?${selectionParams(selection).toString()}` : null
	};
};

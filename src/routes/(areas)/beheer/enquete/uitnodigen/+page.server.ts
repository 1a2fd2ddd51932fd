import { fail } from '@sveltejs/kit';
import { Invalid } from '$lib/domain/errors';
import { endedTrajectoryFilterSchema, fieldErrors, waveSchema } from '$lib/schemas/survey-admin';
import { currentSurveyWave } from '$lib/server/app';
import { orHttpError } from '$lib/server/http/domain-errors';
import { organisationsFor } from '$lib/server/services/organisations';
import { inviteAllMatching, inviteTrajectories, listEndedTrajectories, LIST_LIMIT } from '$lib/server/services/survey-bulk-invitations';
import type { Actions, PageServerLoad } from './$types';

/**
 * Bulk invitations for a wave: a GET filter (wave, ended period, organisation) shows the ended
 * trajectories; the admin invites the chosen ones or all that match. Plain forms throughout.
 * The filter travels in the query string, also for the actions, so the list stays as it was.
 */

function filterInput(params: URLSearchParams) {
	return {
		wave: params.get('ronde') ?? currentSurveyWave(),
		endedFrom: params.get('van') ?? '',
		endedTo: params.get('tot') ?? '',
		organisationId: params.get('organisatie') ?? ''
	};
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const input = filterInput(url.searchParams);
	const organisations = await orHttpError(() => organisationsFor(locals.db, locals.actor));
	const filter = endedTrajectoryFilterSchema.safeParse(input);
	const wave = waveSchema.safeParse(input.wave);
	const errors = { ...(filter.success ? {} : fieldErrors(filter.error)), ...(wave.success ? {} : { wave: wave.error.issues[0]!.message }) };
	const list = filter.success && wave.success ? await orHttpError(() => listEndedTrajectories(locals.db, locals.actor, filter.data, wave.data)) : null;
	return { input, errors, organisations, list, limit: LIST_LIMIT };
};

async function run(work: () => Promise<{ created: number; alreadyInvited: number; notEnded: number }>, wave: string) {
	try {
		return { result: { ...(await orHttpError(work)), wave: wave.trim() } };
	} catch (caught) {
		if (caught instanceof Invalid) return fail(400, { errors: caught.fields });
		throw caught;
	}
}

export const actions: Actions = {
	invite: async ({ locals, request, url }) => {
		const wave = filterInput(url.searchParams).wave;
		const trajectoryIds = (await request.formData()).getAll('traject').map(String);
		return run(() => inviteTrajectories(locals.db, locals.actor, { wave, trajectoryIds }), wave);
	},
	inviteAll: async ({ locals, url }) => {
		const input = filterInput(url.searchParams);
		const filter = endedTrajectoryFilterSchema.safeParse(input);
		if (!filter.success) return fail(400, { errors: fieldErrors(filter.error) });
		return run(() => inviteAllMatching(locals.db, locals.actor, { wave: input.wave, filter: filter.data }), input.wave);
	}
};

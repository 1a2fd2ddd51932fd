import { redirect } from '@sveltejs/kit';
import { orHttpError } from '$lib/server/http/domain-errors';
import { createDraft, listInstrumentVersions } from '$lib/server/services/survey-admin';
import type { Actions, PageServerLoad } from './$types';

/** The survey's admin home: instrument versions, and the way to the paper import and bulk invitations. */

export const load: PageServerLoad = async ({ locals, url }) => ({
	versions: await orHttpError(() => listInstrumentVersions(locals.db, locals.actor)),
	discarded: url.searchParams.has('weggegooid')
});

export const actions: Actions = {
	newDraft: async ({ locals }) => {
		const { version } = await orHttpError(() => createDraft(locals.db, locals.actor));
		redirect(303, `/beheer/enquete/versie/${version}`);
	}
};

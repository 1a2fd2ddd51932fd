import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { orHttpError } from '$lib/server/http/domain-errors';
import { openInvitationsOfClient, portalSurveyLink } from '$lib/server/services/survey-invitations';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in client's open surveys; "fill in" opens the same answering pages as the mailed link. */

export const load: PageServerLoad = async ({ locals }) => {
	const invitations = await orHttpError(() => openInvitationsOfClient(locals.db, locals.actor));
	return { invitations };
};

const startSchema = z.object({ invitationId: z.string().min(1).max(100) });

export const actions: Actions = {
	start: async ({ locals, request }) => {
		const parsed = startSchema.safeParse(Object.fromEntries(await request.formData()));
		// A form that names no survey (or not one of yours) lands on the list again, which says what is open.
		if (!parsed.success) redirect(303, '/enquete');
		const path = await orHttpError(() => portalSurveyLink(locals.db, locals.actor, parsed.data.invitationId));
		redirect(303, path);
	}
};

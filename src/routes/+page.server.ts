import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/domain/areas';
import type { PageServerLoad } from './$types';

/** Signed-in people go straight to their role's home; visitors see the introduction. */
export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor.kind === 'user') redirect(303, homeOf(locals.actor.role));
};

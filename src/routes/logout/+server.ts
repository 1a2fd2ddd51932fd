import { redirect } from '@sveltejs/kit';
import { endSession } from '$lib/server/auth/cookies';
import { recordSignOut } from '$lib/server/services/sign-in';
import type { RequestHandler } from './$types';

/** Sign out: the session is deleted on the server, not only the cookie in the browser. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.actor.kind === 'user') await recordSignOut(locals.db, locals.actor);
	await endSession(locals.db, cookies, url, locals.sessionId);
	redirect(303, '/login?uitgelogd');
};

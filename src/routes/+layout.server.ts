import { getLocale } from '$lib/paraglide/runtime';
import { unreadCount } from '$lib/server/services/notifications';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	return {
		locale: getLocale(),
		person: actor.kind === 'user' ? { displayName: actor.displayName, role: actor.role } : null,
		// One indexed count, only for signed-in people: the number next to "Meldingen" in the header.
		unreadNotifications: actor.kind === 'user' ? await unreadCount(locals.db, actor) : 0,
		returnTo: url.pathname + url.search
	};
};

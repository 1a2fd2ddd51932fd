import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const actor = locals.actor;
	return {
		locale: getLocale(),
		person: actor.kind === 'user' ? { displayName: actor.displayName, role: actor.role } : null,
		returnTo: url.pathname + url.search
	};
};

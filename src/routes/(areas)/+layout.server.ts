import { error } from '@sveltejs/kit';
import { accessTo } from '$lib/domain/areas';
import type { LayoutServerLoad } from './$types';

// The pages of every role area. The server hook has already sent visitors to the sign-in page;
// a signed-in person of another role gets the 403 page here, inside the site layout.
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (accessTo(url.pathname, locals.actor) !== 'allowed') error(403, 'Geen toegang');
};

import { error } from '@sveltejs/kit';
import { accessTo } from '$lib/domain/areas';
import type { LayoutServerLoad } from './$types';

// The pages of every role area. The server hook has already sent visitors to the sign-in page;
// a signed-in person of another role gets the 403 page here, inside the site layout.
// The area is read from the route that matched, not from the URL as typed: the router decodes the
// path (`/%62eheer/…` is `/beheer/…`) while the URL keeps the encoding, which matches no area.
export const load: LayoutServerLoad = ({ locals, route, url }) => {
	const path = route.id ? route.id.replace(/\/\([^/]*\)/g, '') || '/' : url.pathname;
	if (accessTo(path, locals.actor) !== 'allowed') error(403, 'Geen toegang');
};

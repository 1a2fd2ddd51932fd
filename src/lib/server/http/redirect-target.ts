import { safeRedirectTarget } from '$lib/domain/areas';

/**
 * A local path from user input (a `redirectTo` or `returnTo`) to redirect to, as a Location header
 * can carry it: percent-encoded, so that a target with characters beyond Latin-1 (`/😀`) does not
 * make SvelteKit's `redirect()` throw (a 500). Null for anything `safeRedirectTarget` refuses.
 */
export function localRedirect(target: string | null | undefined): string | null {
	const safe = safeRedirectTarget(target);
	if (!safe) return null;
	const url = new URL(safe, 'http://local.invalid');
	if (url.origin !== 'http://local.invalid') return null;
	return url.pathname + url.search + url.hash;
}

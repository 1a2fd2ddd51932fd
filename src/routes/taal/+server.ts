import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { safeRedirectTarget } from '$lib/domain/areas';
import { cookieMaxAge, cookieName, locales } from '$lib/paraglide/runtime';
import { secureFor } from '$lib/server/auth/cookies';
import type { RequestHandler } from './$types';

const languageSchema = z.object({ lang: z.enum(locales), redirectTo: z.string().max(2000).optional() });

/** The language switch: a plain form post, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = Object.fromEntries(await request.formData());
	const parsed = languageSchema.safeParse(form);
	const target = safeRedirectTarget(typeof form.redirectTo === 'string' ? form.redirectTo : null) ?? '/';
	if (parsed.success) {
		cookies.set(cookieName, parsed.data.lang, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax', secure: secureFor(url) });
	}
	redirect(303, target);
};

import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { cookieMaxAge, cookieName, locales } from '$lib/paraglide/runtime';
import { secureFor } from '$lib/server/auth/cookies';
import { localRedirect } from '$lib/server/http/redirect-target';
import { rememberLanguage } from '$lib/server/services/own-account';
import type { RequestHandler } from './$types';

const languageSchema = z.object({ lang: z.enum(locales), redirectTo: z.string().max(2000).optional() });

/** The language switch: a plain form post, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url, locals }) => {
	// A post without a readable form (no body, another content type) switches nothing.
	const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
	const parsed = languageSchema.safeParse(form);
	const target = localRedirect(typeof form.redirectTo === 'string' ? form.redirectTo : null) ?? '/';
	if (parsed.success) {
		cookies.set(cookieName, parsed.data.lang, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax', secure: secureFor(url) });
		// Signed in: mails and notifications sent later use this language too.
		if (locals.actor.kind === 'user') await rememberLanguage(locals.db, locals.actor, parsed.data.lang);
	}
	redirect(303, target);
};

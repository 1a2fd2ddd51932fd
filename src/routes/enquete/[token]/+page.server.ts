import { fail, redirect } from '@sveltejs/kit';
import { Invalid } from '$lib/domain/errors';
import { orderedItems } from '$lib/domain/survey/instrument';
import { parseItemAnswers, surveyClosingSchema, surveyPageSchema } from '$lib/schemas/survey';
import { saveSurveyPage } from '$lib/server/services/survey-answering';
import { openSurvey } from '$lib/server/services/survey-invitations';
import { pagesOf, surveyPageView } from '$lib/server/services/survey-instrument';
import type { Actions, PageServerLoad } from './$types';

/**
 * The survey behind an invitation link: no sign-in, one domain per page, then a closing page.
 * Every page is a plain form (works without JavaScript); each send saves the page and redirects.
 */

export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	// The token is in the URL: keep it out of caches and out of the Referer of links to other sites.
	// `same-origin`, not `no-referrer`: with `no-referrer` a browser sends `Origin: null` with the
	// page's own form posts, and SvelteKit's CSRF check refuses them.
	setHeaders({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
	const survey = await openSurvey(locals.db, params.token);
	if (survey.state !== 'valid') return { state: survey.state, survey: null };
	// A person may go back to any page already reached, never skip ahead of it.
	const asked = Number(url.searchParams.get('stap'));
	const page = Number.isInteger(asked) && asked >= 1 && asked <= survey.resumePage ? asked : survey.resumePage;
	return { state: 'valid' as const, survey: surveyPageView(survey.instrument, page, survey) };
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const form = await request.formData();
		const here = url.pathname;
		const step = surveyPageSchema.safeParse({ page: form.get('page'), direction: form.get('direction') });
		const survey = await openSurvey(locals.db, params.token);
		if (survey.state !== 'valid' || !step.success) redirect(303, here);
		const { domains, pageCount } = pagesOf(survey.instrument);
		const page = step.data.page;
		if (page > survey.resumePage) redirect(303, here);

		let input: Parameters<typeof saveSurveyPage>[2];
		if (page < pageCount) {
			const codes = orderedItems(survey.instrument, domains[page - 1]).map((item) => item.code);
			const { answers, errors } = parseItemAnswers(form, codes);
			if (Object.keys(errors).length > 0) return fail(400, { errors, values: {} as Record<string, string> });
			input = { page, answers };
		} else {
			const values = { overall: String(form.get('overall') ?? ''), comment: String(form.get('comment') ?? '') };
			const closing = surveyClosingSchema.safeParse(values);
			if (!closing.success) {
				const errors: Record<string, string> = {};
				for (const issue of closing.error.issues) errors[String(issue.path[0])] = issue.message;
				return fail(400, { errors, values });
			}
			input = { page, overall: closing.data.overall, comment: closing.data.comment };
		}

		let outcome;
		try {
			outcome = await saveSurveyPage(locals.db, params.token, input);
		} catch (error) {
			if (error instanceof Invalid) return fail(400, { errors: error.fields, values: {} as Record<string, string> });
			throw error;
		}
		if (outcome.state === 'saved') {
			const next = step.data.direction === 'back' ? Math.max(1, page - 1) : outcome.nextPage;
			redirect(303, `${here}?stap=${next}`);
		}
		// Completed (now or before), expired or unknown: the page itself says which.
		redirect(303, here);
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import { Invalid } from '$lib/domain/errors';
import { surveyDomains } from '$lib/domain/survey/instrument';
import { orHttpError } from '$lib/server/http/domain-errors';
import { discardDraft, getInstrumentVersion, itemCodeOf, moveDraftItem, publishDraft, removeDraftItem } from '$lib/server/services/survey-admin';
import type { Actions, PageServerLoad } from './$types';

/**
 * One instrument version: its statements per domain. A draft can be changed here (move, remove),
 * previewed and published; a published version is shown read-only (the service refuses changes).
 * After each change the page redirects back with what happened (`?gedaan=…&code=…`).
 */

function versionOf(param: string): number {
	const version = /^\d{1,6}$/.test(param) ? Number(param) : NaN;
	if (!Number.isInteger(version) || version < 1) error(404, 'Niet gevonden');
	return version;
}

const done = ['saved', 'added', 'removed', 'moved', 'published'] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const detail = await orHttpError(() => getInstrumentVersion(locals.db, locals.actor, versionOf(params.version)));
	const doneParam = url.searchParams.get('gedaan');
	return {
		detail: { ...detail, domains: surveyDomains.map((domain) => ({ domain, items: detail.instrument.items.filter((item) => item.domain === domain) })) },
		done: (done as readonly string[]).includes(doneParam ?? '') ? (doneParam as (typeof done)[number]) : null,
		code: itemCodeOf(url.searchParams.get('code') ?? '')
	};
};

/** A refused change: the fields of an `Invalid` for the error summary; anything else passes on. */
async function refusedAs400(work: () => Promise<void>) {
	try {
		await orHttpError(work);
		return null;
	} catch (caught) {
		if (caught instanceof Invalid) return fail(400, { errors: caught.fields });
		throw caught;
	}
}

async function codeFrom(request: Request): Promise<{ code: string; form: FormData }> {
	const form = await request.formData();
	const code = itemCodeOf(String(form.get('code') ?? ''));
	if (!code) error(400, 'Onbekende vraag');
	return { code, form };
}

export const actions: Actions = {
	move: async ({ locals, params, request }) => {
		const version = versionOf(params.version);
		const { code, form } = await codeFrom(request);
		const direction = form.get('direction') === 'up' ? 'up' : 'down';
		const refused = await refusedAs400(() => moveDraftItem(locals.db, locals.actor, version, code, direction));
		if (refused) return refused;
		redirect(303, `/beheer/enquete/versie/${version}?gedaan=moved&code=${code}#item-${code}`);
	},
	remove: async ({ locals, params, request }) => {
		const version = versionOf(params.version);
		const { code } = await codeFrom(request);
		const refused = await refusedAs400(() => removeDraftItem(locals.db, locals.actor, version, code));
		if (refused) return refused;
		redirect(303, `/beheer/enquete/versie/${version}?gedaan=removed&code=${code}`);
	},
	publish: async ({ locals, params }) => {
		const version = versionOf(params.version);
		const refused = await refusedAs400(() => publishDraft(locals.db, locals.actor, version));
		if (refused) return refused;
		redirect(303, `/beheer/enquete/versie/${version}?gedaan=published`);
	},
	discard: async ({ locals, params }) => {
		const version = versionOf(params.version);
		const refused = await refusedAs400(() => discardDraft(locals.db, locals.actor, version));
		if (refused) return refused;
		redirect(303, '/beheer/enquete?weggegooid');
	}
};

import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { addToTray, removeFromTray } from '$lib/domain/compare-tray';
import { readTray, writeTray } from '$lib/server/http/compare-tray';
import { orHttpError } from '$lib/server/http/domain-errors';
import { localRedirect } from '$lib/server/http/redirect-target';
import { publicationMinimum } from '$lib/server/app';
import { clientSearchScope, getProvidersByCodes } from '$lib/server/services/providers';
import { satisfactionOfProviders } from '$lib/server/services/satisfaction';
import type { Actions, PageServerLoad } from './$types';

const trayForm = z.object({ code: z.string().max(60).optional(), returnTo: z.string().max(2000).optional() });

export const load: PageServerLoad = async ({ locals, cookies }) => {
	await orHttpError(() => clientSearchScope(locals.db, locals.actor));
	const providers = await getProvidersByCodes(locals.db, readTray(cookies));
	const satisfaction = await satisfactionOfProviders(
		locals.db,
		providers.map((provider) => provider.id),
		publicationMinimum()
	);
	return { providers: providers.map((provider) => ({ ...provider, satisfaction: satisfaction.get(provider.id)! })) };
};

async function readForm(request: Request) {
	const parsed = trayForm.safeParse(Object.fromEntries(await request.formData()));
	const data = parsed.success ? parsed.data : {};
	return { code: data.code ?? '', back: localRedirect(data.returnTo) ?? '/aanbieders' };
}

/** After a change, back to where the button was pressed, with a note when the tray was full. */
function backTo(target: string, full: boolean): never {
	if (!full) redirect(303, target);
	const url = new URL(target, 'http://local');
	url.searchParams.set('vergelijken-vol', '1');
	redirect(303, url.pathname + url.search);
}

export const actions: Actions = {
	add: async ({ request, cookies, url }) => {
		const { code, back } = await readForm(request);
		const change = addToTray(readTray(cookies), code);
		writeTray(cookies, url, change.codes);
		backTo(back, change.full);
	},
	remove: async ({ request, cookies, url }) => {
		const { code, back } = await readForm(request);
		writeTray(cookies, url, removeFromTray(readTray(cookies), code));
		backTo(back, false);
	},
	clear: async ({ request, cookies, url }) => {
		const { back } = await readForm(request);
		writeTray(cookies, url, []);
		backTo(back, false);
	}
};

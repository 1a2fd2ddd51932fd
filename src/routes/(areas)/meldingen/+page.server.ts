import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { orHttpError } from '$lib/server/http/domain-errors';
import { writtenMoment } from '$lib/server/mail/texts';
import { listNotifications, markAllRead, markRead } from '$lib/server/services/notifications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const locale = getLocale();
	const page = Number(url.searchParams.get('pagina') ?? '1');
	const list = await orHttpError(() => listNotifications(locals.db, locals.actor, locale, page));
	return {
		...list,
		items: list.items.map((item) => ({
			...item,
			received: m.notice_received({ moment: writtenMoment(item.createdAt, locale) })
		}))
	};
};

const markSchema = z.object({ id: z.string().min(1).max(100) });

export const actions: Actions = {
	read: async ({ locals, request }) => {
		const parsed = markSchema.safeParse(Object.fromEntries(await request.formData()));
		// Only a tampered form names no notification: the error page says so.
		if (!parsed.success) error(400, 'Onbekende melding');
		await orHttpError(() => markRead(locals.db, locals.actor, parsed.data.id));
		return { marked: 'one' as const };
	},
	all: async ({ locals }) => {
		await orHttpError(() => markAllRead(locals.db, locals.actor));
		return { marked: 'all' as const };
	}
};

import { getLocale } from '$lib/paraglide/runtime';
import { orHttpError } from '$lib/server/http/domain-errors';
import { listOutbox } from '$lib/server/services/outbox';
import { describeStatus } from './status';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const locale = getLocale();
	const outbox = await orHttpError(() => listOutbox(locals.db, locals.actor, Number(url.searchParams.get('pagina') ?? '1')));
	return {
		...outbox,
		items: outbox.items.map((item) => ({ id: item.id, recipient: item.recipient, subject: item.subject, ...describeStatus(item, outbox.smtpConfigured, outbox.maxAttempts, locale) }))
	};
};

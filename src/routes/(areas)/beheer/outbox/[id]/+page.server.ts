import { getLocale } from '$lib/paraglide/runtime';
import { orHttpError } from '$lib/server/http/domain-errors';
import { getOutboxMail } from '$lib/server/services/outbox';
import { describeStatus } from '../status';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const mail = await orHttpError(() => getOutboxMail(locals.db, locals.actor, params.id));
	return {
		recipient: mail.recipient,
		subject: mail.subject,
		body: mail.body,
		...describeStatus(mail, mail.smtpConfigured, mail.maxAttempts, getLocale())
	};
};

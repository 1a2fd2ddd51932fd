import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/server/mail/texts';
import { writtenMoment } from '$lib/server/mail/texts';
import type { OutboxItem } from '$lib/server/services/outbox';

/** Where a mail stands, in words for the admin: status, attempts, next attempt, last error. */
export function describeStatus(item: OutboxItem, smtpConfigured: boolean, maxAttempts: number, locale: Locale) {
	const when = (iso: string) => writtenMoment(iso, locale);
	let status: string;
	if (item.status === 'sent') status = m.outbox_status_sent({ date: when(item.sentAt!) });
	else if (item.status === 'failed') status = m.outbox_status_failed({ attempts: item.attempts });
	else if (item.status === 'cancelled') status = m.outbox_status_cancelled();
	else status = smtpConfigured ? m.outbox_status_waiting() : m.outbox_status_not_sent();
	const details: string[] = [];
	if (item.status === 'waiting' && item.nextAttemptAt && item.nextAttemptAt > item.createdAt)
		details.push(item.attempts > 0 ? m.outbox_next_attempt({ date: when(item.nextAttemptAt) }) : m.outbox_due({ date: when(item.nextAttemptAt) }));
	if (item.attempts > 0 && item.status !== 'sent') details.push(m.outbox_attempts({ attempts: item.attempts, max: maxAttempts }));
	if (item.lastError && item.status !== 'sent') details.push(m.outbox_last_error({ error: item.lastError }));
	return { status, details, created: when(item.createdAt) };
}

import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db';
import { config } from '$lib/server/config';
import { mailText, notificationEvents, type NotificationEvent, type NotificationParams } from '$lib/server/mail/texts';

export { notificationEvents, type NotificationEvent };

/**
 * Telling people that something happened to a plan: an in-portal notification and a mail in the
 * recipient's language. Call `notify` with the transaction of the change that causes it: the
 * notification and the outbox mail are written with the change or not at all, and the mail worker
 * (`$lib/server/mail/worker`) sends it later, so a crash never loses or doubles a mail.
 */

export interface Notice {
	event: NotificationEvent;
	trajectoryId: string | null;
	/** Path inside the portal the mail links to, e.g. `/plan`. Made absolute with ORIGIN. */
	path: string;
	params: NotificationParams;
}

export async function notify(trx: Kysely<Database>, recipientIds: readonly string[], notice: Notice, now = new Date()): Promise<void> {
	const unique = [...new Set(recipientIds)];
	if (unique.length === 0) return;
	const recipients = await trx.selectFrom('users').select(['id', 'email', 'language']).where('id', 'in', unique).execute();
	const link = new URL(notice.path, portalOrigin()).toString();
	for (const recipient of recipients) {
		const language = recipient.language === 'en' ? 'en' : 'nl';
		await trx
			.insertInto('notifications')
			.values({
				id: crypto.randomUUID(),
				user_id: recipient.id,
				event: notice.event,
				trajectory_id: notice.trajectoryId,
				params: JSON.stringify({ ...notice.params, path: notice.path }),
				created_at: now.toISOString(),
				read_at: null
			})
			.execute();
		const mail = mailText(notice.event, notice.params, link, language);
		await trx
			.insertInto('outbox')
			.values({
				id: crypto.randomUUID(),
				event: notice.event,
				recipient: recipient.email,
				user_id: recipient.id,
				language,
				subject: mail.subject,
				body: mail.body,
				created_at: now.toISOString(),
				next_attempt_at: now.toISOString(),
				claimed_until: null,
				sent_at: null,
				last_error: null
			})
			.execute();
	}
}

/** The address the portal is reached at, for links in mails. */
export function portalOrigin(): string {
	return config().ORIGIN ?? 'http://localhost:3000';
}

/** Everyone who should hear about a trajectory: its client and the staff of its provider. */
export async function partiesOf(db: Kysely<Database>, trajectoryId: string): Promise<{ clientId: string; providerStaffIds: string[]; organisationId: string }> {
	const trajectory = await db.selectFrom('trajectories').select(['client_id', 'provider_id', 'organisation_id']).where('id', '=', trajectoryId).executeTakeFirstOrThrow();
	const staff = await db.selectFrom('users').select('id').where('provider_id', '=', trajectory.provider_id).where('role', '=', 'provider').execute();
	return { clientId: trajectory.client_id, providerStaffIds: staff.map((row) => row.id), organisationId: trajectory.organisation_id };
}

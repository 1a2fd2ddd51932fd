import type { Kysely } from 'kysely';
import { config } from '$lib/server/config';
import type { Database } from '$lib/server/db';
import { parseToken } from '$lib/server/auth/secret-token';
import { recipientLocale, surveyMailText } from '$lib/server/mail/texts';
import { portalOrigin } from './notifications';

/**
 * Mailing a survey invitation. Called in the transaction that creates the invitation (so the mail
 * exists exactly when the invitation does): it writes the invitation mail with the personal token
 * link, an in-portal notification for the client that points to `/enquete` (never the token), and
 * the reminder mail, due SURVEY_REMINDER_DAYS later. The outbox worker sends that reminder only if
 * the invitation is then still not completed and not expired; otherwise it cancels it.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SurveyInvitationMail {
	clientId: string;
	/** `/enquete/<token>` as returned by createInvitation. */
	invitationPath: string;
	/** ISO-8601 moment the link stops working. */
	expiresAt: string;
}

export async function queueSurveyInvitationMail(trx: Kysely<Database>, mail: SurveyInvitationMail, now = new Date()): Promise<void> {
	const token = mail.invitationPath.split('/').pop();
	const parsed = parseToken(token);
	if (!parsed || !mail.invitationPath.startsWith('/enquete/')) throw new Error('Regie: queueSurveyInvitationMail needs the path /enquete/<token>');
	const invitation = await trx.selectFrom('survey_invitations').select(['id', 'trajectory_id']).where('id', '=', parsed.id).executeTakeFirst();
	if (!invitation) throw new Error('Regie: queueSurveyInvitationMail for an invitation that does not exist');
	const client = await trx.selectFrom('users').select(['id', 'email', 'language']).where('id', '=', mail.clientId).executeTakeFirst();
	if (!client) throw new Error('Regie: queueSurveyInvitationMail for a client that does not exist');

	const locale = recipientLocale(client.language);
	const link = new URL(mail.invitationPath, portalOrigin()).toString();
	const created = now.toISOString();
	const reminderDue = new Date(now.getTime() + config().SURVEY_REMINDER_DAYS * DAY_MS).toISOString();

	await trx
		.insertInto('notifications')
		.values({
			id: crypto.randomUUID(),
			user_id: client.id,
			event: 'survey_invitation',
			trajectory_id: invitation.trajectory_id,
			params: JSON.stringify({ date: mail.expiresAt, path: '/enquete' }),
			created_at: created,
			read_at: null
		})
		.execute();

	for (const [event, due] of [
		['survey_invitation', created],
		['survey_reminder', reminderDue]
	] as const) {
		const text = surveyMailText(event, link, mail.expiresAt, locale);
		await trx
			.insertInto('outbox')
			.values({
				id: crypto.randomUUID(),
				event,
				recipient: client.email,
				user_id: client.id,
				language: locale,
				subject: text.subject,
				body: text.body,
				created_at: created,
				next_attempt_at: due,
				claimed_until: null,
				sent_at: null,
				last_error: null,
				survey_invitation_id: invitation.id
			})
			.execute();
	}
}

import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db';
import type { MailTransport } from './transport';

/**
 * The outbox worker. Mails are written to `outbox` in the transaction of the change that causes
 * them (notify, queueSurveyInvitationMail), so a mail exists exactly when its change does. This
 * worker sends them:
 *
 * 1. pick due mails: not sent, not cancelled, not given up, next_attempt_at <= now, unclaimed
 *    (or the claim ran out);
 * 2. claim each with a conditional UPDATE — only one of several app instances (or ticks) gets a
 *    row; on PostgreSQL the second UPDATE waits for the first and then finds the claim taken;
 * 3. a mail tied to a survey invitation (the reminder) is cancelled when that invitation was
 *    completed or has expired;
 * 4. send; only after the SMTP server accepted it, mark it sent. On failure: attempts + 1, the
 *    error, and the next attempt after 1, 2, 4 … minutes (at most an hour); after MAX_ATTEMPTS
 *    the row is marked failed and kept for the admin.
 *
 * At-least-once, never lost: a crash before the SMTP server accepted leaves the row unsent; it is
 * tried again once its claim runs out. The one way a mail can go out twice is a crash in the
 * moment between the server's acceptance and the UPDATE that marks it sent (two queries apart);
 * the row is then sent again after CLAIM_MS. That window is kept as small as it can be: the mark
 * is the very next statement, and a claim lasts longer than any send may take (SEND_TIMEOUT_MS),
 * so a slow send is never taken over by another worker.
 */

export const MAX_ATTEMPTS = 8;
export const CLAIM_MS = 5 * 60_000;
const BATCH = 20;
const MAX_BATCHES_PER_RUN = 10;
const MINUTE_MS = 60_000;
const MAX_BACKOFF_MS = 60 * MINUTE_MS;

/** Wait before attempt n + 1 after n failed attempts: 1, 2, 4, 8 … minutes, at most an hour. */
export function backoffMs(failedAttempts: number): number {
	return Math.min(MINUTE_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_BACKOFF_MS);
}

export interface WorkerRun {
	sent: number;
	retried: number;
	failed: number;
	cancelled: number;
}

type Row = { id: string; recipient: string; subject: string; body: string; attempts: number; event: string; survey_invitation_id: string | null };

/**
 * One pass over the due mails. With `transport` null (no SMTP_URL) nothing is sent: mails stay in
 * the outbox; only reminders whose survey was completed or expired are cancelled.
 */
export async function runMailWorkerOnce(db: Kysely<Database>, transport: MailTransport | null, now = new Date()): Promise<WorkerRun> {
	const run: WorkerRun = { sent: 0, retried: 0, failed: 0, cancelled: 0 };
	const at = now.toISOString();
	const seen = new Set<string>();
	for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
		let query = db
			.selectFrom('outbox')
			.select(['id', 'recipient', 'subject', 'body', 'attempts', 'event', 'survey_invitation_id'])
			.where('sent_at', 'is', null)
			.where('next_attempt_at', '<=', at)
			.where('cancelled_at', 'is', null)
			.where('failed_at', 'is', null)
			.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
			.orderBy('next_attempt_at')
			.limit(BATCH);
		if (!transport) query = query.where('survey_invitation_id', 'is not', null);
		const rows = (await query.execute()).filter((row) => !seen.has(row.id));
		if (rows.length === 0) break;
		for (const row of rows) {
			seen.add(row.id);
			await handle(db, transport, { ...row, attempts: Number(row.attempts) }, now, run);
		}
	}
	return run;
}

async function handle(db: Kysely<Database>, transport: MailTransport | null, row: Row, now: Date, run: WorkerRun): Promise<void> {
	const at = now.toISOString();
	const claimed = await db
		.updateTable('outbox')
		.set({ claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
		.where('id', '=', row.id)
		.where('sent_at', 'is', null)
		.where('cancelled_at', 'is', null)
		.where('failed_at', 'is', null)
		.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
		.executeTakeFirst();
	if (Number(claimed.numUpdatedRows) !== 1) return; // another worker has it

	if (row.survey_invitation_id && !(await invitationOpen(db, row.survey_invitation_id, at))) {
		await db.updateTable('outbox').set({ cancelled_at: at, claimed_until: null }).where('id', '=', row.id).execute();
		run.cancelled++;
		return;
	}
	if (!transport) {
		// The survey is still open but there is nowhere to send to: leave it waiting.
		await db.updateTable('outbox').set({ claimed_until: null }).where('id', '=', row.id).execute();
		return;
	}

	try {
		await transport.send({ to: row.recipient, subject: row.subject, text: row.body });
	} catch (error) {
		const attempts = row.attempts + 1;
		const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
		const givingUp = attempts >= MAX_ATTEMPTS;
		await db
			.updateTable('outbox')
			.set({
				attempts,
				last_error: message,
				claimed_until: null,
				next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
				failed_at: givingUp ? at : null
			})
			.where('id', '=', row.id)
			.execute();
		if (givingUp) run.failed++;
		else run.retried++;
		return;
	}
	// Accepted by the SMTP server: mark it at once (see the at-least-once note above).
	await db.updateTable('outbox').set({ sent_at: at, attempts: row.attempts + 1, claimed_until: null, last_error: null }).where('id', '=', row.id).execute();
	run.sent++;
	if (row.event === 'survey_reminder' && row.survey_invitation_id) {
		await db.updateTable('survey_invitations').set({ reminded_at: at }).where('id', '=', row.survey_invitation_id).where('reminded_at', 'is', null).execute();
	}
}

async function invitationOpen(db: Kysely<Database>, invitationId: string, at: string): Promise<boolean> {
	const invitation = await db.selectFrom('survey_invitations').select(['completed_at', 'expires_at']).where('id', '=', invitationId).executeTakeFirst();
	return !!invitation && invitation.completed_at === null && invitation.expires_at > at;
}

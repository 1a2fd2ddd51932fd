import type { Kysely } from 'kysely';
import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { config } from '$lib/server/config';
import type { Database } from '$lib/server/db';
import { MAX_ATTEMPTS } from '$lib/server/mail/worker';

/**
 * The admin's view of the mail outbox (/beheer/outbox): every mail, newest first, with where it
 * stands. Token links in a mail (survey invitations) are credentials of their recipient: the admin
 * sees them masked, never usable.
 */

export type OutboxStatus = 'waiting' | 'sent' | 'failed' | 'cancelled';

export interface OutboxItem {
	id: string;
	recipient: string;
	subject: string;
	event: string;
	createdAt: string;
	status: OutboxStatus;
	attempts: number;
	lastError: string | null;
	nextAttemptAt: string | null;
	sentAt: string | null;
}

export interface OutboxPage {
	items: OutboxItem[];
	/** False when SMTP_URL is not set: waiting mails are then not sent at all. */
	smtpConfigured: boolean;
	maxAttempts: number;
	counts: Record<OutboxStatus, number>;
	page: number;
	pageCount: number;
}

export const OUTBOX_PER_PAGE = 50;

const columns = ['id', 'recipient', 'subject', 'event', 'created_at', 'attempts', 'last_error', 'next_attempt_at', 'sent_at', 'cancelled_at', 'failed_at'] as const;

type Row = {
	id: string;
	recipient: string;
	subject: string;
	event: string;
	created_at: string;
	attempts: number | string;
	last_error: string | null;
	next_attempt_at: string;
	sent_at: string | null;
	cancelled_at: string | null;
	failed_at: string | null;
};

function statusOf(row: Pick<Row, 'sent_at' | 'cancelled_at' | 'failed_at'>): OutboxStatus {
	if (row.sent_at) return 'sent';
	if (row.cancelled_at) return 'cancelled';
	if (row.failed_at) return 'failed';
	return 'waiting';
}

function itemOf(row: Row): OutboxItem {
	const status = statusOf(row);
	return {
		id: row.id,
		recipient: row.recipient,
		subject: row.subject,
		event: row.event,
		createdAt: row.created_at,
		status,
		attempts: Number(row.attempts),
		lastError: row.last_error,
		nextAttemptAt: status === 'waiting' ? row.next_attempt_at : null,
		sentAt: row.sent_at
	};
}

function mayRead(actor: Actor): void {
	if (!can(actor, { action: 'outbox.read' })) throw new Forbidden();
}

export async function listOutbox(db: Kysely<Database>, actor: Actor, page = 1): Promise<OutboxPage> {
	mayRead(actor);
	const statusRows = await db
		.selectFrom('outbox')
		.select((eb) => [
			eb.fn.countAll<string | number>().as('total'),
			eb.fn.count<string | number>('sent_at').as('sent'),
			eb.fn.count<string | number>(eb.case().when(eb.and([eb('sent_at', 'is', null), eb('cancelled_at', 'is not', null)])).then(1).end()).as('cancelled'),
			eb.fn
				.count<string | number>(
					eb.case().when(eb.and([eb('sent_at', 'is', null), eb('cancelled_at', 'is', null), eb('failed_at', 'is not', null)])).then(1).end()
				)
				.as('failed')
		])
		.executeTakeFirstOrThrow();
	const total = Number(statusRows.total);
	const sent = Number(statusRows.sent);
	const cancelled = Number(statusRows.cancelled);
	const failed = Number(statusRows.failed);
	const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PER_PAGE));
	const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
	const rows = await db
		.selectFrom('outbox')
		.select(columns)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(OUTBOX_PER_PAGE)
		.offset((current - 1) * OUTBOX_PER_PAGE)
		.execute();
	return {
		items: rows.map(itemOf),
		smtpConfigured: config().SMTP_URL !== undefined,
		maxAttempts: MAX_ATTEMPTS,
		counts: { waiting: total - sent - cancelled - failed, sent, cancelled, failed },
		page: current,
		pageCount
	};
}

export interface OutboxMail extends OutboxItem {
	/** The text as mailed, with token links masked. */
	body: string;
	smtpConfigured: boolean;
	maxAttempts: number;
}

export async function getOutboxMail(db: Kysely<Database>, actor: Actor, id: string): Promise<OutboxMail> {
	mayRead(actor);
	const row = await db
		.selectFrom('outbox')
		.select([...columns, 'body'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) throw new NotFound();
	return { ...itemOf(row), body: maskTokens(row.body), smtpConfigured: config().SMTP_URL !== undefined, maxAttempts: MAX_ATTEMPTS };
}

/**
 * Hide the secret of every `<id>.<secret>` token link (survey and account invitations) so the text
 * can be read but the link cannot be used: `/enquete/abc….••••••`.
 */
export function maskTokens(text: string): string {
	// 24 symbols per part for tokens made before the length went up to 26 (see secret-token.ts).
	return text.replace(/\b([a-z2-9]{24,26})\.[a-z2-9]{24,26}\b/g, '$1.••••••');
}

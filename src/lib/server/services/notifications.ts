import type { Kysely } from 'kysely';
import type { Actor, UserActor } from '$lib/domain/actor';
import { safeRedirectTarget } from '$lib/domain/areas';
import { Forbidden } from '$lib/domain/errors';
import type { Database } from '$lib/server/db';
import { config } from '$lib/server/config';
import {
	isNotificationEvent,
	mailText,
	notificationEvents,
	notificationText,
	recipientLocale,
	type Locale,
	type NotificationEvent,
	type NotificationParams
} from '$lib/server/mail/texts';

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
		const language = recipientLocale(recipient.language);
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

export interface TrajectoryParties {
	clientId: string;
	providerStaffIds: string[];
	organisationId: string;
	/** The names every notice about the trajectory mentions. */
	names: { clientName: string; providerName: string };
}

/** Everyone who should hear about a trajectory: its client and the staff of its provider, with their names. */
export async function partiesOf(db: Kysely<Database>, trajectoryId: string): Promise<TrajectoryParties> {
	const trajectory = await db
		.selectFrom('trajectories')
		.innerJoin('users', 'users.id', 'trajectories.client_id')
		.innerJoin('providers', 'providers.id', 'trajectories.provider_id')
		.select(['trajectories.client_id', 'trajectories.provider_id', 'trajectories.organisation_id', 'users.display_name', 'providers.name'])
		.where('trajectories.id', '=', trajectoryId)
		// Joined on the client: an erased client's trajectory (client_id null) is not found.
		.$narrowType<{ client_id: string }>()
		.executeTakeFirstOrThrow();
	const staff = await db.selectFrom('users').select('id').where('provider_id', '=', trajectory.provider_id).where('role', '=', 'provider').execute();
	return {
		clientId: trajectory.client_id,
		providerStaffIds: staff.map((row) => row.id),
		organisationId: trajectory.organisation_id,
		names: { clientName: trajectory.display_name, providerName: trajectory.name }
	};
}

// ——— The reader's side: /meldingen and the unread count in the header. A person only ever sees
// and changes their own notifications; the queries use the index (user_id, read_at, created_at).

function signedIn(actor: Actor): UserActor {
	if (actor.kind !== 'user') throw new Forbidden();
	return actor;
}

/** How many notifications the actor has not read yet: one indexed count, for every page's header. */
export async function unreadCount(db: Kysely<Database>, actor: Actor): Promise<number> {
	const user = signedIn(actor);
	const row = await db
		.selectFrom('notifications')
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.where('user_id', '=', user.id)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export interface NotificationView {
	id: string;
	/** The sentence, in the reader's current language. */
	text: string;
	/** Where in the portal it is about; null when the stored path is not a safe local path. */
	path: string | null;
	createdAt: string;
	read: boolean;
}

export interface NotificationPage {
	items: NotificationView[];
	total: number;
	unread: number;
	page: number;
	pageCount: number;
}

export const NOTIFICATIONS_PER_PAGE = 25;

/** The actor's notifications, newest first, a page at a time, written in `locale`. */
export async function listNotifications(db: Kysely<Database>, actor: Actor, locale: Locale, page = 1): Promise<NotificationPage> {
	const user = signedIn(actor);
	const counts = await db
		.selectFrom('notifications')
		.select((eb) => [
			eb.fn.countAll<string | number>().as('total'),
			eb.fn.count<string | number>(eb.case().when('read_at', 'is', null).then(1).end()).as('unread')
		])
		.where('user_id', '=', user.id)
		.executeTakeFirstOrThrow();
	const total = Number(counts.total);
	const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
	const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
	const rows = await db
		.selectFrom('notifications')
		.select(['id', 'event', 'params', 'created_at', 'read_at'])
		.where('user_id', '=', user.id)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(NOTIFICATIONS_PER_PAGE)
		.offset((current - 1) * NOTIFICATIONS_PER_PAGE)
		.execute();
	const items = rows.flatMap((row): NotificationView[] => {
		if (!isNotificationEvent(row.event)) return [];
		const params = parseParams(row.params);
		return [
			{
				id: row.id,
				text: notificationText(row.event, params, locale),
				path: safeRedirectTarget(params.path ?? null),
				createdAt: row.created_at,
				read: row.read_at !== null
			}
		];
	});
	return { items, total, unread: Number(counts.unread), page: current, pageCount };
}

function parseParams(json: string): NotificationParams {
	try {
		const value: unknown = JSON.parse(json);
		if (!value || typeof value !== 'object') return {};
		return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
	} catch {
		return {};
	}
}

/** Mark one of the actor's own notifications read. Someone else's id changes nothing. */
export async function markRead(db: Kysely<Database>, actor: Actor, notificationId: string, now = new Date()): Promise<boolean> {
	const user = signedIn(actor);
	const result = await db
		.updateTable('notifications')
		.set({ read_at: now.toISOString() })
		.where('id', '=', notificationId)
		.where('user_id', '=', user.id)
		.where('read_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Mark all of the actor's notifications read; returns how many were unread. */
export async function markAllRead(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<number> {
	const user = signedIn(actor);
	const result = await db.updateTable('notifications').set({ read_at: now.toISOString() }).where('user_id', '=', user.id).where('read_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

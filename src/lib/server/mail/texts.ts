import { m } from '$lib/paraglide/messages';

/**
 * The words of every notification and mail, in the recipient's language (not the language of the
 * request that caused it). Plain text, short, with the one link that matters.
 */

export const notificationEvents = [
	'plan_signed',
	'plan_submitted',
	'plan_approved',
	'plan_rejected',
	'changes_requested',
	'outcome_recorded',
	'deadline_reminder'
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

export interface NotificationParams {
	clientName?: string;
	providerName?: string;
	/** A date already written out for the reader, e.g. "3 december 2026". */
	date?: string;
	[key: string]: string | undefined;
}

type Locale = 'nl' | 'en';

/** The one-line text of a notification, as the portal lists it. */
export function notificationText(event: NotificationEvent, params: NotificationParams, locale: Locale): string {
	const p = { clientName: params.clientName ?? '', providerName: params.providerName ?? '', date: params.date ?? '' };
	switch (event) {
		case 'plan_signed':
			return m.notice_plan_signed(p, { locale });
		case 'plan_submitted':
			return m.notice_plan_submitted(p, { locale });
		case 'plan_approved':
			return m.notice_plan_approved(p, { locale });
		case 'plan_rejected':
			return m.notice_plan_rejected(p, { locale });
		case 'changes_requested':
			return m.notice_changes_requested(p, { locale });
		case 'outcome_recorded':
			return m.notice_outcome_recorded(p, { locale });
		case 'deadline_reminder':
			return m.notice_deadline_reminder(p, { locale });
	}
}

export function mailText(event: NotificationEvent, params: NotificationParams, link: string, locale: Locale): { subject: string; body: string } {
	const text = notificationText(event, params, locale);
	return {
		subject: `${m.app_name({}, { locale })}: ${text}`,
		body: [m.mail_greeting({}, { locale }), '', text, '', m.mail_link_intro({}, { locale }), link, '', m.mail_signature({}, { locale }), m.app_name({}, { locale })].join('\n')
	};
}

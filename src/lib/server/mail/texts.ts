import { formatDate } from '$lib/i18n/labels';
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
	'deadline_reminder',
	'survey_invitation',
	'survey_reminder'
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

export function isNotificationEvent(value: string): value is NotificationEvent {
	return (notificationEvents as readonly string[]).includes(value);
}

export interface NotificationParams {
	clientName?: string;
	providerName?: string;
	/**
	 * A day as `YYYY-MM-DD` or a moment as ISO-8601: written out in the reader's language
	 * ("3 december 2026" / "3 December 2026"). Any other text is shown as it is.
	 */
	date?: string;
	[key: string]: string | undefined;
}

export type Locale = 'nl' | 'en';

/** The recipient's language as stored in users.language: English only when chosen, else Dutch. */
export function recipientLocale(language: string | null | undefined): Locale {
	return language === 'en' ? 'en' : 'nl';
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isoMoment = /^\d{4}-\d{2}-\d{2}T/;

/** A date of the params written out for the reader. A bare day is read as that calendar day. */
export function writtenDate(value: string | undefined, locale: Locale): string {
	if (!value) return '';
	// Noon UTC falls on the same calendar day in Europe/Amsterdam, whatever the season.
	if (isoDay.test(value)) return formatDate(`${value}T12:00:00Z`, locale);
	if (isoMoment.test(value) && !Number.isNaN(Date.parse(value))) return formatDate(value, locale);
	return value;
}

const timeFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "3 december 2026, 14:05" (Dutch time), for when a notification or mail was made. */
export function writtenMoment(iso: string, locale: Locale): string {
	let format = timeFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
		timeFormats.set(locale, format);
	}
	return `${formatDate(iso, locale)}, ${format.format(new Date(iso))}`;
}

/** The one-line text of a notification, as the portal lists it. */
export function notificationText(event: NotificationEvent, params: NotificationParams, locale: Locale): string {
	const p = { clientName: params.clientName ?? '', providerName: params.providerName ?? '', date: writtenDate(params.date, locale) };
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
		case 'survey_invitation':
			return m.notice_survey_invitation(p, { locale });
		case 'survey_reminder':
			return m.notice_survey_reminder(p, { locale });
	}
}

export interface MailText {
	subject: string;
	body: string;
}

function signed(lines: string[], locale: Locale): string {
	return [m.mail_greeting({}, { locale }), '', ...lines, '', m.mail_signature({}, { locale }), m.app_name({}, { locale })].join('\n');
}

/** The mail of a plan event: the notification's sentence and a link into the portal. */
export function mailText(event: NotificationEvent, params: NotificationParams, link: string, locale: Locale): MailText {
	if (event === 'survey_invitation' || event === 'survey_reminder') return surveyMailText(event, link, params.date ?? '', locale);
	const text = notificationText(event, params, locale);
	return {
		subject: `${m.app_name({}, { locale })}: ${text}`,
		body: signed([text, '', m.mail_link_intro({}, { locale }), link], locale)
	};
}

/**
 * The survey invitation or its reminder: what it is, that it takes a few minutes and needs no
 * sign-in, the personal link, and until when the link works (`expiresAt`, ISO-8601).
 */
export function surveyMailText(kind: 'survey_invitation' | 'survey_reminder', link: string, expiresAt: string, locale: Locale): MailText {
	const date = writtenDate(expiresAt, locale);
	const subject = kind === 'survey_invitation' ? m.mail_survey_invitation_subject({}, { locale }) : m.mail_survey_reminder_subject({}, { locale });
	const intro = kind === 'survey_invitation' ? m.mail_survey_intro({}, { locale }) : m.mail_survey_reminder_intro({}, { locale });
	return {
		subject: `${m.app_name({}, { locale })}: ${subject}`,
		body: signed(
			[intro, '', m.mail_survey_how({}, { locale }), link, '', m.mail_survey_valid_until({ date }, { locale }), m.mail_survey_privacy({}, { locale })],
			locale
		)
	};
}

import nodemailer from 'nodemailer';
import { config } from '$lib/server/config';

/**
 * Where mails go: an SMTP server named by SMTP_URL (`smtp://user:pass@host:587`, `smtps://…:465`),
 * sent with MAIL_FROM as the sender. Without SMTP_URL there is no transport: mails stay in the
 * outbox, readable by the admin at /beheer/outbox, and nothing fails.
 */

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
}

export interface MailTransport {
	/** Resolves once the SMTP server has accepted the mail; rejects when it did not. */
	send(mail: OutgoingMail): Promise<void>;
	close(): void;
}

/** Upper bound of one send, in ms; the worker's claim lasts longer, so no one else sends meanwhile. */
export const SEND_TIMEOUT_MS = 30_000;

export function smtpTransport(url: string, from: string): MailTransport {
	const transporter = nodemailer.createTransport({
		url,
		pool: true,
		maxConnections: 2,
		connectionTimeout: SEND_TIMEOUT_MS / 3,
		greetingTimeout: SEND_TIMEOUT_MS / 3,
		socketTimeout: SEND_TIMEOUT_MS / 3
	});
	return {
		async send(mail) {
			const info = await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
			// nodemailer resolves when the server accepted at least one recipient; we send to one.
			if (info.rejected.length > 0 || info.accepted.length === 0) throw new Error(`rejected: ${String(info.response ?? '')}`);
		},
		close() {
			transporter.close();
		}
	};
}

/** The transport SMTP_URL configures, or null when mail is not configured (demo). */
export function configuredTransport(): MailTransport | null {
	const settings = config();
	return settings.SMTP_URL ? smtpTransport(settings.SMTP_URL, settings.MAIL_FROM) : null;
}

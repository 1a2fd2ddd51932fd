import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/**
 * A real SMTP server on a free local port, for tests of the mail worker: it keeps every mail it
 * accepted (envelope recipients, decoded subject and text), or rejects every mail when asked to.
 */

export interface ReceivedMail {
	/** The envelope sender (MAIL FROM). */
	from: string;
	to: string[];
	subject: string;
	text: string;
}

export interface TestSmtpServer {
	url: string;
	received: ReceivedMail[];
	/** While true, every mail is refused with a temporary error (451). */
	rejecting: boolean;
	/** Wait this long before accepting each mail, as a slow mail server does. */
	delayMs: number;
	close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
	const state: TestSmtpServer = { url: '', received: [], rejecting: false, delayMs: 0, close: async () => {} };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const answer = () => {
					if (state.rejecting) {
						const refusal = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 });
						callback(refusal);
						return;
					}
					const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
					state.received.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), ...parseMessage(Buffer.concat(chunks).toString('utf8')) });
					callback();
				};
				if (state.delayMs > 0) setTimeout(answer, state.delayMs);
				else answer();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	state.url = `smtp://127.0.0.1:${port}`;
	state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return state;
}

/** Just enough MIME for the plain-text mails nodemailer writes: unfolded headers, encoded words, QP/base64. */
function parseMessage(raw: string): { subject: string; text: string } {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = raw.slice(split + 4);
	const header = (name: string) => head.split('\r\n').find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim() ?? '';
	const subject = header('Subject')
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_all, kind: string, data: string) =>
			kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' '))
		);
	const encoding = header('Content-Transfer-Encoding').toLowerCase();
	let text = body;
	if (encoding === 'quoted-printable') text = decodeQuotedPrintable(body.replace(/=\r\n/g, ''));
	else if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	return { subject, text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function decodeQuotedPrintable(value: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < value.length; i++) {
		if (value[i] === '=' && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
			bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(...Buffer.from(value[i]!, 'utf8'));
	}
	return Buffer.from(bytes).toString('utf8');
}

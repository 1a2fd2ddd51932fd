import { describe, expect, it } from 'vitest';
import { mailText, notificationEvents, notificationText, recipientLocale, surveyMailText, writtenDate, writtenMoment } from './texts';

describe('dates in mails and notifications', () => {
	it('writes a day out in the reader’s language', () => {
		expect(writtenDate('2026-12-03', 'nl')).toBe('3 december 2026');
		expect(writtenDate('2026-12-03', 'en')).toBe('3 December 2026');
		// A bare day is that calendar day, summer or winter.
		expect(writtenDate('2026-07-01', 'nl')).toBe('1 juli 2026');
	});

	it('writes a moment as its day in Dutch time', () => {
		expect(writtenDate('2027-01-29T23:30:00.000Z', 'nl')).toBe('30 januari 2027');
		expect(writtenMoment('2026-12-01T13:05:00.000Z', 'nl')).toBe('1 december 2026, 14:05');
		expect(writtenMoment('2026-12-01T13:05:00.000Z', 'en')).toBe('1 December 2026, 14:05');
	});

	it('leaves other text as it is', () => {
		expect(writtenDate('morgen', 'nl')).toBe('morgen');
		expect(writtenDate(undefined, 'nl')).toBe('');
	});
});

describe('texts', () => {
	it('has a sentence for every event in both languages, without unfilled placeholders', () => {
		for (const event of notificationEvents)
			for (const locale of ['nl', 'en'] as const) {
				const text = notificationText(event, { clientName: 'Sanne', providerName: 'Loopbaanlicht', date: '2026-12-03' }, locale);
				expect(text.length, `${event} ${locale}`).toBeGreaterThan(10);
				expect(text).not.toMatch(/[{}]/);
			}
	});

	it('puts the link and the greeting in a plan mail', () => {
		const mail = mailText('deadline_reminder', { clientName: 'Sanne', date: '2026-12-03' }, 'https://regie.example/plan', 'nl');
		expect(mail.subject).toBe('Regie: Het plan van Sanne moet uiterlijk 3 december 2026 ingediend zijn.');
		expect(mail.body.split('\n')).toEqual([
			'Beste lezer,',
			'',
			'Het plan van Sanne moet uiterlijk 3 december 2026 ingediend zijn.',
			'',
			'Bekijk het in Regie:',
			'https://regie.example/plan',
			'',
			'Met vriendelijke groet,',
			'Regie'
		]);
	});

	it('says in the survey mail that it is short, needs no sign-in, and until when the link works', () => {
		const mail = surveyMailText('survey_invitation', 'https://regie.example/enquete/x.y', '2027-01-30T10:00:00.000Z', 'nl');
		expect(mail.body).toContain('Het invullen duurt een paar minuten. U hoeft niet in te loggen.');
		expect(mail.body).toContain('https://regie.example/enquete/x.y');
		expect(mail.body).toContain('De link werkt tot 30 januari 2027.');
		expect(surveyMailText('survey_reminder', 'l', '2027-01-30T10:00:00.000Z', 'en').subject).toBe('Regie: Reminder: what did you think of your trajectory?');
	});

	it('uses English only for people who chose it', () => {
		expect([recipientLocale('en'), recipientLocale('nl'), recipientLocale(null), recipientLocale('de')]).toEqual(['en', 'nl', 'nl', 'nl']);
	});
});

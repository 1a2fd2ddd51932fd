import { describe, expect, it } from 'vitest';
import { daysLeft, daysWaiting, decisionDue, isOverdue, reminderDue, submissionDeadline } from './deadlines';
import { defaultRules } from './rules';

const at = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;

describe('submission deadline', () => {
	const chosen = at('2027-03-01T10:00:00Z');
	it('lies 35 days after choosing, 56 with the extension', () => {
		expect(submissionDeadline(chosen, defaultRules, false).toISOString()).toBe('2027-04-05T10:00:00.000Z');
		expect(submissionDeadline(chosen, defaultRules, true).toISOString()).toBe('2027-04-26T10:00:00.000Z');
		expect(submissionDeadline(chosen, { ...defaultRules, submissionDays: 10, extensionDays: 5 }, true).toISOString()).toBe('2027-03-16T10:00:00.000Z');
	});
	it('counts days left rounded up, zero at the moment itself, negative once passed', () => {
		const deadline = submissionDeadline(chosen, defaultRules, false);
		expect(daysLeft(deadline, chosen)).toBe(35);
		expect(daysLeft(deadline, new Date(deadline.getTime() - 1))).toBe(1);
		expect(daysLeft(deadline, deadline)).toBe(0);
		expect(daysLeft(deadline, new Date(deadline.getTime() + DAY + 1))).toBe(-1);
	});
	it('is due for a reminder from exactly 7 days before until it passes', () => {
		const deadline = submissionDeadline(chosen, defaultRules, false);
		expect(reminderDue(deadline, new Date(deadline.getTime() - 7 * DAY - 1))).toBe(false);
		expect(reminderDue(deadline, new Date(deadline.getTime() - 7 * DAY))).toBe(true);
		expect(reminderDue(deadline, new Date(deadline.getTime() - 1))).toBe(true);
		expect(reminderDue(deadline, deadline)).toBe(false);
	});
});

describe('decision term', () => {
	const submitted = at('2027-03-01T10:00:00Z');
	it('is 8 weeks after submission and overdue one moment later', () => {
		expect(decisionDue(submitted, defaultRules).toISOString()).toBe('2027-04-26T10:00:00.000Z');
		expect(isOverdue(submitted, defaultRules, at('2027-04-26T10:00:00Z'))).toBe(false);
		expect(isOverdue(submitted, defaultRules, at('2027-04-26T10:00:00.001Z'))).toBe(true);
	});
	it('counts whole days waiting, never negative', () => {
		expect(daysWaiting(submitted, at('2027-03-02T09:59:59Z'))).toBe(0);
		expect(daysWaiting(submitted, at('2027-03-02T10:00:00Z'))).toBe(1);
		expect(daysWaiting(submitted, at('2027-02-28T10:00:00Z'))).toBe(0);
	});
});

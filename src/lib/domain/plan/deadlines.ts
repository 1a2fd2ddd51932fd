import type { OrganisationRules } from './rules';

/**
 * The two clocks of a plan: the client's submission deadline (days from choosing the provider, one
 * extension possible) and the organisation's decision term (weeks from submission). Pure.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export function submissionDeadline(chosenAt: Date, rules: OrganisationRules, extended: boolean): Date {
	const days = rules.submissionDays + (extended ? rules.extensionDays : 0);
	return new Date(chosenAt.getTime() + days * DAY_MS);
}

/** Whole days left before a moment, rounded up (a deadline later today is 1 day); negative once passed. */
export function daysLeft(deadline: Date, now: Date): number {
	return Math.ceil((deadline.getTime() - now.getTime()) / DAY_MS);
}

/** The reminder goes out once, when a week or less is left and the deadline has not passed. */
export function reminderDue(deadline: Date, now: Date): boolean {
	const left = deadline.getTime() - now.getTime();
	return left > 0 && left <= 7 * DAY_MS;
}

export function decisionDue(submittedAt: Date, rules: OrganisationRules): Date {
	return new Date(submittedAt.getTime() + rules.decisionWeeks * 7 * DAY_MS);
}

/** Whole days a submitted plan has waited. */
export function daysWaiting(submittedAt: Date, now: Date): number {
	return Math.max(0, Math.floor((now.getTime() - submittedAt.getTime()) / DAY_MS));
}

export function isOverdue(submittedAt: Date, rules: OrganisationRules, now: Date): boolean {
	return now.getTime() > decisionDue(submittedAt, rules).getTime();
}

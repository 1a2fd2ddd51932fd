import { deserialize } from '$app/forms';
import type { PlanChange, PlanField } from '$lib/domain/plan/diff';
import { formatEuros, messageFor } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages';

/** Words and numbers of the plan pages, in the reader's language. */

/** "€ 1.250" or "€ 1.250,50": cents are shown only when there are any. */
export function euros(cents: number, locale: string): string {
	if (cents % 100 === 0) return formatEuros(cents / 100, locale);
	return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** "14:05", in Dutch time. */
export function timeOfDay(iso: string, locale: string): string {
	let format = timeFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
		timeFormats.set(locale, format);
	}
	return format.format(new Date(iso));
}

const fieldKeys: Record<PlanField, string> = {
	targetOccupation: 'plan_field_target_occupation',
	hoursPerWeek: 'plan_field_hours',
	startingSituation: 'plan_field_situation',
	motivation: 'plan_field_motivation',
	plannedStart: 'plan_field_planned_start',
	plannedEnd: 'plan_field_planned_end',
	contractForm: 'plan_field_contract_form',
	placement: 'plan_field_placement'
};

/** One line per change, as a person would say it. */
export function changeLine(change: PlanChange): string {
	switch (change.kind) {
		case 'field':
			return m.plan_change_field({ field: messageFor(fieldKeys[change.field]) });
		case 'activity_added':
			return m.plan_change_activity_added({ name: change.activity.description });
		case 'activity_removed':
			return m.plan_change_activity_removed({ name: change.activity.description });
		case 'activity_changed':
			return m.plan_change_activity_changed({ name: change.after.description });
		case 'activities_reordered':
			return m.plan_change_reordered();
	}
}

export type AutosaveAnswer =
	| { kind: 'saved'; version: number; at: string }
	| { kind: 'conflict'; conflict: unknown }
	| { kind: 'invalid'; errors: Record<string, unknown> }
	| { kind: 'failed' };

/**
 * Sends a step form to its own action in the background (JavaScript only), as "save on blur":
 * the action answers with the new version instead of sending the browser to the next step.
 */
export async function autosave(form: HTMLFormElement, action: string): Promise<AutosaveAnswer> {
	const body = new FormData(form);
	body.set('autosave', '1');
	try {
		const response = await fetch(action, { method: 'POST', body, headers: { 'x-sveltekit-action': 'true', accept: 'application/json' } });
		const result = deserialize(await response.text());
		if (result.type === 'success' && result.data?.saved) {
			const saved = result.data.saved as { version: number; at: string };
			return { kind: 'saved', version: saved.version, at: saved.at };
		}
		if (result.type === 'failure' && result.data?.conflict) return { kind: 'conflict', conflict: result.data.conflict };
		if (result.type === 'failure' && result.data?.form) return { kind: 'invalid', errors: (result.data.form as { errors: Record<string, unknown> }).errors };
	} catch {
		// Offline or the server is away: the explicit save button still works.
	}
	return { kind: 'failed' };
}

import { m } from '$lib/paraglide/messages';
import type { Activity, BenefitType, ContractForm, ProviderGroup, ProviderType, Region, Role, TargetGroup } from '$lib/domain/reference';

/**
 * Labels for the codes of the reference lists, in the current language. The message keys are
 * `<list>_<code>`; a unit test checks that every code of every list has one in both languages.
 */

type MessageFn = (inputs?: Record<string, unknown>) => string;
const catalogue = m as unknown as Record<string, MessageFn | undefined>;

/** The message for a key computed at run time (e.g. from a service's `Invalid` error), or the key. */
export function messageFor(key: string, inputs?: Record<string, unknown>): string {
	const message = catalogue[key];
	return message ? message(inputs) : key;
}

export const roleLabel = (role: Role) => messageFor(`role_${role}`);
export const benefitLabel = (benefit: BenefitType) => messageFor(`benefit_${benefit}`);
export const regionLabel = (region: Region) => messageFor(`region_${region}`);
export const providerTypeLabel = (type: ProviderType) => messageFor(`provider_type_${type}`);
export const providerGroupLabel = (group: ProviderGroup) => messageFor(`provider_group_${group}`);
export const activityLabel = (activity: Activity) => messageFor(`activity_${activity}`);
export const targetGroupLabel = (group: TargetGroup) => messageFor(`target_group_${group}`);
export const contractFormLabel = (form: ContractForm) => messageFor(`contract_form_${form}`);

// Intl formatters are expensive to create and are used for every card of a list: one per locale.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const EUROS_KEPT = 2000;
const formattedEuros = new Map<string, { format: Intl.NumberFormat; amounts: Map<number, string> }>();
const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-NL');

/** "3 december 2026" / "3 December 2026" */
export function formatDate(iso: string, locale: string): string {
	let format = dateFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
		dateFormats.set(locale, format);
	}
	return format.format(new Date(iso));
}

/** "4.100" in Dutch, "4,100" in English (whole euros; the € sign is in the message). */
export function formatEuros(amount: number, locale: string): string {
	let formatted = formattedEuros.get(locale);
	if (!formatted) {
		const format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0, useGrouping: true });
		formatted = { format, amounts: new Map() };
		formattedEuros.set(locale, formatted);
	}
	// Every card of the provider list shows two prices, and Intl formatting is slow: the few
	// hundred amounts of the register are formatted once (at most EUROS_KEPT kept per language).
	let text = formatted.amounts.get(amount);
	if (text === undefined) {
		if (formatted.amounts.size >= EUROS_KEPT) formatted.amounts.clear();
		text = formatted.format.format(amount);
		formatted.amounts.set(amount, text);
	}
	return text;
}

/** "28,8%" in Dutch, "28.8%" in English: one formatting for every percentage shown. */
export { formatPercent } from '$lib/domain/survey/format';

import { m } from '$lib/paraglide/messages';
import {
	newProviderSchema,
	profileSchema,
	providerDetailsSchema,
	providerRecordSchema,
	type MessageFor,
	type ProviderMessageKey
} from '$lib/domain/provider-csv';

/**
 * The forms of the provider register, with messages in the reader's language. The rules themselves
 * live in `$lib/domain/provider-csv` (one set for the forms and the CSV import); this file only
 * gives them words. Each message is looked up when a value is checked, so in the request's language.
 */

// Written out key by key, so that the compiler checks every key has a message.
const messages: Record<ProviderMessageKey, (inputs: { value: string }) => string> = {
	register_error_code: () => m.register_error_code(),
	register_error_name: () => m.register_error_name(),
	register_error_type: () => m.register_error_type(),
	register_csv_active: () => m.register_csv_active(),
	register_error_unknown_code: (inputs) => m.register_error_unknown_code(inputs),
	register_error_approach_short: () => m.register_error_approach_short(),
	register_error_approach_long: () => m.register_error_approach_long(),
	register_error_regions: () => m.register_error_regions(),
	register_error_activities: () => m.register_error_activities(),
	register_error_contract_forms: () => m.register_error_contract_forms(),
	register_error_benefit_types: () => m.register_error_benefit_types(),
	register_error_price: () => m.register_error_price(),
	register_error_price_order: () => m.register_error_price_order(),
	register_error_weeks: () => m.register_error_weeks(),
	register_error_email: () => m.register_error_email(),
	register_error_phone: () => m.register_error_phone(),
	register_error_website: () => m.register_error_website()
};

const translated: MessageFor = (key, params) => messages[key]({ value: params?.value ?? '' });

/** Provider staff: their own provider's profile. */
export const providerProfileSchema = profileSchema(translated);

/** The admin: an existing provider (the code never changes). */
export const providerDetailsFormSchema = providerDetailsSchema(translated);

/** The admin: a new provider. */
export const newProviderFormSchema = newProviderSchema(translated);

/** One row of an import file once read (lists split, `active` a boolean), for tools that check rows. */
export const providerCsvRowSchema = providerRecordSchema(translated);

/**
 * A form's values as text, for filling a form with stored data (numbers are typed as text, so that
 * "1.500" can be refused instead of read as 1.5).
 */
export function profileFormValues(profile: {
	approach: string;
	activities: string[];
	targetGroups: string[];
	regions: string[];
	contractForms: string[];
	benefitTypes: string[];
	priceMinEuros: number | null;
	priceMaxEuros: number | null;
	startWithinWeeks: number | null;
	email: string | null;
	phone: string | null;
	website: string | null;
}) {
	const text = (value: number | null) => (value === null ? '' : String(value));
	return {
		approach: profile.approach,
		activities: profile.activities,
		targetGroups: profile.targetGroups,
		regions: profile.regions,
		contractForms: profile.contractForms,
		benefitTypes: profile.benefitTypes,
		priceMinEuros: text(profile.priceMinEuros),
		priceMaxEuros: text(profile.priceMaxEuros),
		startWithinWeeks: text(profile.startWithinWeeks),
		email: profile.email ?? '',
		phone: profile.phone ?? '',
		website: profile.website ?? ''
	};
}

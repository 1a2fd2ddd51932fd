/**
 * The reference lists of the product brief (§1, §3). Codes are stable identifiers used in storage,
 * URLs, imports and exports; their Dutch and English labels live in the message catalogue.
 */

export const roles = ['client', 'provider', 'reviewer', 'researcher', 'admin'] as const;
export type Role = (typeof roles)[number];

export const benefitTypes = ['WW', 'WIA', 'WGA', 'Wajong', 'bijstand'] as const;
export type BenefitType = (typeof benefitTypes)[number];

export const organisationKinds = ['uwv', 'gemeente'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** UWV pays for WW, WIA, WGA and Wajong; a gemeente for bijstand (Participatiewet). */
export function payerKindFor(benefit: BenefitType): OrganisationKind {
	return benefit === 'bijstand' ? 'gemeente' : 'uwv';
}

export function benefitTypesPaidBy(kind: OrganisationKind): BenefitType[] {
	return benefitTypes.filter((benefit) => payerKindFor(benefit) === kind);
}

export const providerGroups = ['public', 'semi_public', 'private'] as const;
export type ProviderGroup = (typeof providerGroups)[number];

export const providerTypes = [
	'municipal_reintegration',
	'social_service',
	'sheltered_employment',
	'municipal_company',
	'commercial'
] as const;
export type ProviderType = (typeof providerTypes)[number];

const groupOfType: Record<ProviderType, ProviderGroup> = {
	municipal_reintegration: 'public',
	social_service: 'public',
	sheltered_employment: 'semi_public',
	municipal_company: 'semi_public',
	commercial: 'private'
};

/** The aggregation group the survey tables use for a detailed provider type. */
export function providerGroupOf(type: ProviderType): ProviderGroup {
	return groupOfType[type];
}

export const activities = [
	'diagnosis',
	'action_plan',
	'social_skills',
	'job_application_training',
	'treatment',
	'schooling',
	'dual_learning',
	'work_placement',
	'vacancy_collection',
	'job_mediation',
	'aftercare',
	'work_first',
	'subsidised_work',
	'case_management'
] as const;
export type Activity = (typeof activities)[number];

export const targetGroups = [
	'none_specific',
	'hard_to_place',
	'easy_to_place',
	'highly_educated',
	'low_educated',
	'migrant_background',
	'young',
	'older',
	'single_parent',
	'returner',
	'physical_limitations',
	'mental_limitations',
	'addiction',
	'debt_problems',
	'other'
] as const;
export type TargetGroup = (typeof targetGroups)[number];

export const contractForms = ['no_cure_no_pay', 'no_cure_less_pay', 'fixed_price'] as const;
export type ContractForm = (typeof contractForms)[number];

/** The twelve provinces: the region a provider serves and a client lives in. */
export const regions = [
	'groningen',
	'friesland',
	'drenthe',
	'overijssel',
	'flevoland',
	'gelderland',
	'utrecht',
	'noord_holland',
	'zuid_holland',
	'zeeland',
	'noord_brabant',
	'limburg'
] as const;
export type Region = (typeof regions)[number];

export function isOneOf<const T extends readonly string[]>(list: T, value: unknown): value is T[number] {
	return typeof value === 'string' && (list as readonly string[]).includes(value);
}

import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, NotFound } from '$lib/domain/errors';
import type { Activity, BenefitType, ContractForm, ProviderType, Region, TargetGroup } from '$lib/domain/reference';
import type { Db } from '$lib/server/db';

/** The provider register as clients and provider staff see it. */

export interface ProviderProfile {
	id: string;
	code: string;
	name: string;
	type: ProviderType;
	active: boolean;
	approach: string;
	email: string | null;
	phone: string | null;
	website: string | null;
	startWithinWeeks: number | null;
	priceMinEuros: number | null;
	priceMaxEuros: number | null;
	regions: Region[];
	activities: Activity[];
	targetGroups: TargetGroup[];
	contractForms: ContractForm[];
	benefitTypes: BenefitType[];
}

/** Active providers that serve the client's province and benefit type, by name. */
export async function listProvidersForClient(db: Db, actor: Actor): Promise<{ benefitType: BenefitType | null; region: Region | null; providers: ProviderProfile[] }> {
	if (!can(actor, { action: 'providers.browse' }) || actor.kind !== 'user') throw new Forbidden();
	const client = await db.selectFrom('users').select(['benefit_type', 'region']).where('id', '=', actor.id).executeTakeFirstOrThrow();
	if (!client.benefit_type || !client.region) return { benefitType: null, region: null, providers: [] };
	const ids = await db
		.selectFrom('providers')
		.innerJoin('provider_regions', 'provider_regions.provider_id', 'providers.id')
		.innerJoin('provider_benefit_types', 'provider_benefit_types.provider_id', 'providers.id')
		.select('providers.id')
		.where('providers.active', '=', 1)
		.where('provider_regions.region', '=', client.region)
		.where('provider_benefit_types.benefit_type', '=', client.benefit_type)
		.execute();
	const providers = await loadProfiles(db, ids.map((row) => row.id));
	return { benefitType: client.benefit_type as BenefitType, region: client.region as Region, providers };
}

/** The profile of the provider a member of provider staff works for. */
export async function getOwnProvider(db: Db, actor: Actor): Promise<ProviderProfile> {
	if (actor.kind !== 'user' || !actor.providerId || !can(actor, { action: 'provider.view-own', providerId: actor.providerId })) throw new Forbidden();
	const [profile] = await loadProfiles(db, [actor.providerId]);
	if (!profile) throw new NotFound();
	return profile;
}

async function loadProfiles(db: Db, ids: string[]): Promise<ProviderProfile[]> {
	if (ids.length === 0) return [];
	const [rows, regions, activities, targetGroups, contractForms, benefitTypes] = await Promise.all([
		db.selectFrom('providers').selectAll().where('id', 'in', ids).orderBy('name').execute(),
		db.selectFrom('provider_regions').selectAll().where('provider_id', 'in', ids).orderBy('region').execute(),
		db.selectFrom('provider_activities').selectAll().where('provider_id', 'in', ids).execute(),
		db.selectFrom('provider_target_groups').selectAll().where('provider_id', 'in', ids).execute(),
		db.selectFrom('provider_contract_forms').selectAll().where('provider_id', 'in', ids).execute(),
		db.selectFrom('provider_benefit_types').selectAll().where('provider_id', 'in', ids).execute()
	]);
	const byProvider = <T extends { provider_id: string }, V>(list: T[], pick: (row: T) => V) => {
		const map = new Map<string, V[]>();
		for (const row of list) map.set(row.provider_id, [...(map.get(row.provider_id) ?? []), pick(row)]);
		return map;
	};
	const regionMap = byProvider(regions, (row) => row.region as Region);
	const activityMap = byProvider(activities, (row) => row.activity as Activity);
	const targetMap = byProvider(targetGroups, (row) => row.target_group as TargetGroup);
	const contractMap = byProvider(contractForms, (row) => row.contract_form as ContractForm);
	const benefitMap = byProvider(benefitTypes, (row) => row.benefit_type as BenefitType);
	return rows.map((row) => ({
		id: row.id,
		code: row.code,
		name: row.name,
		type: row.detailed_type as ProviderType,
		active: row.active === 1,
		approach: row.approach,
		email: row.email,
		phone: row.phone,
		website: row.website,
		startWithinWeeks: row.start_within_weeks,
		priceMinEuros: row.price_min_euros,
		priceMaxEuros: row.price_max_euros,
		regions: regionMap.get(row.id) ?? [],
		activities: activityMap.get(row.id) ?? [],
		targetGroups: targetMap.get(row.id) ?? [],
		contractForms: contractMap.get(row.id) ?? [],
		benefitTypes: benefitMap.get(row.id) ?? []
	}));
}

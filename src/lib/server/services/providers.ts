import { sql, type SelectQueryBuilder } from 'kysely';
import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { percentOneDecimal } from '$lib/domain/percentages';
import { pageCount, type ProviderCriteria } from '$lib/domain/provider-search';
import {
	activities as activityOrder,
	benefitTypes as benefitOrder,
	contractForms as contractOrder,
	regions as regionOrder,
	targetGroups as targetOrder,
	type Activity,
	type BenefitType,
	type ContractForm,
	type ProviderType,
	type Region,
	type TargetGroup
} from '$lib/domain/reference';
import type { Database, Db } from '$lib/server/db';

/**
 * The provider register as clients, provider staff and the open-data API read it. Searching is
 * done in SQL (filters, order, one page); the page's rows are then completed with their lists.
 */

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
	updatedAt: string;
}

/** Bruto placement rate: share of completed trajectories with a placement, shown from `minimum` on. */
export interface PlacementResult {
	completed: number;
	/** null below the publication minimum: "too few yet", never a number */
	percentage: number | null;
}

export interface ProviderListing extends ProviderProfile {
	placement: PlacementResult;
}

export interface SearchScope {
	/** Only providers that serve this benefit type (a client's own). */
	benefitType?: BenefitType | null;
	/** Include deactivated providers (the API on request; never the client's list). */
	includeInactive?: boolean;
}

export interface SearchOptions {
	pageSize: number;
	publicationMinimum: number;
}

export interface SearchResult {
	total: number;
	page: number;
	pageCount: number;
	providers: ProviderListing[];
}

type ProviderQuery = SelectQueryBuilder<Database, 'providers', object>;

function applyCriteria(query: ProviderQuery, criteria: ProviderCriteria, scope: SearchScope): ProviderQuery {
	if (!scope.includeInactive) query = query.where('providers.active', '=', 1);
	if (scope.benefitType) {
		const benefit = scope.benefitType;
		query = query.where(({ exists, selectFrom }) =>
			exists(selectFrom('provider_benefit_types as b').select('b.provider_id').whereRef('b.provider_id', '=', 'providers.id').where('b.benefit_type', '=', benefit))
		);
	}
	if (criteria.region) {
		const region = criteria.region;
		query = query.where(({ exists, selectFrom }) =>
			exists(selectFrom('provider_regions as r').select('r.provider_id').whereRef('r.provider_id', '=', 'providers.id').where('r.region', '=', region))
		);
	}
	// Every activity asked for must be offered.
	for (const activity of criteria.activities) {
		query = query.where(({ exists, selectFrom }) =>
			exists(selectFrom('provider_activities as a').select('a.provider_id').whereRef('a.provider_id', '=', 'providers.id').where('a.activity', '=', activity))
		);
	}
	if (criteria.targetGroups.length) {
		const groups = criteria.targetGroups;
		query = query.where(({ exists, selectFrom }) =>
			exists(selectFrom('provider_target_groups as t').select('t.provider_id').whereRef('t.provider_id', '=', 'providers.id').where('t.target_group', 'in', groups))
		);
	}
	if (criteria.contractForms.length) {
		const forms = criteria.contractForms;
		query = query.where(({ exists, selectFrom }) =>
			exists(selectFrom('provider_contract_forms as c').select('c.provider_id').whereRef('c.provider_id', '=', 'providers.id').where('c.contract_form', 'in', forms))
		);
	}
	if (criteria.types.length) query = query.where('providers.detailed_type', 'in', criteria.types);
	if (criteria.text) {
		// lower() on both sides: LIKE is case-insensitive in SQLite but not in PostgreSQL.
		const pattern = `%${criteria.text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
		query = query.where((eb) =>
			eb.or([
				eb(sql`lower(providers.name)`, 'like', sql`${pattern} escape '\\'`),
				eb(sql`lower(providers.approach)`, 'like', sql`${pattern} escape '\\'`)
			])
		);
	}
	return query;
}

export async function countProviders(db: Db, criteria: ProviderCriteria, scope: SearchScope): Promise<number> {
	const row = await applyCriteria(db.selectFrom('providers'), criteria, scope)
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.executeTakeFirstOrThrow();
	return Number(row.total);
}

export async function searchProviders(db: Db, criteria: ProviderCriteria, scope: SearchScope, options: SearchOptions): Promise<SearchResult> {
	const total = await countProviders(db, criteria, scope);
	const pages = pageCount(total, options.pageSize);
	const page = Math.min(criteria.page, pages);
	let query = applyCriteria(db.selectFrom('providers'), criteria, scope).select('providers.id');
	if (criteria.sort === 'placement') {
		// Providers with a published rate first, highest first; the rest by name.
		const minimum = options.publicationMinimum;
		query = query
			.leftJoin(
				(eb) =>
					eb
						.selectFrom('trajectories')
						.select(['provider_id', (inner) => inner.fn.countAll<number>().as('completed'), (inner) => inner.fn.sum<number>('placed').as('placed')])
						.where('status', '=', 'completed')
						.groupBy('provider_id')
						.as('outcomes'),
				(join) => join.onRef('outcomes.provider_id', '=', 'providers.id')
			)
			.orderBy(sql`case when outcomes.completed >= ${minimum} then 0 else 1 end`)
			.orderBy(sql`case when outcomes.completed >= ${minimum} then outcomes.placed * 1.0 / outcomes.completed end`, 'desc');
	}
	const rows = await query
		.orderBy('providers.name')
		.orderBy('providers.code')
		.limit(options.pageSize)
		.offset((page - 1) * options.pageSize)
		.execute();
	const ids = rows.map((row) => row.id);
	const [profiles, placements] = await Promise.all([loadProfiles(db, ids), placementResults(db, ids, options.publicationMinimum)]);
	return { total, page, pageCount: pages, providers: profiles.map((profile) => ({ ...profile, placement: placements.get(profile.id)! })) };
}

/** A client browses the providers for their own benefit type; the province starts as their own. */
export async function clientSearchScope(db: Db, actor: Actor): Promise<{ benefitType: BenefitType | null; region: Region | null }> {
	if (!can(actor, { action: 'providers.browse' }) || actor.kind !== 'user') throw new Forbidden();
	const client = await db.selectFrom('users').select(['benefit_type', 'region']).where('id', '=', actor.id).executeTakeFirstOrThrow();
	return { benefitType: client.benefit_type as BenefitType | null, region: client.region as Region | null };
}

export async function getProviderByCode(db: Db, code: string, scope: { includeInactive?: boolean } = {}): Promise<ProviderProfile> {
	const row = await db.selectFrom('providers').select(['id', 'active']).where('code', '=', code).executeTakeFirst();
	if (!row || (!scope.includeInactive && row.active !== 1)) throw new NotFound();
	const [profile] = await loadProfiles(db, [row.id]);
	return profile!;
}

export async function getProvidersByCodes(db: Db, codes: string[]): Promise<ProviderProfile[]> {
	if (codes.length === 0) return [];
	const rows = await db.selectFrom('providers').select(['id', 'code']).where('code', 'in', codes).where('active', '=', 1).execute();
	const profiles = await loadProfiles(db, rows.map((row) => row.id));
	return codes.map((code) => profiles.find((profile) => profile.code === code)).filter((profile): profile is ProviderProfile => !!profile);
}

/** The profile of the provider a member of provider staff works for. */
export async function getOwnProvider(db: Db, actor: Actor): Promise<ProviderProfile> {
	if (actor.kind !== 'user' || !actor.providerId || !can(actor, { action: 'provider.view-own', providerId: actor.providerId })) throw new Forbidden();
	const [profile] = await loadProfiles(db, [actor.providerId]);
	if (!profile) throw new NotFound();
	return profile;
}

export async function placementResults(db: Db, providerIds: string[], minimum: number): Promise<Map<string, PlacementResult>> {
	const results = new Map<string, PlacementResult>(providerIds.map((id) => [id, { completed: 0, percentage: null }]));
	if (providerIds.length === 0) return results;
	const rows = await db
		.selectFrom('trajectories')
		.select(['provider_id', (eb) => eb.fn.countAll<number>().as('completed'), (eb) => eb.fn.sum<number>('placed').as('placed')])
		.where('status', '=', 'completed')
		.where('provider_id', 'in', providerIds)
		.groupBy('provider_id')
		.execute();
	for (const row of rows) {
		const completed = Number(row.completed);
		const placed = Number(row.placed ?? 0);
		results.set(row.provider_id, { completed, percentage: completed >= minimum ? percentOneDecimal(placed, completed) : null });
	}
	return results;
}

/** Full profiles for the given ids, in the order of the ids. */
export async function loadProfiles(db: Db, ids: string[]): Promise<ProviderProfile[]> {
	if (ids.length === 0) return [];
	const [rows, regions, activities, targetGroups, contractForms, benefitTypes] = await Promise.all([
		db.selectFrom('providers').selectAll().where('id', 'in', ids).execute(),
		db.selectFrom('provider_regions').selectAll().where('provider_id', 'in', ids).execute(),
		db.selectFrom('provider_activities').selectAll().where('provider_id', 'in', ids).execute(),
		db.selectFrom('provider_target_groups').selectAll().where('provider_id', 'in', ids).execute(),
		db.selectFrom('provider_contract_forms').selectAll().where('provider_id', 'in', ids).execute(),
		db.selectFrom('provider_benefit_types').selectAll().where('provider_id', 'in', ids).execute()
	]);
	// Lists come back in the order of the reference lists, whatever order they were stored in.
	const grouped = <T extends { provider_id: string }, V extends string>(list: T[], pick: (row: T) => V, order: readonly V[]) => {
		const map = new Map<string, V[]>();
		for (const row of list) map.set(row.provider_id, [...(map.get(row.provider_id) ?? []), pick(row)]);
		for (const values of map.values()) values.sort((a, b) => order.indexOf(a) - order.indexOf(b));
		return map;
	};
	const regionMap = grouped(regions, (row) => row.region as Region, regionOrder);
	const activityMap = grouped(activities, (row) => row.activity as Activity, activityOrder);
	const targetMap = grouped(targetGroups, (row) => row.target_group as TargetGroup, targetOrder);
	const contractMap = grouped(contractForms, (row) => row.contract_form as ContractForm, contractOrder);
	const benefitMap = grouped(benefitTypes, (row) => row.benefit_type as BenefitType, benefitOrder);
	const byId = new Map(rows.map((row) => [row.id, row]));
	return ids
		.map((id) => byId.get(id))
		.filter((row) => row !== undefined)
		.map((row) => ({
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
			benefitTypes: benefitMap.get(row.id) ?? [],
			updatedAt: row.updated_at
		}));
}

export interface PlacementComparison {
	provider: PlacementResult;
	sameType: PlacementResult;
	all: PlacementResult;
}

/** A provider's placement rate next to those of its provider type and of the whole market. */
export async function placementComparison(db: Db, provider: Pick<ProviderProfile, 'id' | 'type'>, minimum: number): Promise<PlacementComparison> {
	const totals = await db
		.selectFrom('trajectories')
		.innerJoin('providers', 'providers.id', 'trajectories.provider_id')
		.select([
			(eb) => eb.fn.countAll<number>().as('completed'),
			(eb) => eb.fn.sum<number>('trajectories.placed').as('placed'),
			(eb) => eb.fn.sum<number>(eb.case().when('providers.detailed_type', '=', provider.type).then(1).else(0).end()).as('type_completed'),
			(eb) =>
				eb.fn
					.sum<number>(eb.case().when('providers.detailed_type', '=', provider.type).then(eb.ref('trajectories.placed')).else(0).end())
					.as('type_placed')
		])
		.where('trajectories.status', '=', 'completed')
		.executeTakeFirstOrThrow();
	const result = (completed: unknown, placed: unknown): PlacementResult => {
		const n = Number(completed ?? 0);
		return { completed: n, percentage: n >= minimum ? percentOneDecimal(Number(placed ?? 0), n) : null };
	};
	const own = await placementResults(db, [provider.id], minimum);
	return { provider: own.get(provider.id)!, sameType: result(totals.type_completed, totals.type_placed), all: result(totals.completed, totals.placed) };
}

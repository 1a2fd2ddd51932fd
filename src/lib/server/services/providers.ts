import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { percentOneDecimal } from '$lib/domain/percentages';
import { pageCount, rankByFigure, satisfactionSortKey, type ProviderCriteria } from '$lib/domain/provider-search';
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
import type { Db } from '$lib/server/db';
import { perDatabaseCache } from '$lib/server/db/per-database-cache';
import { compareSatisfaction, publishSatisfaction, satisfactionTallies, type Satisfaction, type SatisfactionComparison, type SatisfactionTally } from './satisfaction';

/**
 * The provider register as clients, provider staff and the open-data API read it. Searching
 * filters, orders and pages a snapshot of the register held in memory (see `currentRegister`).
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
	satisfaction: Satisfaction;
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

/**
 * The register in memory. Searching it is a filter over a few hundred profiles, far cheaper than
 * the dozen queries a page of results took in SQL. Every search first reads the register's version,
 * a counter that database triggers move on every write to `providers` (migration 10; a change to a
 * provider's lists always updates its row too, see `provider-register.ts`), so a change made by
 * any instance is seen by the next search. The snapshot is read again after REGISTER_MAX_AGE_MS in
 * any case, as a safety net.
 */
const REGISTER_MAX_AGE_MS = 60_000;

export interface RegisterSnapshot {
	/** Every provider, deactivated ones too, by name then code. */
	profiles: ProviderProfile[];
	/** Lower-case name and approach, for the free-text filter. */
	text: Map<string, { name: string; approach: string }>;
	/** Every provider's type, by id. */
	types: Map<string, ProviderType>;
}

const registers = perDatabaseCache<Db, RegisterSnapshot>(loadRegister, { maxAgeMs: REGISTER_MAX_AGE_MS });

async function loadRegister(db: Db): Promise<RegisterSnapshot> {
	const profiles = (await queryProfiles(db, null)).sort(byNameThenCode);
	return {
		profiles,
		text: new Map(profiles.map((profile) => [profile.id, { name: profile.name.toLowerCase(), approach: profile.approach.toLowerCase() }])),
		types: new Map(profiles.map((profile) => [profile.id, profile.type]))
	};
}

async function currentRegister(db: Db): Promise<RegisterSnapshot> {
	const row = await db.selectFrom('register_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
	return registers.get(db, String(row.version));
}

// Code-unit order, as SQLite's default collation orders names.
const byNameThenCode = (a: ProviderProfile, b: ProviderProfile) =>
	a.name < b.name ? -1 : a.name > b.name ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

function matcher(criteria: ProviderCriteria, scope: SearchScope, register: RegisterSnapshot): (profile: ProviderProfile) => boolean {
	const { benefitType, includeInactive } = scope;
	const { region, activities, targetGroups, contractForms, types } = criteria;
	// Lower case on both sides, like the old SQL `lower(…) like`, but for every letter (é, Ĳ).
	const text = criteria.text.toLowerCase();
	return (profile) =>
		(includeInactive || profile.active) &&
		(!benefitType || profile.benefitTypes.includes(benefitType)) &&
		(!region || profile.regions.includes(region)) &&
		// Every activity asked for must be offered; any one of the groups, forms and types will do.
		activities.every((activity) => profile.activities.includes(activity)) &&
		(targetGroups.length === 0 || targetGroups.some((group) => profile.targetGroups.includes(group))) &&
		(contractForms.length === 0 || contractForms.some((form) => profile.contractForms.includes(form))) &&
		(types.length === 0 || types.includes(profile.type)) &&
		(!text || register.text.get(profile.id)!.name.includes(text) || register.text.get(profile.id)!.approach.includes(text));
}

export async function countProviders(db: Db, criteria: ProviderCriteria, scope: SearchScope): Promise<number> {
	const register = await currentRegister(db);
	const matches = matcher(criteria, scope, register);
	let total = 0;
	for (const profile of register.profiles) if (matches(profile)) total++;
	return total;
}

/**
 * What a search reads: the register and the market figures, both kept in memory. The same objects
 * (by identity) give the same answer to the same question, so a caller may keep answers per source.
 */
export interface SearchSource {
	register: RegisterSnapshot;
	figures: ProviderFigures;
}

export async function searchSource(db: Db, publicationMinimum: number): Promise<SearchSource> {
	const [register, figures] = await Promise.all([currentRegister(db), providerFigures(db, publicationMinimum)]);
	return { register, figures };
}

/**
 * One page of the providers that meet the criteria, with their figures. The figures come from
 * `providerFigures` (market-wide, at most a minute old) so that the order of a sort by placement
 * or satisfaction always agrees with the numbers shown.
 */
export async function searchProviders(db: Db, criteria: ProviderCriteria, scope: SearchScope, options: SearchOptions): Promise<SearchResult> {
	return searchIn(await searchSource(db, options.publicationMinimum), criteria, scope, options.pageSize);
}

/**
 * Results are kept per source: most visitors ask the same few questions (the first page of their
 * province), and a result depends on nothing else. At most RESULTS_KEPT per source. Results are
 * shared: callers must not change them.
 */
const RESULTS_KEPT = 1000;
const keptResults = new WeakMap<RegisterSnapshot, WeakMap<ProviderFigures, Map<string, SearchResult>>>();

export function searchIn(source: SearchSource, criteria: ProviderCriteria, scope: SearchScope, pageSize: number): SearchResult {
	let byFigures = keptResults.get(source.register);
	if (!byFigures) keptResults.set(source.register, (byFigures = new WeakMap()));
	let results = byFigures.get(source.figures);
	if (!results) byFigures.set(source.figures, (results = new Map()));
	const key = JSON.stringify([criteria, scope.benefitType ?? null, scope.includeInactive === true, pageSize]);
	let result = results.get(key);
	if (!result) {
		if (results.size >= RESULTS_KEPT) results.clear();
		result = search(source, criteria, scope, pageSize);
		results.set(key, result);
	}
	return result;
}

function search({ register, figures }: SearchSource, criteria: ProviderCriteria, scope: SearchScope, pageSize: number): SearchResult {
	const found = register.profiles.filter(matcher(criteria, scope, register));
	const total = found.length;
	const pages = pageCount(total, pageSize);
	const page = Math.min(criteria.page, pages);
	const ordered =
		criteria.sort === 'placement'
			? rankByFigure(found, (profile) => figures.placementKey(profile.id))
			: criteria.sort === 'satisfaction'
				? rankByFigure(found, (profile) => figures.satisfactionKey(profile.id))
				: found;
	const shown = ordered.slice((page - 1) * pageSize, page * pageSize);
	return {
		total,
		page,
		pageCount: pages,
		providers: shown.map((profile) => ({ ...profile, placement: figures.placement(profile.id), satisfaction: figures.satisfaction(profile.id) }))
	};
}

/**
 * Placement and satisfaction of every provider, as list pages show and sort them. Computed for the
 * whole market at once and kept for FIGURES_MAX_AGE_MS: completed trajectories and survey
 * responses come in slowly, and reading every response on each list page would not scale. Past
 * that age the old figures are served while new ones are computed in the background.
 */
const FIGURES_MAX_AGE_MS = 60_000;

/** Completed trajectories of a provider (or a group of them), and how many ended in a placement. */
interface PlacementTally {
	completed: number;
	placed: number;
}

/** What may be shown of a placement tally: the number completed, and the rate from the minimum on. */
function publishPlacement({ completed, placed }: PlacementTally, minimum: number): PlacementResult {
	return { completed, percentage: completed >= minimum ? percentOneDecimal(placed, completed) : null };
}

interface MarketTallies {
	placements: Map<string, PlacementTally>;
	satisfaction: Map<string, SatisfactionTally>;
	/** Published figures and sort keys, per publication minimum. */
	published: Map<number, ProviderFigures>;
}

export interface ProviderFigures {
	placement(providerId: string): PlacementResult;
	satisfaction(providerId: string): Satisfaction;
	/** Sort keys: null when too few to publish. */
	placementKey(providerId: string): number | null;
	satisfactionKey(providerId: string): number | null;
}

const figuresCache = perDatabaseCache<Db, MarketTallies>(
	async (db) => {
		const [placements, satisfaction] = await Promise.all([placementTallies(db), satisfactionTallies(db)]);
		return { placements, satisfaction, published: new Map() };
	},
	{ maxAgeMs: FIGURES_MAX_AGE_MS, serveStale: true }
);

export async function providerFigures(db: Db, minimum: number): Promise<ProviderFigures> {
	const tallies = await figuresCache.get(db);
	let figures = tallies.published.get(minimum);
	if (!figures) {
		const placementCache = new Map<string, PlacementResult>();
		const satisfactionCache = new Map<string, Satisfaction>();
		const satisfactionKeys = new Map<string, number | null>();
		const none = { completed: 0, placed: 0 };
		figures = {
			placement(id) {
				let result = placementCache.get(id);
				if (!result) {
					result = publishPlacement(tallies.placements.get(id) ?? none, minimum);
					placementCache.set(id, result);
				}
				return result;
			},
			satisfaction(id) {
				let result = satisfactionCache.get(id);
				if (!result) {
					result = publishSatisfaction(tallies.satisfaction.get(id), minimum);
					satisfactionCache.set(id, result);
				}
				return result;
			},
			placementKey(id) {
				const { completed, placed } = tallies.placements.get(id) ?? none;
				return completed >= minimum ? placed / completed : null;
			},
			satisfactionKey(id) {
				if (!satisfactionKeys.has(id)) satisfactionKeys.set(id, satisfactionSortKey(Object.values(this.satisfaction(id))));
				return satisfactionKeys.get(id)!;
			}
		};
		tallies.published.set(minimum, figures);
	}
	return figures;
}

/** Forget the market figures this process holds for `db` (tests; after a change made here). */
export function forgetProviderFigures(db: Db): void {
	figuresCache.forget(db);
}

async function placementTallies(db: Db): Promise<Map<string, PlacementTally>> {
	const rows = await db
		.selectFrom('trajectories')
		.select(['provider_id', (eb) => eb.fn.countAll<number>().as('completed'), (eb) => eb.fn.sum<number>('placed').as('placed')])
		.where('status', '=', 'completed')
		.groupBy('provider_id')
		.execute();
	return new Map(rows.map((row) => [row.provider_id, { completed: Number(row.completed), placed: Number(row.placed ?? 0) }]));
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

/** Full profiles for the given ids, in the order of the ids. */
export async function loadProfiles(db: Db, ids: string[]): Promise<ProviderProfile[]> {
	if (ids.length === 0) return [];
	const byId = new Map((await queryProfiles(db, ids)).map((profile) => [profile.id, profile]));
	return ids.map((id) => byId.get(id)).filter((profile) => profile !== undefined);
}

/** Profiles of the given ids (any order), or of every provider for null. */
async function queryProfiles(db: Db, ids: string[] | null): Promise<ProviderProfile[]> {
	const some = ids !== null;
	const [rows, regions, activities, targetGroups, contractForms, benefitTypes] = await Promise.all([
		db.selectFrom('providers').selectAll().$if(some, (query) => query.where('id', 'in', ids!)).execute(),
		db.selectFrom('provider_regions').selectAll().$if(some, (query) => query.where('provider_id', 'in', ids!)).execute(),
		db.selectFrom('provider_activities').selectAll().$if(some, (query) => query.where('provider_id', 'in', ids!)).execute(),
		db.selectFrom('provider_target_groups').selectAll().$if(some, (query) => query.where('provider_id', 'in', ids!)).execute(),
		db.selectFrom('provider_contract_forms').selectAll().$if(some, (query) => query.where('provider_id', 'in', ids!)).execute(),
		db.selectFrom('provider_benefit_types').selectAll().$if(some, (query) => query.where('provider_id', 'in', ids!)).execute()
	]);
	// Lists come back in the order of the reference lists, whatever order they were stored in.
	const grouped = <T extends { provider_id: string }, V extends string>(list: T[], pick: (row: T) => V, order: readonly V[]) => {
		const map = new Map<string, V[]>();
		for (const row of list) {
			const values = map.get(row.provider_id);
			if (values) values.push(pick(row));
			else map.set(row.provider_id, [pick(row)]);
		}
		const position = new Map(order.map((value, index) => [value, index]));
		for (const values of map.values()) values.sort((a, b) => position.get(a)! - position.get(b)!);
		return map;
	};
	const regionMap = grouped(regions, (row) => row.region as Region, regionOrder);
	const activityMap = grouped(activities, (row) => row.activity as Activity, activityOrder);
	const targetMap = grouped(targetGroups, (row) => row.target_group as TargetGroup, targetOrder);
	const contractMap = grouped(contractForms, (row) => row.contract_form as ContractForm, contractOrder);
	const benefitMap = grouped(benefitTypes, (row) => row.benefit_type as BenefitType, benefitOrder);
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
		benefitTypes: benefitMap.get(row.id) ?? [],
		updatedAt: row.updated_at
	}));
}

export interface PlacementComparison {
	provider: PlacementResult;
	sameType: PlacementResult;
	all: PlacementResult;
}

export interface MarketComparison {
	placement: PlacementComparison;
	satisfaction: SatisfactionComparison;
}

/**
 * A provider's placement rate and satisfaction next to those of its provider type and of the whole
 * market (deactivated providers' history included), for its profile and the reviewer's plan page.
 * Summed from the same market-wide tallies as the list (`providerFigures`, at most
 * FIGURES_MAX_AGE_MS old), so a profile never shows other numbers than its card, and a profile view
 * no longer counts every response of the market.
 */
export async function marketComparison(db: Db, provider: Pick<ProviderProfile, 'id' | 'type'>, minimum: number): Promise<MarketComparison> {
	const [tallies, register] = await Promise.all([figuresCache.get(db), currentRegister(db)]);
	const sameType = (providerId: string) => register.types.get(providerId) === provider.type;
	const sums = { provider: { completed: 0, placed: 0 }, sameType: { completed: 0, placed: 0 }, all: { completed: 0, placed: 0 } };
	const add = (sum: PlacementTally, tally: PlacementTally) => {
		sum.completed += tally.completed;
		sum.placed += tally.placed;
	};
	for (const [providerId, tally] of tallies.placements) {
		add(sums.all, tally);
		if (sameType(providerId)) add(sums.sameType, tally);
		if (providerId === provider.id) add(sums.provider, tally);
	}
	return {
		placement: { provider: publishPlacement(sums.provider, minimum), sameType: publishPlacement(sums.sameType, minimum), all: publishPlacement(sums.all, minimum) },
		satisfaction: compareSatisfaction(tallies.satisfaction, provider.id, sameType, minimum)
	};
}

import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { percentOneDecimal } from '$lib/domain/percentages';
import { isOneOf, providerGroupOf, providerGroups, providerTypes, type ProviderGroup } from '$lib/domain/reference';
import { chiSquareTest, type ChiSquareResult } from '$lib/domain/survey/chi-square';
import { orderedItems, surveyDomains, type InstrumentItem, type InstrumentVersion, type SurveyDomain, type Wording } from '$lib/domain/survey/instrument';
import { categoriesOf, codedAnswer, scoreRespondent } from '$lib/domain/survey/scoring';
import {
	distribution,
	emptyCounts,
	groupCategoryCounts,
	standardTableFromCounts,
	tableCategories,
	type CategoryCounts,
	type DistributionCells,
	type StandardTable
} from '$lib/domain/survey/standard-table';
import { suppressRow, type SuppressedCell } from '$lib/domain/survey/suppression';
import type { ResearchSelection } from '$lib/schemas/research';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';
import { readCompletedResponses, type CompletedResponseFilter } from './satisfaction';

/**
 * The research aggregates (issue 6): the standard table per domain with its chi-square test, the
 * item tables, response rates and the breakdown per provider, for a selection of waves, paying
 * organisations, benefit types and a period. Researchers only. One pass over the completed
 * responses in id order (the shared batched reader) keeps counts only, so memory stays flat; every
 * number comes from the pure survey modules (scoring, standard table, chi-square, suppression).
 */

/** The selection checked against the database: unknown wave → 404, unknown organisation → 400. */
export class UnknownWave extends NotFound {
	constructor(readonly wave: string) {
		super(`unknown wave ${JSON.stringify(wave)}`);
	}
}

export interface ResolvedSelection {
	selection: ResearchSelection;
	/** The waves asked for, or every wave when none was chosen. */
	waves: string[];
	filter: CompletedResponseFilter;
}

function nextDay(day: string): string {
	const date = new Date(`${day}T00:00:00.000Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date.toISOString();
}

/** Whether the actor may read research aggregates (for an endpoint to answer 401/403 before anything else). */
export function canReadResearch(actor: Actor): boolean {
	return can(actor, { action: 'research.read' });
}

function mayRead(actor: Actor): void {
	if (!canReadResearch(actor)) throw new Forbidden();
}

async function resolve(db: Db, selection: ResearchSelection): Promise<ResolvedSelection> {
	const known = (await db.selectFrom('survey_waves').select('name').orderBy('name').execute()).map((row) => row.name);
	for (const wave of selection.waves) if (!known.includes(wave)) throw new UnknownWave(wave);
	let organisationIds: string[] = [];
	if (selection.organisations.length > 0) {
		const rows = await db.selectFrom('organisations').select(['id', 'code']).where('code', 'in', selection.organisations).execute();
		const unknown = selection.organisations.find((code) => !rows.some((row) => row.code === code));
		if (unknown !== undefined) throw new Invalid({ organisation: 'research_unknown_organisation' });
		organisationIds = rows.map((row) => row.id);
	}
	return {
		selection,
		waves: selection.waves.length > 0 ? selection.waves : known,
		filter: {
			waves: selection.waves,
			organisationIds,
			benefits: selection.benefits,
			completedFrom: selection.from ? `${selection.from}T00:00:00.000Z` : null,
			completedBefore: selection.to ? nextDay(selection.to) : null
		}
	};
}

/** What a researcher may choose from: waves, paying organisations. */
export async function selectionOptions(db: Db, actor: Actor): Promise<{ waves: string[]; organisations: { code: string; name: string }[] }> {
	mayRead(actor);
	const waves = (await db.selectFrom('survey_waves').select('name').orderBy('name').execute()).map((row) => row.name);
	const organisations = await db.selectFrom('organisations').select(['code', 'name']).orderBy('name').execute();
	return { waves, organisations };
}

type DomainCounts = Record<SurveyDomain, CategoryCounts>;

const emptyDomainCounts = (): DomainCounts =>
	Object.fromEntries(surveyDomains.map((domain) => [domain, emptyCounts()])) as DomainCounts;

interface ItemInfo {
	code: string;
	domain: SurveyDomain;
	negative: boolean;
	wording: Wording;
	/** Position in the newest instrument version that has the item. */
	order: number;
	version: number;
}

interface Aggregate {
	responses: number;
	byGroup: Record<ProviderGroup, DomainCounts>;
	byProvider: Map<string, { group: ProviderGroup; counts: DomainCounts }>;
	items: Map<string, { info: ItemInfo; counts: CategoryCounts }>;
}

/** What a pass counts besides the categories per group (each costs time per response). */
interface Wants {
	providers?: boolean;
	items?: boolean;
}

/** The one pass: categories per group, and when wanted per provider and the reverse-coded answers per item. */
async function aggregate(db: Db, filter: CompletedResponseFilter, wants: Wants = { providers: true, items: true }): Promise<Aggregate> {
	const result: Aggregate = {
		responses: 0,
		byGroup: { public: emptyDomainCounts(), semi_public: emptyDomainCounts(), private: emptyDomainCounts() },
		byProvider: new Map(),
		items: new Map()
	};
	// Sorted once per instrument version, not once per response.
	const itemsOf = new Map<InstrumentVersion, InstrumentItem[]>();
	const groupOf = new Map<string, ProviderGroup | null>();
	await readCompletedResponses(db, filter, (row, answers, instrument) => {
		let group = groupOf.get(row.detailed_type);
		if (group === undefined) {
			group = isOneOf(providerTypes, row.detailed_type) ? providerGroupOf(row.detailed_type) : null;
			groupOf.set(row.detailed_type, group);
		}
		if (group === null) return;
		result.responses += 1;
		const categories = categoriesOf(scoreRespondent(answers, instrument));
		let provider = wants.providers ? result.byProvider.get(row.provider_id) : undefined;
		if (wants.providers && !provider) {
			provider = { group, counts: emptyDomainCounts() };
			result.byProvider.set(row.provider_id, provider);
		}
		for (const domain of surveyDomains) {
			const category = categories[domain];
			if (!category) continue;
			result.byGroup[group][domain][category] += 1;
			if (provider) provider.counts[domain][category] += 1;
		}
		if (!wants.items) return;
		let items = itemsOf.get(instrument);
		if (!items) {
			items = orderedItems(instrument);
			itemsOf.set(instrument, items);
		}
		for (const item of items) {
			let entry = result.items.get(item.code);
			if (!entry || entry.info.version < instrument.version) {
				const info = { code: item.code, domain: item.domain, negative: item.negative, wording: item.wording, order: item.order, version: instrument.version };
				entry = { info, counts: entry?.counts ?? emptyCounts() };
				result.items.set(item.code, entry);
			}
			// Reverse-coded by the response's own instrument version.
			const coded = codedAnswer(answers, item);
			if (coded) entry.counts[coded] += 1;
		}
	});
	return result;
}

export interface DomainTable {
	table: StandardTable;
	/** Null when there is nothing to test (fewer than two groups or categories with respondents). */
	chiSquare: ChiSquareResult | null;
}

export interface StandardTables {
	waves: string[];
	/** Completed responses in the selection (with or without a score in a domain). */
	responses: number;
	domains: DomainTable[];
}

function tablesOf(data: Aggregate, waves: string[]): StandardTables {
	return {
		waves,
		responses: data.responses,
		domains: surveyDomains.map((domain) => {
			const table = standardTableFromCounts(domain, {
				public: data.byGroup.public[domain],
				semi_public: data.byGroup.semi_public[domain],
				private: data.byGroup.private[domain]
			});
			return { table, chiSquare: chiSquareTest(groupCategoryCounts(table)) };
		})
	};
}

export interface ItemRow extends DistributionCells {
	code: string;
	domain: SurveyDomain;
	negative: boolean;
	wording: Wording;
}

function itemsOf(data: Aggregate): ItemRow[] {
	return [...data.items.values()]
		.sort((a, b) => b.info.version - a.info.version || a.info.order - b.info.order)
		.map(({ info, counts }) => ({ code: info.code, domain: info.domain, negative: info.negative, wording: info.wording, ...distribution(counts) }));
}

export interface BreakdownRow {
	providerId: string;
	providerCode: string;
	providerName: string;
	group: ProviderGroup;
	/** nee, een_beetje, ja: each shown with its row percentage, or suppressed (no number at all). */
	cells: { cell: SuppressedCell; pct: number | null }[];
	total: number;
}

export interface ProviderBreakdown {
	domain: SurveyDomain;
	rows: BreakdownRow[];
	/** Providers with respondents in this domain but fewer than the minimum: not shown. */
	withheld: number;
}

async function breakdownOf(db: Db, data: Aggregate, minimum: number): Promise<ProviderBreakdown[]> {
	const ids = [...data.byProvider.keys()];
	const names = new Map<string, { code: string; name: string }>();
	for (let start = 0; start < ids.length; start += 500) {
		const rows = await db.selectFrom('providers').select(['id', 'code', 'name']).where('id', 'in', ids.slice(start, start + 500)).execute();
		for (const row of rows) names.set(row.id, { code: row.code, name: row.name });
	}
	return surveyDomains.map((domain) => {
		const rows: BreakdownRow[] = [];
		let withheld = 0;
		for (const [providerId, { group, counts }] of data.byProvider) {
			const cells = distribution(counts[domain]);
			if (cells.n.total === 0) continue;
			if (cells.n.total < minimum) {
				withheld += 1;
				continue;
			}
			const suppressed = suppressRow(tableCategories.map((category) => cells.n[category]));
			rows.push({
				providerId,
				providerCode: names.get(providerId)?.code ?? '',
				providerName: names.get(providerId)?.name ?? '',
				group,
				cells: suppressed.map((cell, index) => ({ cell, pct: cell.kind === 'shown' ? cells.pct[tableCategories[index]!] : null })),
				total: cells.n.total
			});
		}
		rows.sort((a, b) => providerGroups.indexOf(a.group) - providerGroups.indexOf(b.group) || a.providerName.localeCompare(b.providerName, 'nl'));
		return { domain, rows, withheld };
	});
}

export async function standardTables(db: Db, actor: Actor, selection: ResearchSelection): Promise<StandardTables> {
	mayRead(actor);
	const resolved = await resolve(db, selection);
	return tablesOf(await aggregate(db, resolved.filter, {}), resolved.waves);
}

export async function itemTables(db: Db, actor: Actor, selection: ResearchSelection): Promise<{ waves: string[]; items: ItemRow[] }> {
	mayRead(actor);
	const resolved = await resolve(db, selection);
	return { waves: resolved.waves, items: itemsOf(await aggregate(db, resolved.filter, { items: true })) };
}

export async function providerBreakdown(db: Db, actor: Actor, selection: ResearchSelection, minimum: number): Promise<{ waves: string[]; minimum: number; domains: ProviderBreakdown[] }> {
	mayRead(actor);
	const resolved = await resolve(db, selection);
	return { waves: resolved.waves, minimum, domains: await breakdownOf(db, await aggregate(db, resolved.filter, { providers: true }), minimum) };
}

export type RateGroup = ProviderGroup | 'total';

export interface ResponseRateRow {
	wave: string;
	group: RateGroup;
	sent: number;
	started: number;
	completed: number;
	/** completed / sent, one decimal half up; null when nothing was sent. */
	rate: number | null;
}

/**
 * Per wave and provider group (and the wave's total): invitations sent, responses started and
 * completed. Only invitations count (paper responses have none). The period applies to the day
 * the invitation was sent; organisation and benefit type to the invited trajectory.
 */
async function ratesOf(db: Db, resolved: ResolvedSelection): Promise<ResponseRateRow[]> {
	const { filter } = resolved;
	let query = db
		.selectFrom('survey_invitations')
		.innerJoin('trajectories', 'trajectories.id', 'survey_invitations.trajectory_id')
		.innerJoin('providers', 'providers.id', 'trajectories.provider_id')
		.innerJoin('users', 'users.id', 'trajectories.client_id')
		.leftJoin('survey_responses', 'survey_responses.invitation_id', 'survey_invitations.id')
		.select((eb) => [
			'survey_invitations.wave',
			'providers.detailed_type',
			eb.fn.countAll().as('sent'),
			eb.fn.count('survey_responses.id').as('started'),
			eb.fn.count('survey_responses.completed_at').as('completed')
		])
		.groupBy(['survey_invitations.wave', 'providers.detailed_type']);
	if (filter.waves && filter.waves.length > 0) query = query.where('survey_invitations.wave', 'in', [...filter.waves]);
	if (filter.organisationIds && filter.organisationIds.length > 0) query = query.where('trajectories.organisation_id', 'in', [...filter.organisationIds]);
	if (filter.benefits && filter.benefits.length > 0) query = query.where('users.benefit_type', 'in', [...filter.benefits]);
	if (filter.completedFrom) query = query.where('survey_invitations.created_at', '>=', filter.completedFrom);
	if (filter.completedBefore) query = query.where('survey_invitations.created_at', '<', filter.completedBefore);
	const counts = new Map<string, { sent: number; started: number; completed: number }>();
	for (const row of await query.execute()) {
		if (!isOneOf(providerTypes, row.detailed_type)) continue;
		for (const group of [providerGroupOf(row.detailed_type), 'total'] as const) {
			const key = `${row.wave}\u0000${group}`;
			const entry = counts.get(key) ?? { sent: 0, started: 0, completed: 0 };
			entry.sent += Number(row.sent);
			entry.started += Number(row.started);
			entry.completed += Number(row.completed);
			counts.set(key, entry);
		}
	}
	const waves = [...new Set([...resolved.waves.filter((wave) => resolved.selection.waves.length > 0 || [...counts.keys()].some((key) => key.startsWith(`${wave}\u0000`)))])];
	return waves.flatMap((wave) =>
		[...providerGroups, 'total' as const].map((group) => {
			const entry = counts.get(`${wave}\u0000${group}`) ?? { sent: 0, started: 0, completed: 0 };
			const rate = entry.sent > 0 && entry.completed <= entry.sent ? percentOneDecimal(entry.completed, entry.sent) : null;
			return { wave, group, ...entry, rate };
		})
	);
}

export async function responseRates(db: Db, actor: Actor, selection: ResearchSelection): Promise<{ waves: string[]; rows: ResponseRateRow[] }> {
	mayRead(actor);
	const resolved = await resolve(db, selection);
	return { waves: resolved.waves, rows: await ratesOf(db, resolved) };
}

export interface ResearchOverview {
	tables: StandardTables;
	items: ItemRow[];
	rates: ResponseRateRow[];
	breakdown: ProviderBreakdown[];
	minimum: number;
}

/** Everything the portal page shows, from one pass over the responses. */
export async function researchOverview(db: Db, actor: Actor, selection: ResearchSelection, minimum: number): Promise<ResearchOverview> {
	mayRead(actor);
	const resolved = await resolve(db, selection);
	const data = await aggregate(db, resolved.filter);
	return {
		tables: tablesOf(data, resolved.waves),
		items: itemsOf(data),
		rates: await ratesOf(db, resolved),
		breakdown: await breakdownOf(db, data, minimum),
		minimum
	};
}

/** Every download, from the portal or the API, leaves who, when and which selection in the audit log. */
export async function recordResearchDownload(
	db: Db,
	actor: Actor,
	download: { view: string; format: string; selection: ResearchSelection },
	now = new Date()
): Promise<void> {
	mayRead(actor);
	if (actor.kind !== 'user') throw new Forbidden();
	await recordAudit(
		db,
		{ actorId: actor.id, action: 'research.download', entityType: 'survey', entityId: download.view, details: { format: download.format, selection: download.selection } },
		now
	);
}

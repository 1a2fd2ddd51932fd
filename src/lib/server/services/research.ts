import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { percentOneDecimal } from '$lib/domain/percentages';
import { isOneOf, providerGroupOf, providerGroups, providerTypes, type ProviderGroup } from '$lib/domain/reference';
import { chiSquareTest, type ChiSquareResult } from '$lib/domain/survey/chi-square';
import { orderedItems, surveyDomains, type InstrumentVersion, type RawAnswer, type SurveyDomain, type Wording } from '$lib/domain/survey/instrument';
import { codedAnswer } from '$lib/domain/survey/scoring';
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
import { loadInstrument } from './survey-instrument';
import { completedResponsesOf, emptyDomainCounts, scoreCountsByProvider, startOfNextDay, type CompletedResponseFilter, type DomainCategoryCounts } from './survey-scores';

/**
 * The research aggregates (issue 6): the standard table per domain with its chi-square test, the
 * item tables, response rates and the breakdown per provider, for a selection of waves, paying
 * organisations, benefit types and a period. Researchers only. The categories are the scale scores
 * each completed response stores (scored by the scoring module when it was completed), counted per
 * provider in one SQL statement (survey-scores.ts); the item tables count raw answers in SQL and
 * reverse-code the counts with the scoring module. Only counts reach JS, so memory stays flat; the
 * tables, percentages, chi-square and suppression come from the pure survey modules.
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
			completedBefore: selection.to ? startOfNextDay(selection.to) : null
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
	byGroup: Record<ProviderGroup, DomainCategoryCounts>;
	byProvider: Map<string, { code: string; name: string; group: ProviderGroup; counts: DomainCategoryCounts }>;
}

type ItemCounts = Map<string, { info: ItemInfo; counts: CategoryCounts }>;

const groupOf = (detailedType: string): ProviderGroup | null => (isOneOf(providerTypes, detailedType) ? providerGroupOf(detailedType) : null);

/**
 * The categories per group and per provider, from the scores the responses store (one count per
 * provider in SQL). Responses of a provider
 * of unknown type are left out of everything.
 */
async function aggregate(db: Db, filter: CompletedResponseFilter): Promise<Aggregate> {
	const result: Aggregate = {
		responses: 0,
		byGroup: { public: emptyDomainCounts(), semi_public: emptyDomainCounts(), private: emptyDomainCounts() },
		byProvider: new Map()
	};
	for (const row of await scoreCountsByProvider(db, filter)) {
		const group = groupOf(row.detailedType);
		if (group === null) continue;
		result.responses += row.responses;
		result.byProvider.set(row.providerId, { code: row.providerCode, name: row.providerName, group, counts: row.counts });
		for (const domain of surveyDomains) {
			for (const category of tableCategories) result.byGroup[group][domain][category] += row.counts[domain][category];
		}
	}
	return result;
}

/**
 * Per item, the answers after reverse coding by the response's own instrument version. SQL counts
 * the raw answers per version, item and answer; the scoring module reverse-codes each count. An
 * item keeps the wording and position of the newest version that has it.
 */
async function itemCounts(db: Db, filter: CompletedResponseFilter): Promise<ItemCounts> {
	const rows = await db
		.selectFrom('survey_responses')
		.innerJoin('providers', 'providers.id', 'survey_responses.provider_id')
		.leftJoin('survey_answers', 'survey_answers.response_id', 'survey_responses.id')
		.where(completedResponsesOf(filter))
		.where('providers.detailed_type', 'in', [...providerTypes])
		.groupBy(['survey_responses.instrument_version', 'survey_answers.item_code', 'survey_answers.answer'])
		.select((eb) => ['survey_responses.instrument_version', 'survey_answers.item_code', 'survey_answers.answer', eb.fn.count<number>('survey_answers.item_code').as('n')])
		.execute();
	const instruments = new Map<number, InstrumentVersion>();
	for (const version of new Set(rows.map((row) => Number(row.instrument_version)))) {
		const instrument = await loadInstrument(db, version);
		if (instrument) instruments.set(version, instrument);
	}
	const items: ItemCounts = new Map();
	// Every item of every version answered in the selection has a row, even without answers.
	for (const instrument of [...instruments.values()].sort((a, b) => a.version - b.version)) {
		for (const item of orderedItems(instrument)) {
			const info = { code: item.code, domain: item.domain, negative: item.negative, wording: item.wording, order: item.order, version: instrument.version };
			items.set(item.code, { info, counts: items.get(item.code)?.counts ?? emptyCounts() });
		}
	}
	for (const row of rows) {
		if (row.item_code === null || row.answer === null) continue;
		const item = instruments.get(Number(row.instrument_version))?.items.find((candidate) => candidate.code === row.item_code);
		if (!item) continue;
		const coded = codedAnswer({ [item.code]: row.answer as RawAnswer }, item);
		if (coded) items.get(item.code)!.counts[coded] += Number(row.n);
	}
	return items;
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

function itemsOf(items: ItemCounts): ItemRow[] {
	return [...items.values()]
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

function breakdownOf(data: Aggregate, minimum: number): ProviderBreakdown[] {
	return surveyDomains.map((domain) => {
		const rows: BreakdownRow[] = [];
		let withheld = 0;
		for (const [providerId, { code, name, group, counts }] of data.byProvider) {
			const cells = distribution(counts[domain]);
			if (cells.n.total === 0) continue;
			if (cells.n.total < minimum) {
				withheld += 1;
				continue;
			}
			const suppressed = suppressRow(tableCategories.map((category) => cells.n[category]));
			rows.push({
				providerId,
				providerCode: code,
				providerName: name,
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
	return tablesOf(await aggregate(db, resolved.filter), resolved.waves);
}

export async function itemTables(db: Db, actor: Actor, selection: ResearchSelection): Promise<{ waves: string[]; items: ItemRow[] }> {
	mayRead(actor);
	const resolved = await resolve(db, selection);
	return { waves: resolved.waves, items: itemsOf(await itemCounts(db, resolved.filter)) };
}

export async function providerBreakdown(db: Db, actor: Actor, selection: ResearchSelection, minimum: number): Promise<{ waves: string[]; minimum: number; domains: ProviderBreakdown[] }> {
	mayRead(actor);
	const resolved = await resolve(db, selection);
	return { waves: resolved.waves, minimum, domains: breakdownOf(await aggregate(db, resolved.filter), minimum) };
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

/** Everything the portal page shows, from one count of the scores per provider and one of the answers per item. */
export async function researchOverview(db: Db, actor: Actor, selection: ResearchSelection, minimum: number): Promise<ResearchOverview> {
	mayRead(actor);
	const resolved = await resolve(db, selection);
	const data = await aggregate(db, resolved.filter);
	return {
		tables: tablesOf(data, resolved.waves),
		items: itemsOf(await itemCounts(db, resolved.filter)),
		rates: await ratesOf(db, resolved),
		breakdown: breakdownOf(data, minimum),
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

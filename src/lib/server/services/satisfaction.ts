import { surveyDomains, type InstrumentVersion, type RawAnswers, type SurveyDomain } from '$lib/domain/survey/instrument';
import { categoriesOf, scoreRespondent } from '$lib/domain/survey/scoring';
import { distribution, emptyCounts, type CategoryCounts, type DistributionCells } from '$lib/domain/survey/standard-table';
import type { Db } from '$lib/server/db';
import { loadInstrument } from './survey-instrument';

/**
 * Satisfaction of earlier clients as provider pages show it: per survey domain the share of
 * respondents in each category, from completed responses, scored by the one scoring module.
 * Below the publication minimum a figure is withheld ("too few answers yet"), never shown.
 *
 * Responses are read in batches so memory stays flat. This reads every completed response of the
 * providers asked for (and, for the market comparison, of all providers) on each call: fine for a
 * portal's volume; the research aggregation brings the SQL mirror of the scoring module.
 */

export interface DomainSatisfaction {
	/** Respondents with a score in this domain. */
	respondents: number;
	/** Row percentages, or null below the publication minimum. */
	cells: DistributionCells | null;
}

export type Satisfaction = Record<SurveyDomain, DomainSatisfaction>;

/** Respondents per domain and category, before the publication minimum is applied. */
export type SatisfactionTally = Record<SurveyDomain, CategoryCounts>;
type Tally = SatisfactionTally;

const BATCH = 1000;

function emptyTally(): Tally {
	return Object.fromEntries(surveyDomains.map((domain) => [domain, emptyCounts()])) as Tally;
}

/** What may be shown of a tally: per domain the respondents, and the figures from the minimum on. */
export function publishSatisfaction(tally: Tally | undefined, minimum: number): Satisfaction {
	return publish(tally ?? emptyTally(), minimum);
}

function publish(tally: Tally, minimum: number): Satisfaction {
	return Object.fromEntries(
		surveyDomains.map((domain) => {
			const counts = tally[domain];
			const respondents = counts.nee + counts.een_beetje + counts.ja;
			return [domain, { respondents, cells: respondents >= minimum ? distribution(counts) : null }];
		})
	) as Satisfaction;
}

export interface CompletedResponseRow {
	id: string;
	provider_id: string;
	detailed_type: string;
	instrument_version: number;
	wave: string;
}

/** Which completed responses to read; every part that is given narrows the set. */
export interface CompletedResponseFilter {
	providerIds?: readonly string[] | null;
	waves?: readonly string[];
	/** Paying organisations (ids) of the response's trajectory; paper responses have none. */
	organisationIds?: readonly string[];
	/** Benefit types of the trajectory's client; paper responses have none. */
	benefits?: readonly string[];
	/** Inclusive bounds on completed_at, ISO timestamps. */
	completedFrom?: string | null;
	completedBefore?: string | null;
}

/**
 * The one reader of completed responses with their raw answers, shared by the provider pages and
 * the research tables: in batches of BATCH by id, so memory stays flat whatever the volume. `visit`
 * gets every response once, with its answers and its instrument version (responses of a version
 * that no longer exists are skipped).
 */
export async function readCompletedResponses(
	db: Db,
	filter: CompletedResponseFilter,
	visit: (row: CompletedResponseRow, answers: RawAnswers, instrument: InstrumentVersion) => void
): Promise<void> {
	const instruments = new Map<number, InstrumentVersion | null>();
	let after = '';
	for (;;) {
		let query = db
			.selectFrom('survey_responses')
			.innerJoin('providers', 'providers.id', 'survey_responses.provider_id')
			.select(['survey_responses.id', 'survey_responses.provider_id', 'providers.detailed_type', 'survey_responses.instrument_version', 'survey_responses.wave'])
			.where('survey_responses.completed_at', 'is not', null)
			.where('survey_responses.id', '>', after)
			.orderBy('survey_responses.id')
			.limit(BATCH);
		if (filter.providerIds) query = query.where('survey_responses.provider_id', 'in', [...filter.providerIds]);
		if (filter.waves && filter.waves.length > 0) query = query.where('survey_responses.wave', 'in', [...filter.waves]);
		if (filter.completedFrom) query = query.where('survey_responses.completed_at', '>=', filter.completedFrom);
		if (filter.completedBefore) query = query.where('survey_responses.completed_at', '<', filter.completedBefore);
		const organisationIds = filter.organisationIds ?? [];
		const benefits = filter.benefits ?? [];
		if (organisationIds.length > 0 || benefits.length > 0) {
			query = query.where('survey_responses.trajectory_id', 'in', (sub) => {
				let trajectories = sub.selectFrom('trajectories').innerJoin('users', 'users.id', 'trajectories.client_id').select('trajectories.id');
				if (organisationIds.length > 0) trajectories = trajectories.where('trajectories.organisation_id', 'in', [...organisationIds]);
				if (benefits.length > 0) trajectories = trajectories.where('users.benefit_type', 'in', [...benefits]);
				return trajectories;
			});
		}
		const rows = await query.execute();
		if (rows.length === 0) break;
		after = rows[rows.length - 1]!.id;
		const answers = await db
			.selectFrom('survey_answers')
			.select(['response_id', 'item_code', 'answer'])
			.where('response_id', 'in', rows.map((row) => row.id))
			.execute();
		const answersOf = new Map<string, Record<string, string>>();
		for (const answer of answers) {
			const own = answersOf.get(answer.response_id) ?? {};
			own[answer.item_code] = answer.answer;
			answersOf.set(answer.response_id, own);
		}
		for (const row of rows) {
			const version = Number(row.instrument_version);
			if (!instruments.has(version)) instruments.set(version, await loadInstrument(db, version));
			const instrument = instruments.get(version);
			if (!instrument) continue;
			visit({ ...row, instrument_version: version }, (answersOf.get(row.id) ?? {}) as RawAnswers, instrument);
		}
		if (rows.length < BATCH) break;
	}
}

/** Score every completed response the filter selects; `groupsOf` says which tallies it counts in. */
async function tallyResponses(db: Db, providerIds: string[] | null, groupsOf: (row: CompletedResponseRow) => string[]): Promise<Map<string, Tally>> {
	const tallies = new Map<string, Tally>();
	await readCompletedResponses(db, { providerIds }, (row, answers, instrument) => {
		const categories = categoriesOf(scoreRespondent(answers, instrument));
		for (const group of groupsOf(row)) {
			const tally = tallies.get(group) ?? emptyTally();
			for (const domain of surveyDomains) {
				const category = categories[domain];
				if (category) tally[domain][category] += 1;
			}
			tallies.set(group, tally);
		}
	});
	return tallies;
}

/** Satisfaction per provider, for the providers of one list page. */
export async function satisfactionOfProviders(db: Db, providerIds: string[], minimum: number): Promise<Map<string, Satisfaction>> {
	const result = new Map<string, Satisfaction>();
	if (providerIds.length === 0) return result;
	const tallies = await tallyResponses(db, providerIds, (row) => [row.provider_id]);
	for (const id of providerIds) result.set(id, publish(tallies.get(id) ?? emptyTally(), minimum));
	return result;
}

/** The tallies of every provider with completed responses (for the market-wide figures of the list). */
export async function satisfactionTallies(db: Db): Promise<Map<string, SatisfactionTally>> {
	return tallyResponses(db, null, (row) => [row.provider_id]);
}

export interface SatisfactionComparison {
	provider: Satisfaction;
	sameType: Satisfaction;
	all: Satisfaction;
}

/** One provider next to all providers of its type and the whole market, in one pass. */
export async function satisfactionComparison(db: Db, provider: { id: string; type: string }, minimum: number): Promise<SatisfactionComparison> {
	const tallies = await tallyResponses(db, null, (row) => [
		'all',
		...(row.detailed_type === provider.type ? ['type'] : []),
		...(row.provider_id === provider.id ? ['provider'] : [])
	]);
	return {
		provider: publish(tallies.get('provider') ?? emptyTally(), minimum),
		sameType: publish(tallies.get('type') ?? emptyTally(), minimum),
		all: publish(tallies.get('all') ?? emptyTally(), minimum)
	};
}

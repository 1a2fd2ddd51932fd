import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { surveyDomains, type InstrumentVersion, type RawAnswers, type SurveyDomain } from '$lib/domain/survey/instrument';
import { categoriesOf, scoreRespondent, type ScaleCategory } from '$lib/domain/survey/scoring';
import { emptyCounts, tableCategories, type CategoryCounts } from '$lib/domain/survey/standard-table';
import type { Database } from '$lib/server/db';
import { loadInstrument } from './survey-instrument';

/**
 * Stored scale scores (issue 6). A completed response keeps its category per domain, computed by
 * the one scoring module from its answers and its own instrument version, in the transaction that
 * completes it (survey-answering.ts, survey-import.ts). The provider pages and the research tables
 * then count those categories in SQL, grouped by provider, instead of scoring every answer again.
 *
 * Responses completed without them (before migration 08, or written past the services: demo data,
 * test fixtures) are scored by `scoreUnscoredResponses`, which every count below runs first; when
 * there are none that is one probe of a partial index.
 */

export const scoreColumns = {
	maatwerk: 'score_maatwerk',
	kwaliteit: 'score_kwaliteit',
	meerwaarde: 'score_meerwaarde',
	vaardigheden: 'score_vaardigheden'
} as const satisfies Record<SurveyDomain, string>;

type ScoreColumn = (typeof scoreColumns)[SurveyDomain];

/** The columns a scored response stores. */
export type StoredScores = Record<ScoreColumn, ScaleCategory | null> & { scored: 1 };

/** What a completed response stores: its category per domain, from the scoring module. */
export function storedScores(answers: RawAnswers, instrument: InstrumentVersion): StoredScores {
	const categories = categoriesOf(scoreRespondent(answers, instrument));
	const scores = { scored: 1 } as StoredScores;
	for (const domain of surveyDomains) scores[scoreColumns[domain]] = categories[domain];
	return scores;
}

async function answersOf(db: Kysely<Database>, responseIds: readonly string[]): Promise<Map<string, Record<string, string>>> {
	const rows = await db.selectFrom('survey_answers').select(['response_id', 'item_code', 'answer']).where('response_id', 'in', [...responseIds]).execute();
	const answers = new Map<string, Record<string, string>>();
	for (const row of rows) {
		const own = answers.get(row.response_id) ?? {};
		own[row.item_code] = row.answer;
		answers.set(row.response_id, own);
	}
	return answers;
}

/** Store the scores of a response from its saved answers; call it in the transaction that completes it. */
export async function storeResponseScores(trx: Kysely<Database>, responseId: string, instrument: InstrumentVersion): Promise<void> {
	const answers = (await answersOf(trx, [responseId])).get(responseId) ?? {};
	await trx.updateTable('survey_responses').set(storedScores(answers as RawAnswers, instrument)).where('id', '=', responseId).execute();
}

const BATCH = 1000;

/**
 * Score every completed response that has no stored scores yet, BATCH at a time (memory stays
 * flat); returns how many. Idempotent, and safe next to another run: a response is only ever
 * written with the scores of its own answers, which no longer change once it is completed.
 */
export async function scoreUnscoredResponses(db: Kysely<Database>): Promise<number> {
	const instruments = new Map<number, InstrumentVersion>();
	let scored = 0;
	for (;;) {
		// Literal 0, so that both engines see the partial index's own condition.
		const rows = await db
			.selectFrom('survey_responses')
			.select(['id', 'instrument_version'])
			.where('completed_at', 'is not', null)
			.where('scored', '=', sql.lit(0))
			.orderBy('id')
			.limit(BATCH)
			.execute();
		if (rows.length === 0) return scored;
		const answers = await answersOf(db, rows.map((row) => row.id));
		// Responses with the same scores are written together: a few dozen statements per batch.
		const byScores = new Map<string, { scores: StoredScores; ids: string[] }>();
		for (const row of rows) {
			const version = Number(row.instrument_version);
			let instrument = instruments.get(version);
			if (!instrument) {
				const loaded = await loadInstrument(db, version);
				if (!loaded) throw new Error(`Regie: instrument version ${version} missing`);
				instruments.set(version, (instrument = loaded));
			}
			const scores = storedScores((answers.get(row.id) ?? {}) as RawAnswers, instrument);
			const key = surveyDomains.map((domain) => scores[scoreColumns[domain]] ?? '-').join(',');
			const entry = byScores.get(key) ?? { scores, ids: [] };
			entry.ids.push(row.id);
			byScores.set(key, entry);
		}
		await db.transaction().execute(async (trx) => {
			for (const { scores, ids } of byScores.values()) {
				await trx.updateTable('survey_responses').set(scores).where('id', 'in', ids).where('scored', '=', 0).execute();
			}
		});
		scored += rows.length;
		if (rows.length < BATCH) return scored;
	}
}

/** Which completed responses to count; every part that is given narrows the set. */
export interface CompletedResponseFilter {
	providerIds?: readonly string[] | null;
	waves?: readonly string[];
	/** Paying organisations (ids) of the response's trajectory; paper responses have none. */
	organisationIds?: readonly string[];
	/** Benefit types of the trajectory's client; paper responses have none. */
	benefits?: readonly string[];
	/** Bounds on completed_at (from inclusive, before exclusive), ISO timestamps. */
	completedFrom?: string | null;
	completedBefore?: string | null;
}

/** The first moment after a day (`2026-10-31` → `2026-11-01T00:00:00.000Z`): the end of a period, exclusive. */
export function startOfNextDay(day: string): string {
	const date = new Date(`${day}T00:00:00.000Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date.toISOString();
}

/** The completed responses a filter selects, as a condition on survey_responses (for any query that reads it). */
export function completedResponsesOf(filter: CompletedResponseFilter) {
	return (eb: ExpressionBuilder<Database, 'survey_responses'>) => {
		const conditions = [eb('survey_responses.completed_at', 'is not', null)];
		if (filter.providerIds) conditions.push(eb('survey_responses.provider_id', 'in', [...filter.providerIds]));
		if (filter.waves && filter.waves.length > 0) conditions.push(eb('survey_responses.wave', 'in', [...filter.waves]));
		if (filter.completedFrom) conditions.push(eb('survey_responses.completed_at', '>=', filter.completedFrom));
		if (filter.completedBefore) conditions.push(eb('survey_responses.completed_at', '<', filter.completedBefore));
		const organisationIds = filter.organisationIds ?? [];
		const benefits = filter.benefits ?? [];
		if (organisationIds.length > 0 || benefits.length > 0) {
			let trajectories = eb.selectFrom('trajectories').innerJoin('users', 'users.id', 'trajectories.client_id').select('trajectories.id');
			if (organisationIds.length > 0) trajectories = trajectories.where('trajectories.organisation_id', 'in', [...organisationIds]);
			if (benefits.length > 0) trajectories = trajectories.where('users.benefit_type', 'in', [...benefits]);
			conditions.push(eb('survey_responses.trajectory_id', 'in', trajectories));
		}
		return eb.and(conditions);
	};
}

export type DomainCategoryCounts = Record<SurveyDomain, CategoryCounts>;

export function emptyDomainCounts(): DomainCategoryCounts {
	return Object.fromEntries(surveyDomains.map((domain) => [domain, emptyCounts()])) as DomainCategoryCounts;
}

export interface ProviderScoreCounts {
	providerId: string;
	providerCode: string;
	providerName: string;
	detailedType: string;
	/** Completed responses, with or without a score in a domain. */
	responses: number;
	/** Respondents per domain and category (those without a score in a domain are not counted there). */
	counts: DomainCategoryCounts;
}

const countAlias = (domain: SurveyDomain, category: ScaleCategory) => `${domain}_${category}`;

/**
 * Per provider with completed responses in the filter: how many, and the stored categories per
 * domain. The counting is one statement, a scan of the covering index
 * survey_responses_scores_by_provider in provider order; the providers' names and types are read
 * afterwards (joined in the statement they cost more than reading them apart).
 */
export async function scoreCountsByProvider(db: Kysely<Database>, filter: CompletedResponseFilter): Promise<ProviderScoreCounts[]> {
	if (filter.providerIds && filter.providerIds.length === 0) return [];
	await scoreUnscoredResponses(db);
	const rows = await db
		.selectFrom('survey_responses')
		.where(completedResponsesOf(filter))
		.groupBy('survey_responses.provider_id')
		.select((eb) => [
			'survey_responses.provider_id',
			eb.fn.countAll<number>().as('responses'),
			// The categories as literals: constants of the code, and the statement's plan is the same for every selection.
			...surveyDomains.flatMap((domain) =>
				tableCategories.map((category) => eb.fn.countAll<number>().filterWhere(scoreColumns[domain], '=', sql.lit(category)).as(countAlias(domain, category)))
			)
		])
		.execute();
	const providers = new Map<string, { code: string; name: string; detailed_type: string }>();
	const ids = rows.map((row) => row.provider_id);
	for (let start = 0; start < ids.length; start += BATCH) {
		const found = await db.selectFrom('providers').select(['id', 'code', 'name', 'detailed_type']).where('id', 'in', ids.slice(start, start + BATCH)).execute();
		for (const provider of found) providers.set(provider.id, provider);
	}
	return rows.map((row) => {
		// The count columns are named at run time (countAlias), so read them by name.
		const values = row as unknown as Record<string, number | string>;
		const counts = emptyDomainCounts();
		for (const domain of surveyDomains) {
			for (const category of tableCategories) counts[domain][category] = Number(values[countAlias(domain, category)]);
		}
		const provider = providers.get(row.provider_id)!;
		return {
			providerId: row.provider_id,
			providerCode: provider.code,
			providerName: provider.name,
			detailedType: provider.detailed_type,
			responses: Number(values.responses),
			counts
		};
	});
}

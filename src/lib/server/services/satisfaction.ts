import { surveyDomains, type SurveyDomain } from '$lib/domain/survey/instrument';
import { distribution, tableCategories, type CategoryCounts, type DistributionCells } from '$lib/domain/survey/standard-table';
import type { Db } from '$lib/server/db';
import { emptyDomainCounts, scoreCountsByProvider, type DomainCategoryCounts } from './survey-scores';

/**
 * Satisfaction of earlier clients as provider pages show it: per survey domain the share of
 * respondents in each category, from the scores that completed responses store (scored by the one
 * scoring module, counted per provider in SQL: survey-scores.ts). Below the publication minimum a
 * figure is withheld ("too few answers yet"), never shown.
 */

export interface DomainSatisfaction {
	/** Respondents with a score in this domain. */
	respondents: number;
	/** Row percentages, or null below the publication minimum. */
	cells: DistributionCells | null;
}

export type Satisfaction = Record<SurveyDomain, DomainSatisfaction>;

/** Respondents per domain and category, before the publication minimum is applied. */
export type SatisfactionTally = DomainCategoryCounts;

/** What may be shown of a tally: per domain the respondents, and the figures from the minimum on. */
export function publishSatisfaction(tally: SatisfactionTally | undefined, minimum: number): Satisfaction {
	return publish(tally ?? emptyDomainCounts(), minimum);
}

function publish(tally: SatisfactionTally, minimum: number): Satisfaction {
	return Object.fromEntries(
		surveyDomains.map((domain) => {
			const counts = tally[domain];
			const respondents = counts.nee + counts.een_beetje + counts.ja;
			return [domain, { respondents, cells: respondents >= minimum ? distribution(counts) : null }];
		})
	) as Satisfaction;
}

function add(into: SatisfactionTally, counts: SatisfactionTally): void {
	for (const domain of surveyDomains) {
		for (const category of tableCategories) into[domain][category] += counts[domain][category];
	}
}

/** Satisfaction per provider, for the providers of one list page. */
export async function satisfactionOfProviders(db: Db, providerIds: string[], minimum: number): Promise<Map<string, Satisfaction>> {
	const result = new Map<string, Satisfaction>();
	if (providerIds.length === 0) return result;
	const tallies = new Map((await scoreCountsByProvider(db, { providerIds })).map((row) => [row.providerId, row.counts]));
	for (const id of providerIds) result.set(id, publish(tallies.get(id) ?? emptyDomainCounts(), minimum));
	return result;
}

/** The tallies of every provider with completed responses (for the market-wide figures of the list). */
export async function satisfactionTallies(db: Db): Promise<Map<string, SatisfactionTally>> {
	return new Map((await scoreCountsByProvider(db, {})).map((row) => [row.providerId, row.counts]));
}

export interface SatisfactionComparison {
	provider: Satisfaction;
	sameType: Satisfaction;
	all: Satisfaction;
}

/** One provider next to all providers of its type and the whole market, from the tallies per provider. */
export function compareSatisfaction(
	tallies: ReadonlyMap<string, SatisfactionTally>,
	providerId: string,
	isSameType: (providerId: string) => boolean,
	minimum: number
): SatisfactionComparison {
	const own = emptyDomainCounts();
	const sameType = emptyDomainCounts();
	const all = emptyDomainCounts();
	for (const [id, counts] of tallies) {
		add(all, counts);
		if (isSameType(id)) add(sameType, counts);
		if (id === providerId) add(own, counts);
	}
	return { provider: publish(own, minimum), sameType: publish(sameType, minimum), all: publish(all, minimum) };
}

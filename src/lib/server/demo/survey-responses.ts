import type { Insertable, Kysely } from 'kysely';
import { isOneOf, providerGroupOf, providerTypes, type ProviderGroup } from '../../domain/reference';
import { instrumentVersion1, type AnswerCode } from '../../domain/survey/instrument';
import { reverseCode } from '../../domain/survey/scoring';
import type { Database } from '../db';
import { ensureWave } from '../services/survey-invitations';
import { seededRandom } from '../../domain/seeded-random';

/**
 * Demo survey responses for the research pages (issue 6): a few hundred completed paper responses
 * in one wave, spread over the providers of the register, with some items skipped. Deterministic
 * (a seeded generator, ids from the wave), so every demo and test run shows the same tables; a
 * wave that already holds responses is left alone. One provider of each group gets at least the
 * publication minimum (30), so that the breakdown per provider has rows.
 *
 * The groups answer a little differently (private providers a bit more positively, semi-public a
 * bit less), so the chi-square test has something to find.
 */

export interface DemoSurveyOptions {
	wave?: string;
	count?: number;
	now?: Date;
}

function seedOf(text: string): number {
	let hash = 2166136261;
	for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
	return hash >>> 0;
}

/** Chance of a satisfied (ja) and of a dissatisfied (nee) answer, after reverse coding, per group. */
const leaning: Record<ProviderGroup, { ja: number; nee: number }> = {
	public: { ja: 0.45, nee: 0.2 },
	semi_public: { ja: 0.35, nee: 0.3 },
	private: { ja: 0.55, nee: 0.15 }
};
const SKIP = 0.06;
const PER_LARGE_PROVIDER = 34;

/** Store the responses; returns how many were added (0 when the wave had responses already). */
export async function seedDemoSurveyResponses(db: Kysely<Database>, options: DemoSurveyOptions = {}): Promise<number> {
	const wave = options.wave ?? '2026-Q3';
	const count = options.count ?? 300;
	const now = options.now ?? new Date();
	await ensureWave(db, wave, now);
	const existing = await db.selectFrom('survey_responses').select('id').where('wave', '=', wave).limit(1).executeTakeFirst();
	if (existing) return 0;

	const providers = (await db.selectFrom('providers').select(['id', 'detailed_type']).where('active', '=', 1).orderBy('code').execute()).flatMap((provider) =>
		isOneOf(providerTypes, provider.detailed_type) ? [{ id: provider.id, group: providerGroupOf(provider.detailed_type) }] : []
	);
	if (providers.length === 0) return 0;
	const large = (['public', 'semi_public', 'private'] as const).flatMap((group) => providers.filter((provider) => provider.group === group).slice(0, 1));
	const random = seededRandom(seedOf(wave));
	const start = Date.UTC(2026, 6, 1, 10, 0, 0);

	const responses: Insertable<Database['survey_responses']>[] = [];
	const answers: { response_id: string; item_code: string; answer: string }[] = [];
	for (let index = 0; index < count; index++) {
		const provider = index < large.length * PER_LARGE_PROVIDER ? large[index % large.length]! : providers[Math.floor(random() * providers.length)]!;
		const id = `demo-survey-${wave}-${String(index + 1).padStart(5, '0')}`;
		const completedAt = new Date(start + Math.floor(random() * 92) * 86_400_000 + Math.floor(random() * 480) * 60_000).toISOString();
		responses.push({
			id,
			invitation_id: null,
			trajectory_id: null,
			provider_id: provider.id,
			wave,
			instrument_version: 1,
			source: 'paper',
			import_batch_id: null,
			started_at: completedAt,
			completed_at: completedAt,
			overall: random() < 0.2 ? null : 4 + Math.floor(random() * 7),
			comment: null,
			progress: instrumentVersion1.items.length
		});
		const { ja, nee } = leaning[provider.group];
		// A respondent's general mood moves all of their answers a little.
		const mood = (random() - 0.5) * 0.3;
		for (const item of instrumentVersion1.items) {
			if (random() < SKIP) continue;
			const draw = random();
			const coded: AnswerCode = draw < ja + mood ? 'ja' : draw > 1 - nee + mood ? 'nee' : 'een_beetje';
			answers.push({ response_id: id, item_code: item.code, answer: reverseCode(coded, item.negative) });
		}
	}
	// One transaction, with the scores each response stores: a research page read in between must
	// never find completed responses without their answers (it would score them as unanswered).
	await db.transaction().execute(async (trx) => {
		for (let offset = 0; offset < responses.length; offset += 100) {
			await trx.insertInto('survey_responses').values(responses.slice(offset, offset + 100)).execute();
		}
		for (let offset = 0; offset < answers.length; offset += 1000) {
			await trx.insertInto('survey_answers').values(answers.slice(offset, offset + 1000)).execute();
		}
	});
	return responses.length;
}

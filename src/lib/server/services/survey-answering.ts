import { sql, type Kysely } from 'kysely';
import { Invalid } from '$lib/domain/errors';
import { isValidOverall, orderedItems, type AnswerCode } from '$lib/domain/survey/instrument';
import type { Database } from '$lib/server/db';
import { findInvitation } from './survey-invitations';
import { loadInstrument, pagesOf } from './survey-instrument';
import { storeResponseScores } from './survey-scores';

/**
 * Answering a survey through its token link. Every page is saved as it is sent (an upsert), so a
 * person who closes the browser resumes where they left off; sending the last page completes the
 * response and stores its scale scores (survey-scores.ts) in the same transaction. The token is the
 * only credential: there is no sign-in and no actor.
 *
 * Two sends at once (two tabs, a double tap, a retry) complete the response exactly once: every
 * write starts with a conditional UPDATE of the response row `WHERE completed_at IS NULL`, which
 * also holds the row's lock until the transaction ends (PostgreSQL) or runs alone (SQLite).
 */

export interface SurveyPageInput {
	/** 1-based; pages 1..n-1 are the domains, page n closes with `overall` and the comment. */
	page: number;
	/** Domain pages: a raw answer per item code of that page's domain; null or absent = skipped. */
	answers?: Readonly<Record<string, AnswerCode | null | undefined>>;
	/** Closing page: overall satisfaction 1–10, or null when skipped. */
	overall?: number | null;
	/** Closing page: optional free text. */
	comment?: string | null;
}

export const COMMENT_MAX_LENGTH = 2000;

export type SaveOutcome =
	| { state: 'saved'; nextPage: number }
	/** `first` is true for the one send that completed the response. */
	| { state: 'completed'; first: boolean }
	| { state: 'expired' }
	| { state: 'unknown' };

export async function saveSurveyPage(db: Kysely<Database>, token: string, input: SurveyPageInput, now = new Date()): Promise<SaveOutcome> {
	const found = await findInvitation(db, token, now);
	if (found.state === 'completed') return { state: 'completed', first: false };
	if (found.state !== 'valid') return { state: found.state };
	const invitation = found.invitation;
	const instrument = await loadInstrument(db, invitation.instrument_version);
	if (!instrument) throw new Error(`Regie: instrument version ${invitation.instrument_version} missing`);
	const { domains, pageCount } = pagesOf(instrument);
	const page = input.page;
	if (!Number.isInteger(page) || page < 1 || page > pageCount) throw new Invalid({ page: 'survey_error_page' });
	const closing = page === pageCount;

	const pageItems = closing ? [] : orderedItems(instrument, domains[page - 1]);
	const given = input.answers ?? {};
	for (const code of Object.keys(given)) {
		if (!pageItems.some((item) => item.code === code)) throw new Invalid({ [code]: 'survey_error_item' });
	}
	const overall = closing ? (input.overall ?? null) : null;
	if (overall !== null && !isValidOverall(overall)) throw new Invalid({ overall: 'survey_error_overall' });
	const comment = closing ? (input.comment ?? '').trim() || null : null;
	if (comment !== null && comment.length > COMMENT_MAX_LENGTH) throw new Invalid({ comment: 'survey_error_comment' });

	return db.transaction().execute(async (trx): Promise<SaveOutcome> => {
		const trajectory = await trx
			.selectFrom('trajectories')
			.select('provider_id')
			.where('id', '=', invitation.trajectory_id)
			.executeTakeFirstOrThrow();
		// The response row exists from the first page sent; the unique invitation_id keeps it single.
		await trx
			.insertInto('survey_responses')
			.values({
				id: crypto.randomUUID(),
				invitation_id: invitation.id,
				trajectory_id: invitation.trajectory_id,
				provider_id: trajectory.provider_id,
				wave: invitation.wave,
				instrument_version: invitation.instrument_version,
				source: 'online',
				import_batch_id: null,
				started_at: now.toISOString(),
				completed_at: null,
				overall: null,
				comment: null,
				progress: 0
			})
			.onConflict((oc) => oc.column('invitation_id').doNothing())
			.execute();
		const response = await trx.selectFrom('survey_responses').select('id').where('invitation_id', '=', invitation.id).executeTakeFirstOrThrow();

		if (closing) {
			const completed = await trx
				.updateTable('survey_responses')
				.set({ overall, comment, progress: pageCount, completed_at: now.toISOString() })
				.where('id', '=', response.id)
				.where('completed_at', 'is', null)
				.executeTakeFirst();
			if (Number(completed.numUpdatedRows) === 0) return { state: 'completed', first: false };
			// Scored after the row is claimed, so that no page saved at the same time can change the answers.
			await storeResponseScores(trx, response.id, instrument);
			await trx.updateTable('survey_invitations').set({ completed_at: now.toISOString() }).where('id', '=', invitation.id).execute();
			return { state: 'completed', first: true };
		}

		const claimed = await trx
			.updateTable('survey_responses')
			.set({ progress: sql<number>`case when progress < ${page} then ${page} else progress end` })
			.where('id', '=', response.id)
			.where('completed_at', 'is', null)
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) === 0) return { state: 'completed', first: false };

		const answered = pageItems.filter((item) => given[item.code] != null);
		const skipped = pageItems.filter((item) => given[item.code] == null).map((item) => item.code);
		if (answered.length > 0) {
			await trx
				.insertInto('survey_answers')
				.values(answered.map((item) => ({ response_id: response.id, item_code: item.code, answer: given[item.code]! })))
				.onConflict((oc) => oc.columns(['response_id', 'item_code']).doUpdateSet({ answer: (eb) => eb.ref('excluded.answer') }))
				.execute();
		}
		// A skip is missing, never "nee": an answer taken back is removed.
		if (skipped.length > 0) {
			await trx.deleteFrom('survey_answers').where('response_id', '=', response.id).where('item_code', 'in', skipped).execute();
		}
		return { state: 'saved', nextPage: page + 1 };
	});
}

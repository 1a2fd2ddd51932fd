import type { Kysely } from 'kysely';
import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { defaultRules, type OrganisationRules } from '$lib/domain/plan/rules';
import type { Database } from '$lib/server/db';
import { recordAudit } from './audit';

/**
 * The plan rules of a paying organisation (budget cap, maximum duration, training share, deadlines).
 * Without a stored row the defaults of the product brief apply.
 */

export async function rulesOf(db: Kysely<Database>, organisationId: string): Promise<OrganisationRules> {
	const row = await db.selectFrom('organisation_rules').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
	if (!row) return { ...defaultRules };
	return {
		budgetCapCents: row.budget_cap_cents,
		maxDurationMonths: row.max_duration_months,
		trainingShareFlagPercent: row.training_share_flag_percent,
		submissionDays: row.submission_days,
		extensionDays: row.extension_days,
		decisionWeeks: row.decision_weeks
	};
}

/** The admin sets an organisation's limits; plans already submitted keep the checks they got. */
export async function updateRules(db: Kysely<Database>, actor: Actor, organisationId: string, rules: OrganisationRules, now = new Date()): Promise<void> {
	if (!can(actor, { action: 'organisation.rules.edit' }) || actor.kind !== 'user') throw new Forbidden();
	const organisation = await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
	if (!organisation) throw new NotFound();
	await db.transaction().execute(async (trx) => {
		const before = await rulesOf(trx, organisationId);
		const values = {
			budget_cap_cents: rules.budgetCapCents,
			max_duration_months: rules.maxDurationMonths,
			training_share_flag_percent: rules.trainingShareFlagPercent,
			submission_days: rules.submissionDays,
			extension_days: rules.extensionDays,
			decision_weeks: rules.decisionWeeks,
			updated_at: now.toISOString(),
			updated_by: actor.id
		};
		await trx
			.insertInto('organisation_rules')
			.values({ organisation_id: organisationId, ...values })
			.onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
			.execute();
		await recordAudit(trx, { actorId: actor.id, action: 'organisation.rules_changed', entityType: 'organisation', entityId: organisationId, details: { before, after: rules } }, now);
	});
}

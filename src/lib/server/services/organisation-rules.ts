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

export interface OrganisationRulesEntry {
	id: string;
	name: string;
	rules: OrganisationRules;
	/** No limits stored yet: the defaults of the product brief apply. */
	usesDefaults: boolean;
	updatedAt: string | null;
}

/** Every paying organisation with its current limits, for the admin's rules page. */
export async function listOrganisationRules(db: Kysely<Database>, actor: Actor): Promise<OrganisationRulesEntry[]> {
	if (!can(actor, { action: 'organisation.rules.edit' })) throw new Forbidden();
	const organisations = await db.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('kind', 'desc').orderBy('name').execute();
	const stored = await db.selectFrom('organisation_rules').select(['organisation_id', 'updated_at']).execute();
	const updated = new Map(stored.map((row) => [row.organisation_id, row.updated_at]));
	return Promise.all(
		organisations.map(async (organisation) => ({
			id: organisation.id,
			name: organisation.name,
			rules: await rulesOf(db, organisation.id),
			usesDefaults: !updated.has(organisation.id),
			updatedAt: updated.get(organisation.id) ?? null
		}))
	);
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

import type { Actor, UserActor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { type BenefitType } from '$lib/domain/reference';
import { closedStatuses, isOpen, mayChangeProvider, type TrajectoryStatus } from '$lib/domain/trajectory';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';
import { recordTransition } from './trajectory-transitions';

/**
 * Choosing a provider starts a trajectory (an IRO) with a draft plan, linked to the client, the
 * provider and the organisation that pays. Until the plan is submitted the client may choose
 * another provider; the draft text stays.
 */

export interface OpenTrajectory {
	id: string;
	status: TrajectoryStatus;
	chosenAt: string;
	provider: { id: string; code: string; name: string; email: string | null; phone: string | null; website: string | null };
	organisationName: string;
}

export async function getOpenTrajectory(db: Db, actor: Actor): Promise<OpenTrajectory | null> {
	if (actor.kind !== 'user' || actor.role !== 'client') throw new Forbidden();
	const row = await db
		.selectFrom('trajectories')
		.innerJoin('providers', 'providers.id', 'trajectories.provider_id')
		.innerJoin('organisations', 'organisations.id', 'trajectories.organisation_id')
		.select([
			'trajectories.id',
			'trajectories.status',
			'trajectories.chosen_at',
			'providers.id as provider_id',
			'providers.code as provider_code',
			'providers.name as provider_name',
			'providers.email as provider_email',
			'providers.phone as provider_phone',
			'providers.website as provider_website',
			'organisations.name as organisation_name'
		])
		.where('trajectories.client_id', '=', actor.id)
		.where('trajectories.status', 'not in', closedStatuses)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		status: row.status as TrajectoryStatus,
		chosenAt: row.chosen_at,
		provider: { id: row.provider_id, code: row.provider_code, name: row.provider_name, email: row.provider_email, phone: row.provider_phone, website: row.provider_website },
		organisationName: row.organisation_name
	};
}

export type ChoiceOutcome = { kind: 'created' | 'switched' | 'unchanged'; trajectoryId: string; providerName: string };

export async function chooseProvider(db: Db, actor: Actor, providerCode: string, now = new Date()): Promise<ChoiceOutcome> {
	if (!can(actor, { action: 'provider.choose' }) || actor.kind !== 'user') throw new Forbidden();
	const client = await db.selectFrom('users').select(['benefit_type', 'organisation_id']).where('id', '=', actor.id).executeTakeFirstOrThrow();
	const provider = await db.selectFrom('providers').select(['id', 'name', 'active']).where('code', '=', providerCode).executeTakeFirst();
	if (!provider || provider.active !== 1) throw new NotFound();
	const serves = await db
		.selectFrom('provider_benefit_types')
		.select('provider_id')
		.where('provider_id', '=', provider.id)
		.where('benefit_type', '=', (client.benefit_type ?? '') as BenefitType)
		.executeTakeFirst();
	if (!serves) throw new Invalid({ provider: 'choose_error_benefit' });

	const outcome = await db.transaction().execute(async (trx) => {
		const open = await trx
			.selectFrom('trajectories')
			.select(['id', 'status', 'provider_id'])
			.where('client_id', '=', actor.id)
			.where('status', 'not in', closedStatuses)
			.executeTakeFirst();
		if (open) {
			if (open.provider_id === provider.id) return { kind: 'unchanged' as const, trajectoryId: open.id };
			if (!mayChangeProvider(open.status as TrajectoryStatus)) throw new Invalid({ provider: 'choose_not_possible' });
			// A provider's signature belongs to the provider that gave it: a switch makes the plan a draft again.
			// `chosen_at` stays: the submission deadline counts from the first choice, so switching
			// providers never buys time.
			await trx
				.updateTable('trajectories')
				.set({ provider_id: provider.id, status: 'draft', updated_at: now.toISOString() })
				.where('id', '=', open.id)
				.execute();
			await trx.updateTable('plans').set({ signed_version: null, signed_by: null, signed_at: null }).where('trajectory_id', '=', open.id).execute();
			await recordTransition(trx, { trajectoryId: open.id, actorId: actor.id, from: open.status as TrajectoryStatus, to: 'draft', reason: 'provider_changed' }, now);
			await recordAudit(trx, { actorId: actor.id, action: 'trajectory.provider_changed', entityType: 'trajectory', entityId: open.id, details: { from: open.provider_id, to: provider.id } }, now);
			return { kind: 'switched' as const, trajectoryId: open.id };
		}
		const trajectoryId = crypto.randomUUID();
		await trx
			.insertInto('trajectories')
			.values({
				id: trajectoryId,
				client_id: actor.id,
				provider_id: provider.id,
				organisation_id: client.organisation_id!,
				status: 'draft',
				chosen_at: now.toISOString(),
				updated_at: now.toISOString(),
				ended_at: null,
				placed: null
			})
			.execute();
		const planId = crypto.randomUUID();
		await trx.insertInto('plans').values({ id: planId, trajectory_id: trajectoryId, updated_at: now.toISOString(), updated_by: actor.id }).execute();
		// Version 1 is the empty draft: a save refused later can show what changed since it.
		await trx.insertInto('plan_revisions').values({ plan_id: planId, version: 1, content: '{}', saved_at: now.toISOString(), saved_by: actor.id }).execute();
		await recordTransition(trx, { trajectoryId, actorId: actor.id, from: null, to: 'draft' }, now);
		await recordAudit(trx, { actorId: actor.id, action: 'trajectory.created', entityType: 'trajectory', entityId: trajectoryId, details: { provider: provider.id } }, now);
		return { kind: 'created' as const, trajectoryId };
	}).catch(async (error: unknown) => {
		// Two submits at once: the second hits the one-open-trajectory index. The first one won.
		if (error instanceof Invalid) throw error;
		const existing = await getOpenTrajectory(db, actor);
		if (existing && existing.provider.id === provider.id) return { kind: 'unchanged' as const, trajectoryId: existing.id };
		throw error;
	});
	return { ...outcome, providerName: provider.name };
}

export interface ProviderClient {
	trajectoryId: string;
	clientName: string;
	status: TrajectoryStatus;
	chosenAt: string;
}

/** The clients who chose the provider of this member of provider staff, newest first. */
export async function listProviderClients(db: Db, actor: Actor): Promise<ProviderClient[]> {
	if (actor.kind !== 'user' || !actor.providerId || !can(actor, { action: 'provider.view-own', providerId: actor.providerId })) throw new Forbidden();
	const rows = await db
		.selectFrom('trajectories')
		.innerJoin('users', 'users.id', 'trajectories.client_id')
		.select(['trajectories.id', 'trajectories.status', 'trajectories.chosen_at', 'users.display_name'])
		.where('trajectories.provider_id', '=', (actor as UserActor).providerId!)
		.orderBy('trajectories.chosen_at', 'desc')
		.limit(500)
		.execute();
	return rows
		.map((row) => ({ trajectoryId: row.id, clientName: row.display_name, status: row.status as TrajectoryStatus, chosenAt: row.chosen_at }))
		.sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)));
}

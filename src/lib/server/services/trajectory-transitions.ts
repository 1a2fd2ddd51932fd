import type { Kysely } from 'kysely';
import type { TrajectoryStatus } from '$lib/domain/trajectory';
import type { Database } from '$lib/server/db';

/**
 * Every change of a trajectory's status, with who, when, from, to and why (product brief §2).
 * Written in the transaction of the change itself.
 */

export interface Transition {
	trajectoryId: string;
	actorId: string | null;
	from: TrajectoryStatus | null;
	to: TrajectoryStatus;
	reason?: string | null;
}

export async function recordTransition(trx: Kysely<Database>, transition: Transition, now = new Date()): Promise<void> {
	await trx
		.insertInto('trajectory_transitions')
		.values({
			id: crypto.randomUUID(),
			trajectory_id: transition.trajectoryId,
			occurred_at: now.toISOString(),
			actor_id: transition.actorId,
			from_status: transition.from,
			to_status: transition.to,
			reason: transition.reason ?? null
		})
		.execute();
}

export interface TransitionRecord {
	occurredAt: string;
	actorName: string | null;
	from: TrajectoryStatus | null;
	to: TrajectoryStatus;
	reason: string | null;
}

export async function transitionsOf(db: Kysely<Database>, trajectoryId: string): Promise<TransitionRecord[]> {
	const rows = await db
		.selectFrom('trajectory_transitions')
		.leftJoin('users', 'users.id', 'trajectory_transitions.actor_id')
		.select(['trajectory_transitions.occurred_at', 'users.display_name', 'trajectory_transitions.from_status', 'trajectory_transitions.to_status', 'trajectory_transitions.reason'])
		.where('trajectory_transitions.trajectory_id', '=', trajectoryId)
		.orderBy('trajectory_transitions.occurred_at')
		.execute();
	return rows.map((row) => ({
		occurredAt: row.occurred_at,
		actorName: row.display_name,
		from: row.from_status as TrajectoryStatus | null,
		to: row.to_status as TrajectoryStatus,
		reason: row.reason
	}));
}

import { submissionDeadline, reminderDue } from '$lib/domain/plan/deadlines';
import { deadlineApplies } from '$lib/domain/plan/lifecycle';
import type { TrajectoryStatus } from '$lib/domain/trajectory';
import type { Db } from '$lib/server/db';
import { notify } from './notifications';
import { rulesOf } from './organisation-rules';

/**
 * The reminder a week before the plan must be submitted (issue 4): once per trajectory, to the
 * client and the staff of the chosen provider. Run from the mail worker's timer; safe to run from
 * several instances at once, since each trajectory is claimed with a conditional update.
 *
 * `params.date` is the deadline as YYYY-MM-DD: the words of the date depend on the recipient's
 * language, which only the mail texts know.
 */
export async function remindPlanDeadlines(db: Db, now = new Date()): Promise<number> {
	const candidates = await db
		.selectFrom('trajectories')
		.innerJoin('users', 'users.id', 'trajectories.client_id')
		.innerJoin('providers', 'providers.id', 'trajectories.provider_id')
		.select([
			'trajectories.id',
			'trajectories.status',
			'trajectories.client_id',
			'trajectories.provider_id',
			'trajectories.organisation_id',
			'trajectories.chosen_at',
			'trajectories.submitted_at',
			'trajectories.extension_requested_at',
			'users.display_name as client_name',
			'providers.name as provider_name'
		])
		.where('trajectories.status', 'in', ['draft', 'provider_signed'])
		.where('trajectories.submitted_at', 'is', null)
		.where('trajectories.deadline_reminded_at', 'is', null)
		// Joined on the client: erased clients' trajectories (client_id null) are left out.
		.$narrowType<{ client_id: string }>()
		.execute();

	const rulesByOrganisation = new Map<string, Awaited<ReturnType<typeof rulesOf>>>();
	let sent = 0;
	for (const row of candidates) {
		if (!deadlineApplies(row.status as TrajectoryStatus, row.submitted_at !== null)) continue;
		let rules = rulesByOrganisation.get(row.organisation_id);
		if (!rules) {
			rules = await rulesOf(db, row.organisation_id);
			rulesByOrganisation.set(row.organisation_id, rules);
		}
		const deadline = submissionDeadline(new Date(row.chosen_at), rules, row.extension_requested_at !== null);
		if (!reminderDue(deadline, now)) continue;
		const claimed = await db.transaction().execute(async (trx) => {
			const updated = await trx
				.updateTable('trajectories')
				.set({ deadline_reminded_at: now.toISOString() })
				.where('id', '=', row.id)
				.where('deadline_reminded_at', 'is', null)
				.executeTakeFirst();
			if (Number(updated.numUpdatedRows) !== 1) return false;
			const params = { clientName: row.client_name, providerName: row.provider_name, date: deadline.toISOString() };
			const staff = await trx.selectFrom('users').select('id').where('role', '=', 'provider').where('provider_id', '=', row.provider_id).execute();
			await notify(trx, [row.client_id], { event: 'deadline_reminder', trajectoryId: row.id, path: '/plan', params }, now);
			await notify(trx, staff.map((s) => s.id), { event: 'deadline_reminder', trajectoryId: row.id, path: `/aanbieder/clienten/${row.id}/plan`, params }, now);
			return true;
		});
		if (claimed) sent += 1;
	}
	return sent;
}

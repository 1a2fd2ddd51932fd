/**
 * The lifecycle of a trajectory and its plan (product brief §2). A client has at most one open
 * trajectory; an ended or rejected one stays as history.
 */
export const trajectoryStatuses = [
	'draft',
	'provider_signed',
	'submitted',
	'changes_requested',
	'approved',
	'rejected',
	'active',
	'completed',
	'terminated'
] as const;
export type TrajectoryStatus = (typeof trajectoryStatuses)[number];

export const closedStatuses: readonly TrajectoryStatus[] = ['completed', 'terminated', 'rejected'];

export function isOpen(status: TrajectoryStatus): boolean {
	return !closedStatuses.includes(status);
}

/** Until the plan is submitted the client may still choose another provider. */
export function mayChangeProvider(status: TrajectoryStatus): boolean {
	return status === 'draft' || status === 'provider_signed';
}

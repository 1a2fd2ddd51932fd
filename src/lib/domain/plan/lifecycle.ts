import type { TrajectoryStatus } from '../trajectory';

/**
 * Which step of the plan's lifecycle may happen in which status, and where it leads (product brief
 * §2). Services ask here before they change anything; every transition is recorded by the caller.
 *
 * draft ⇄ provider_signed → submitted → active (approved) | rejected | changes_requested
 * changes_requested behaves as a draft that carries the reviewer's remarks.
 */

export const decisions = ['approved', 'rejected', 'changes_requested'] as const;
export type Decision = (typeof decisions)[number];

/** Both client and the chosen provider may edit the plan until it is submitted. */
export function isEditable(status: TrajectoryStatus): boolean {
	return status === 'draft' || status === 'provider_signed' || status === 'changes_requested';
}

/** Any change clears the provider's signature; remarks of the reviewer stay visible until resubmission. */
export function statusAfterEdit(status: TrajectoryStatus): TrajectoryStatus {
	return status === 'provider_signed' ? 'draft' : status;
}

export function mayProviderSign(status: TrajectoryStatus): boolean {
	return status === 'draft' || status === 'changes_requested';
}

/** The client submits only a plan the provider signed. */
export function maySubmit(status: TrajectoryStatus): boolean {
	return status === 'provider_signed';
}

export function mayDecide(status: TrajectoryStatus): boolean {
	return status === 'submitted';
}

/** Approval makes the trajectory active at once; the transition log keeps both steps. */
export function statusAfterDecision(decision: Decision): TrajectoryStatus {
	switch (decision) {
		case 'approved':
			return 'active';
		case 'rejected':
			return 'rejected';
		case 'changes_requested':
			return 'changes_requested';
	}
}

/** A reason is required for everything but approval. */
export function decisionNeedsReason(decision: Decision): boolean {
	return decision !== 'approved';
}

export const outcomes = ['completed', 'terminated'] as const;
export type Outcome = (typeof outcomes)[number];

export function mayRecordOutcome(status: TrajectoryStatus): boolean {
	return status === 'active';
}

/** The submission deadline applies until the plan is first submitted. */
export function deadlineApplies(status: TrajectoryStatus, submittedBefore: boolean): boolean {
	return !submittedBefore && (status === 'draft' || status === 'provider_signed');
}

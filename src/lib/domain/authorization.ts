import type { Actor, UserActor } from './actor';
import type { Role } from './reference';

/**
 * Who may do what to which object: the one place to read it and to test it. Area access by role
 * is in `areas.ts`; this adds ownership. Services call `can` before they read or change anything.
 */

export interface AccountRef {
	role: Role;
	organisationId: string | null;
}

/** The parties of one trajectory, as stored: who it is for, who helps, who pays. */
export interface TrajectoryRef {
	clientId: string;
	providerId: string;
	organisationId: string;
}

export type Permission =
	| { action: 'account.create'; account: AccountRef }
	| { action: 'account.view'; account: AccountRef }
	| { action: 'account.invite'; account: AccountRef }
	| { action: 'accounts.list' }
	| { action: 'client.erase' }
	| { action: 'organisation.view'; organisationId: string }
	| { action: 'providers.browse' }
	| { action: 'provider.view-own'; providerId: string }
	| { action: 'provider.edit-profile'; providerId: string }
	| { action: 'register.manage' }
	| { action: 'provider.choose' }
	| { action: 'survey.import' }
	| { action: 'survey.manage' }
	| { action: 'research.read' }
	| { action: 'research.tokens' }
	| { action: 'plan.view'; trajectory: TrajectoryRef }
	| { action: 'plan.edit'; trajectory: TrajectoryRef }
	| { action: 'plan.sign'; trajectory: TrajectoryRef }
	| { action: 'plan.submit'; trajectory: TrajectoryRef }
	| { action: 'plan.review'; trajectory: TrajectoryRef }
	| { action: 'plans.queue' }
	| { action: 'trajectory.record-outcome'; trajectory: TrajectoryRef }
	| { action: 'organisation.rules.edit' }
	| { action: 'outbox.read' };

export function can(actor: Actor, permission: Permission): boolean {
	if (actor.kind !== 'user') return false;
	switch (permission.action) {
		case 'account.create':
		case 'account.view':
		case 'account.invite':
			if (actor.role === 'admin') return true;
			// A reviewer manages the clients their own organisation pays for, nobody else.
			return (
				actor.role === 'reviewer' &&
				permission.account.role === 'client' &&
				actor.organisationId !== null &&
				permission.account.organisationId === actor.organisationId
			);
		case 'accounts.list':
			return actor.role === 'admin' || actor.role === 'reviewer';
		case 'client.erase':
			// Erasure on request (AVG/GDPR) removes a person for good: the functional administrator only,
			// not the reviewer who manages the client's account.
			return actor.role === 'admin';
		case 'organisation.view':
			return actor.role === 'admin' || actor.organisationId === permission.organisationId;
		case 'providers.browse':
			return actor.role === 'client';
		case 'provider.view-own':
			return actor.role === 'provider' && actor.providerId === permission.providerId;
		case 'provider.edit-profile':
			// Provider staff keep their own provider's profile current; the admin keeps the register.
			return actor.role === 'admin' || (actor.role === 'provider' && actor.providerId === permission.providerId);
		case 'register.manage':
			return actor.role === 'admin';
		case 'provider.choose':
			return actor.role === 'client' && actor.organisationId !== null;
		case 'survey.import':
			// Paper responses are loaded by the functional administrator (upload page or command line).
			return actor.role === 'admin';
		case 'survey.manage':
			// Instrument versions and bulk invitations for a wave.
			return actor.role === 'admin';
		case 'research.read':
			// Survey aggregates and pseudonymous microdata, never who answered.
		case 'research.tokens':
			// Personal API tokens for scripts, each researcher their own.
			return actor.role === 'researcher';
		case 'plan.view':
			return isTheClient(actor, permission.trajectory) || isTheProvider(actor, permission.trajectory) || isThePayer(actor, permission.trajectory);
		case 'plan.edit':
			// Client and chosen provider write the plan together; the reviewer only reads and decides.
			return isTheClient(actor, permission.trajectory) || isTheProvider(actor, permission.trajectory);
		case 'plan.sign':
			return isTheProvider(actor, permission.trajectory);
		case 'plan.submit':
			return isTheClient(actor, permission.trajectory);
		case 'plan.review':
			return isThePayer(actor, permission.trajectory);
		case 'plans.queue':
			return actor.role === 'reviewer' && actor.organisationId !== null;
		case 'trajectory.record-outcome':
			return isTheProvider(actor, permission.trajectory) || isThePayer(actor, permission.trajectory);
		case 'organisation.rules.edit':
		case 'outbox.read':
			return actor.role === 'admin';
	}
}

function isTheClient(actor: UserActor, trajectory: TrajectoryRef): boolean {
	return actor.role === 'client' && actor.id === trajectory.clientId;
}

function isTheProvider(actor: UserActor, trajectory: TrajectoryRef): boolean {
	return actor.role === 'provider' && actor.providerId !== null && actor.providerId === trajectory.providerId;
}

function isThePayer(actor: UserActor, trajectory: TrajectoryRef): boolean {
	return actor.role === 'reviewer' && actor.organisationId !== null && actor.organisationId === trajectory.organisationId;
}

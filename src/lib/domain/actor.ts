import type { Role } from './reference';

/**
 * Who is asking. Built once per request from the session (hooks.server.ts) and passed first to
 * every service, which asks the policy before it does anything.
 */
export type Actor = AnonymousActor | UserActor;

export interface AnonymousActor {
	kind: 'anonymous';
}

export interface UserActor {
	kind: 'user';
	id: string;
	role: Role;
	displayName: string;
	email: string;
	/** Reviewer: the paying organisation they work for. Client: the organisation that pays for them. */
	organisationId: string | null;
	/** Provider staff: the one provider they work for. */
	providerId: string | null;
}

export const anonymous: AnonymousActor = { kind: 'anonymous' };

import type { Actor } from './actor';
import type { Role } from './reference';

/**
 * Who may do what to which object: the one place to read it and to test it. Area access by role
 * is in `areas.ts`; this adds ownership. Services call `can` before they read or change anything.
 */

export interface AccountRef {
	role: Role;
	organisationId: string | null;
}

export type Permission =
	| { action: 'account.create'; account: AccountRef }
	| { action: 'account.view'; account: AccountRef }
	| { action: 'account.invite'; account: AccountRef }
	| { action: 'accounts.list' }
	| { action: 'organisation.view'; organisationId: string }
	| { action: 'providers.browse' }
	| { action: 'provider.view-own'; providerId: string }
	| { action: 'provider.edit-profile'; providerId: string }
	| { action: 'register.manage' }
	| { action: 'provider.choose' }
	| { action: 'survey.import' };

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
	}
}

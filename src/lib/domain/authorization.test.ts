import { describe, expect, it } from 'vitest';
import { anonymous, type UserActor } from './actor';
import { can } from './authorization';

function user(role: UserActor['role'], extra: Partial<UserActor> = {}): UserActor {
	return { kind: 'user', id: `${role}-1`, role, displayName: role, email: `${role}@x`, organisationId: null, providerId: null, ...extra };
}

const admin = user('admin');
const reviewerUwv = user('reviewer', { organisationId: 'uwv' });
const reviewerGemeente = user('reviewer', { organisationId: 'gem-a' });
const client = user('client', { organisationId: 'uwv' });
const provider = user('provider', { providerId: 'p1' });
const researcher = user('researcher');

describe('account permissions', () => {
	const uwvClient = { role: 'client' as const, organisationId: 'uwv' };
	const uwvReviewer = { role: 'reviewer' as const, organisationId: 'uwv' };

	it('lets an admin create any account', () => {
		expect(can(admin, { action: 'account.create', account: uwvReviewer })).toBe(true);
	});

	it("lets a reviewer create and invite clients of their own organisation only", () => {
		expect(can(reviewerUwv, { action: 'account.create', account: uwvClient })).toBe(true);
		expect(can(reviewerUwv, { action: 'account.invite', account: uwvClient })).toBe(true);
		expect(can(reviewerGemeente, { action: 'account.create', account: uwvClient })).toBe(false);
		expect(can(reviewerGemeente, { action: 'account.view', account: uwvClient })).toBe(false);
		expect(can(reviewerUwv, { action: 'account.create', account: uwvReviewer })).toBe(false);
	});

	it('refuses every other role and the anonymous visitor', () => {
		for (const actor of [client, provider, researcher, anonymous]) {
			expect(can(actor, { action: 'account.create', account: uwvClient })).toBe(false);
			expect(can(actor, { action: 'accounts.list' })).toBe(false);
		}
	});
});

describe('erasure', () => {
	it('lets only the admin erase a client, not the reviewer who manages clients', () => {
		expect(can(admin, { action: 'client.erase' })).toBe(true);
		for (const actor of [reviewerUwv, reviewerGemeente, client, provider, researcher, anonymous]) expect(can(actor, { action: 'client.erase' })).toBe(false);
	});
});

describe('other permissions', () => {
	it('limits provider staff to their own provider', () => {
		expect(can(provider, { action: 'provider.view-own', providerId: 'p1' })).toBe(true);
		expect(can(provider, { action: 'provider.view-own', providerId: 'p2' })).toBe(false);
		expect(can(admin, { action: 'provider.view-own', providerId: 'p1' })).toBe(false);
	});

	it('lets people see only their own organisation, admins all', () => {
		expect(can(reviewerGemeente, { action: 'organisation.view', organisationId: 'gem-a' })).toBe(true);
		expect(can(reviewerGemeente, { action: 'organisation.view', organisationId: 'uwv' })).toBe(false);
		expect(can(admin, { action: 'organisation.view', organisationId: 'uwv' })).toBe(true);
	});

	it('lets only clients browse providers to choose one', () => {
		expect(can(client, { action: 'providers.browse' })).toBe(true);
		expect(can(reviewerUwv, { action: 'providers.browse' })).toBe(false);
	});

	it('lets provider staff edit only their own profile, and the admin every profile', () => {
		expect(can(provider, { action: 'provider.edit-profile', providerId: 'p1' })).toBe(true);
		expect(can(provider, { action: 'provider.edit-profile', providerId: 'p2' })).toBe(false);
		expect(can(admin, { action: 'provider.edit-profile', providerId: 'p2' })).toBe(true);
		for (const actor of [client, reviewerUwv, researcher, anonymous]) {
			expect(can(actor, { action: 'provider.edit-profile', providerId: 'p1' })).toBe(false);
		}
	});

	it('lets only the admin manage the register, and only clients choose a provider', () => {
		expect(can(admin, { action: 'register.manage' })).toBe(true);
		for (const actor of [client, provider, reviewerUwv, researcher, anonymous]) expect(can(actor, { action: 'register.manage' })).toBe(false);
		expect(can(client, { action: 'provider.choose' })).toBe(true);
		for (const actor of [admin, provider, reviewerUwv, researcher, anonymous]) expect(can(actor, { action: 'provider.choose' })).toBe(false);
	});
});

describe('survey permissions', () => {
	it('lets only the admin import paper responses, manage the instrument and invite in bulk', () => {
		for (const action of ['survey.import', 'survey.manage'] as const) {
			expect(can(admin, { action })).toBe(true);
			for (const actor of [client, provider, reviewerUwv, reviewerGemeente, researcher, anonymous]) expect(can(actor, { action })).toBe(false);
		}
	});
});

describe('research permissions', () => {
	it('lets only researchers read survey aggregates and microdata and keep API tokens', () => {
		for (const action of ['research.read', 'research.tokens'] as const) {
			expect(can(researcher, { action })).toBe(true);
			for (const actor of [admin, client, provider, reviewerUwv, anonymous]) expect(can(actor, { action })).toBe(false);
		}
	});
});

describe('plan permissions', () => {
	// Client `client-1` of UWV chose provider p1.
	const trajectory = { clientId: 'client-1', providerId: 'p1', organisationId: 'uwv' };
	const otherClient = user('client', { id: 'client-2', organisationId: 'uwv' });
	const otherProvider = user('provider', { id: 'provider-2', providerId: 'p2' });
	const providerWithoutProvider = user('provider', { id: 'provider-3' });
	const strangers = [otherClient, otherProvider, providerWithoutProvider, reviewerGemeente, researcher, anonymous];

	it('lets the client, the chosen provider and the paying organisation see the plan, nobody else', () => {
		for (const actor of [client, provider, reviewerUwv]) expect(can(actor, { action: 'plan.view', trajectory })).toBe(true);
		for (const actor of [...strangers, admin]) expect(can(actor, { action: 'plan.view', trajectory })).toBe(false);
	});

	it('lets client and chosen provider write; only the provider signs and only the client submits', () => {
		for (const actor of [client, provider]) expect(can(actor, { action: 'plan.edit', trajectory })).toBe(true);
		expect(can(reviewerUwv, { action: 'plan.edit', trajectory })).toBe(false);
		expect(can(provider, { action: 'plan.sign', trajectory })).toBe(true);
		expect(can(client, { action: 'plan.sign', trajectory })).toBe(false);
		expect(can(client, { action: 'plan.submit', trajectory })).toBe(true);
		expect(can(provider, { action: 'plan.submit', trajectory })).toBe(false);
		for (const action of ['plan.edit', 'plan.sign', 'plan.submit'] as const) {
			for (const actor of [...strangers, admin]) expect(can(actor, { action, trajectory }), `${action}`).toBe(false);
		}
	});

	it('lets only a reviewer of the paying organisation review; the provider or that reviewer record the outcome', () => {
		expect(can(reviewerUwv, { action: 'plan.review', trajectory })).toBe(true);
		for (const actor of [client, provider, admin, ...strangers]) expect(can(actor, { action: 'plan.review', trajectory })).toBe(false);
		expect(can(reviewerUwv, { action: 'plans.queue' })).toBe(true);
		expect(can(user('reviewer'), { action: 'plans.queue' })).toBe(false);
		for (const actor of [client, provider, admin, researcher, anonymous]) expect(can(actor, { action: 'plans.queue' })).toBe(false);
		for (const actor of [provider, reviewerUwv]) expect(can(actor, { action: 'trajectory.record-outcome', trajectory })).toBe(true);
		for (const actor of [client, admin, ...strangers]) expect(can(actor, { action: 'trajectory.record-outcome', trajectory })).toBe(false);
	});

	it('leaves organisation limits and the outbox to the admin', () => {
		for (const action of ['organisation.rules.edit', 'outbox.read'] as const) {
			expect(can(admin, { action })).toBe(true);
			for (const actor of [client, provider, reviewerUwv, researcher, anonymous]) expect(can(actor, { action })).toBe(false);
		}
	});
});

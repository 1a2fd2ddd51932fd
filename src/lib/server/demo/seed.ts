import type { BenefitType, OrganisationKind, Region, Role } from '../../domain/reference';
import { hashPassword } from '../auth/password';
import type { Db } from '../db';
import { seedDemoPlans } from './plans';
import { demoProviderId, demoProviders } from './providers';

/**
 * The demo data set: organisations, the provider register and one account per role. Loaded only
 * into an empty database, in one transaction, so loading it twice never duplicates anything.
 */

export const ORG_UWV_ID = 'org-uwv';
export const ORG_GEMEENTE_UTRECHT_ID = 'org-gemeente-utrecht';
export const ORG_GEMEENTE_ZWOLLE_ID = 'org-gemeente-zwolle';

export interface DemoOrganisation {
	id: string;
	code: string;
	name: string;
	kind: OrganisationKind;
	region: Region | null;
}

export const demoOrganisations: readonly DemoOrganisation[] = [
	{ id: ORG_UWV_ID, code: 'uwv', name: 'UWV', kind: 'uwv', region: null },
	{ id: ORG_GEMEENTE_UTRECHT_ID, code: 'gemeente-utrecht', name: 'Gemeente Utrecht', kind: 'gemeente', region: 'utrecht' },
	{ id: ORG_GEMEENTE_ZWOLLE_ID, code: 'gemeente-zwolle', name: 'Gemeente Zwolle', kind: 'gemeente', region: 'overijssel' }
];

/** The provider whose staff member is `provider@demo.regie.nl`: commercial, serves Utrecht and WW. */
export const DEMO_PROVIDER_ID = demoProviderId('loopbaanlicht');
export const DEMO_PROVIDER2_ID = demoProviderId('werkkracht-oost');

export const DEMO_PASSWORD = 'demo-wachtwoord';

export interface DemoAccount {
	email: string;
	role: Role;
	displayName: string;
	organisationId: string | null;
	providerId: string | null;
	benefitType: BenefitType | null;
	region: Region | null;
}

function account(email: string, role: Role, displayName: string, extra: Partial<DemoAccount> = {}): DemoAccount {
	return { email, role, displayName, organisationId: null, providerId: null, benefitType: null, region: null, ...extra };
}

export const demoAccounts: readonly DemoAccount[] = [
	account('client@demo.regie.nl', 'client', 'Sanne de Vries', {
		organisationId: ORG_UWV_ID,
		benefitType: 'WW',
		region: 'utrecht'
	}),
	account('client2@demo.regie.nl', 'client', 'Mohamed El Amrani', {
		organisationId: ORG_GEMEENTE_ZWOLLE_ID,
		benefitType: 'bijstand',
		region: 'overijssel'
	}),
	account('provider@demo.regie.nl', 'provider', 'Pieter Bakker', { providerId: DEMO_PROVIDER_ID }),
	account('provider2@demo.regie.nl', 'provider', 'Esther Mulder', { providerId: DEMO_PROVIDER2_ID }),
	account('reviewer.uwv@demo.regie.nl', 'reviewer', 'Fatima Yilmaz', { organisationId: ORG_UWV_ID }),
	account('reviewer.gemeente@demo.regie.nl', 'reviewer', 'Joost Hendriks', { organisationId: ORG_GEMEENTE_ZWOLLE_ID }),
	account('reviewer.utrecht@demo.regie.nl', 'reviewer', 'Anouk Jansen', { organisationId: ORG_GEMEENTE_UTRECHT_ID }),
	account('researcher@demo.regie.nl', 'researcher', 'Lotte Visser'),
	account('admin@demo.regie.nl', 'admin', 'Bram de Jong')
];

/** Stable id of a demo account, e.g. `user-demo-reviewer-uwv`. */
export function demoUserId(email: string): string {
	return `user-demo-${email.split('@')[0]!.replaceAll('.', '-')}`;
}

async function alreadySeeded(db: Db): Promise<boolean> {
	const uwv = await db.selectFrom('organisations').select('id').where('code', '=', 'uwv').executeTakeFirst();
	return uwv !== undefined;
}

export async function seedDemo(db: Db): Promise<{ created: boolean }> {
	if (await alreadySeeded(db)) return { created: false };
	const now = new Date().toISOString();
	// One hash for every account: argon2 is slow on purpose.
	const passwordHash = await hashPassword(DEMO_PASSWORD);

	try {
		await db.transaction().execute(async (trx) => {
			await trx
				.insertInto('organisations')
				.values(demoOrganisations.map((organisation) => ({ ...organisation, created_at: now })))
				.execute();

			await trx
				.insertInto('providers')
				.values(
					demoProviders.map((provider) => ({
						id: provider.id,
						code: provider.code,
						name: provider.name,
						detailed_type: provider.type,
						active: provider.active ? 1 : 0,
						approach: provider.approach,
						email: provider.email,
						phone: provider.phone,
						website: provider.website,
						start_within_weeks: provider.startWithinWeeks,
						price_min_euros: provider.priceMinEuros,
						price_max_euros: provider.priceMaxEuros,
						created_at: now,
						updated_at: now
					}))
				)
				.execute();

			await trx
				.insertInto('provider_regions')
				.values(demoProviders.flatMap((p) => p.regions.map((region) => ({ provider_id: p.id, region }))))
				.execute();
			await trx
				.insertInto('provider_activities')
				.values(demoProviders.flatMap((p) => p.activities.map((activity) => ({ provider_id: p.id, activity }))))
				.execute();
			await trx
				.insertInto('provider_target_groups')
				.values(demoProviders.flatMap((p) => p.targetGroups.map((target_group) => ({ provider_id: p.id, target_group }))))
				.execute();
			await trx
				.insertInto('provider_contract_forms')
				.values(demoProviders.flatMap((p) => p.contractForms.map((contract_form) => ({ provider_id: p.id, contract_form }))))
				.execute();
			await trx
				.insertInto('provider_benefit_types')
				.values(demoProviders.flatMap((p) => p.benefitTypes.map((benefit_type) => ({ provider_id: p.id, benefit_type }))))
				.execute();

			await trx
				.insertInto('users')
				.values(
					demoAccounts.map((demo) => ({
						id: demoUserId(demo.email),
						email: demo.email,
						display_name: demo.displayName,
						role: demo.role,
						password_hash: passwordHash,
						organisation_id: demo.organisationId,
						provider_id: demo.providerId,
						benefit_type: demo.benefitType,
						region: demo.region,
						created_at: now,
						activated_at: now
					}))
				)
				.execute();

			const trajectories = await seedDemoPlans(
				trx,
				{ uwv: ORG_UWV_ID, zwolle: ORG_GEMEENTE_ZWOLLE_ID, utrecht: ORG_GEMEENTE_UTRECHT_ID },
				passwordHash,
				new Date(now)
			);

			await trx
				.insertInto('audit_log')
				.values({
					id: crypto.randomUUID(),
					occurred_at: now,
					actor_id: null,
					action: 'demo.seeded',
					entity_type: 'system',
					entity_id: null,
					details: JSON.stringify({
						organisations: demoOrganisations.length,
						providers: demoProviders.length,
						users: demoAccounts.length,
						trajectories
					})
				})
				.execute();
		});
	} catch (error) {
		// Another process loaded the same data set in the meantime: that is what we wanted.
		if (await alreadySeeded(db)) return { created: false };
		throw error;
	}
	return { created: true };
}

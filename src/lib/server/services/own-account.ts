import type { Actor } from '$lib/domain/actor';
import { Forbidden } from '$lib/domain/errors';
import type { BenefitType, Region, Role } from '$lib/domain/reference';
import type { Db } from '$lib/server/db';

/** What a signed-in person may see of their own account. */
export interface OwnAccount {
	displayName: string;
	email: string;
	role: Role;
	organisationName: string | null;
	providerName: string | null;
	benefitType: BenefitType | null;
	region: Region | null;
}

export async function getOwnAccount(db: Db, actor: Actor): Promise<OwnAccount> {
	if (actor.kind !== 'user') throw new Forbidden();
	const row = await db
		.selectFrom('users')
		.leftJoin('organisations', 'organisations.id', 'users.organisation_id')
		.leftJoin('providers', 'providers.id', 'users.provider_id')
		.select(['users.display_name', 'users.email', 'users.role', 'users.benefit_type', 'users.region', 'organisations.name as organisation_name', 'providers.name as provider_name'])
		.where('users.id', '=', actor.id)
		.executeTakeFirstOrThrow();
	return {
		displayName: row.display_name,
		email: row.email,
		role: row.role as Role,
		organisationName: row.organisation_name,
		providerName: row.provider_name,
		benefitType: row.benefit_type as BenefitType | null,
		region: row.region as Region | null
	};
}

/**
 * Remember the language a signed-in person chose, so that mails and notifications written while
 * they are away (by someone else's action or the reminder timer) are in that language.
 */
export async function rememberLanguage(db: Db, actor: Actor, language: 'nl' | 'en'): Promise<void> {
	if (actor.kind !== 'user') throw new Forbidden();
	await db.updateTable('users').set({ language }).where('id', '=', actor.id).execute();
}

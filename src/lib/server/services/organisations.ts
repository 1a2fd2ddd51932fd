import type { Actor } from '$lib/domain/actor';
import { Forbidden } from '$lib/domain/errors';
import type { OrganisationKind } from '$lib/domain/reference';
import type { Db } from '$lib/server/db';

export interface OrganisationOption {
	id: string;
	name: string;
	kind: OrganisationKind;
}

/** The paying organisations an actor may attach an account to: all for an admin, their own otherwise. */
export async function organisationsFor(db: Db, actor: Actor): Promise<OrganisationOption[]> {
	if (actor.kind !== 'user') throw new Forbidden();
	let query = db.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('kind', 'desc').orderBy('name');
	if (actor.role !== 'admin') query = query.where('id', '=', actor.organisationId ?? '');
	const rows = await query.execute();
	return rows.map((row) => ({ id: row.id, name: row.name, kind: row.kind as OrganisationKind }));
}

/** Providers to attach a staff account to (admin only). */
export async function providerOptions(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
	if (actor.kind !== 'user' || actor.role !== 'admin') throw new Forbidden();
	return db.selectFrom('providers').select(['id', 'name']).orderBy('name').execute();
}

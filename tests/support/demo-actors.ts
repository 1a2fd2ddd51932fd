import type { UserActor } from '$lib/domain/actor';
import type { Db } from '$lib/server/db';
import { demoUserId, seedDemo } from '$lib/server/demo/seed';
import { loadActor } from '$lib/server/services/sign-in';

/** Load the demo data set and return the actor of a demo account by e-mail, as the hook would. */
export async function seededActors(db: Db) {
	await seedDemo(db);
	return async function actor(email: string): Promise<UserActor> {
		const found = await loadActor(db, demoUserId(email));
		if (!found) throw new Error(`no demo account ${email}`);
		return found;
	};
}

import type { Db } from '$lib/server/db';
import { forgetProviderFigures, providerFigures } from '$lib/server/services/providers';

/** A provider's placement figure as the pages show it, counted now rather than taken from the cache. */
export async function placementNow(db: Db, providerId: string) {
	forgetProviderFigures(db);
	return (await providerFigures(db, 1)).placement(providerId);
}

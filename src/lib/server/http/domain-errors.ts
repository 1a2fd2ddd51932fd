import { error } from '@sveltejs/kit';
import { Forbidden, NotFound } from '$lib/domain/errors';

/**
 * Runs a service call and turns the errors that mean "not for you" into the HTTP answers every
 * route gives: 403 for a forbidden action, 404 for an object that is not there or not yours.
 * `Invalid` and anything else pass through for the route to handle.
 */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (caught) {
		if (caught instanceof Forbidden) error(403, 'Geen toegang');
		if (caught instanceof NotFound) error(404, 'Niet gevonden');
		throw caught;
	}
}

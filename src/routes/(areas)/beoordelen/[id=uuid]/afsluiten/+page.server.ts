import { loadOutcomeForm, recordOutcomeAction } from '$lib/server/http/outcome-form';
import type { Actions, PageServerLoad } from './$types';

/** A reviewer records how an active trajectory of their organisation ended. */

export const load: PageServerLoad = (event) => loadOutcomeForm(event);

export const actions: Actions = { default: (event) => recordOutcomeAction(event) };

import { loadOutcomeForm, recordOutcomeAction } from '$lib/server/http/outcome-form';
import type { Actions, PageServerLoad } from './$types';

/** Provider staff record how an active trajectory of one of their clients ended. */

export const load: PageServerLoad = (event) => loadOutcomeForm(event);

export const actions: Actions = { default: (event) => recordOutcomeAction(event) };

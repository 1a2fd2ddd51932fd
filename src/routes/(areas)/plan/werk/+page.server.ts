import { loadWorkStep, planActions } from '$lib/server/http/plan-pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadWorkStep(event, 'client');
export const actions: Actions = planActions('client');

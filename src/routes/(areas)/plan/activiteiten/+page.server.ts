import { loadActivitiesStep, planActions } from '$lib/server/http/plan-pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadActivitiesStep(event, 'client');
export const actions: Actions = planActions('client');

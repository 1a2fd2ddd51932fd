import { loadActivitiesStep, planActions } from '$lib/server/http/plan-pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadActivitiesStep(event, 'provider');
export const actions: Actions = planActions('provider');

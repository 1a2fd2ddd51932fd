import { loadCheckStep, planActions } from '$lib/server/http/plan-pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadCheckStep(event, 'client');
export const actions: Actions = planActions('client');

import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate, type SuperValidated } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { Conflict, Invalid } from '$lib/domain/errors';
import { moveActivity, type PlanActivity, type PlanContent } from '$lib/domain/plan/content';
import {
	activityFormValues,
	activityFromForm,
	planActivityActionSchema,
	planActivitySchema,
	planningFormValues,
	planningPatch,
	planPlanningSchema,
	planVersionSchema,
	planWorkSchema,
	workFormValues,
	workPatch
} from '$lib/schemas/plan';
import { getClientPlanTrajectoryId, getPlanView, requestExtension, savePlan, signPlan, submitPlan, type PlanConflict } from '$lib/server/services/plans';
import { orHttpError } from './domain-errors';

/**
 * The plan pages of the client (/plan/…) and of provider staff (/aanbieder/clienten/[id]/plan/…)
 * are one implementation: the service decides who may do what, these helpers do the form work.
 * Every action works without JavaScript (303 to the next step); with JavaScript the step forms also
 * save on blur (`autosave=1`: the answer names the new version instead of redirecting).
 */

export type PlanArea = 'client' | 'provider';
export type PlanStep = 'work' | 'activities' | 'planning' | 'check';
export const planSteps: readonly PlanStep[] = ['work', 'activities', 'planning', 'check'];
export const stepSlug: Record<PlanStep, string> = { work: 'werk', activities: 'activiteiten', planning: 'planning', check: 'controleren' };

const workAdapter = zod4(planWorkSchema);
const activityAdapter = zod4(planActivitySchema);
const planningAdapter = zod4(planPlanningSchema);

async function planOf(event: RequestEvent, area: PlanArea): Promise<{ trajectoryId: string; basePath: string }> {
	if (area === 'provider') {
		const id = event.params.id ?? '';
		return { trajectoryId: id, basePath: `/aanbieder/clienten/${id}/plan` };
	}
	const trajectoryId = await orHttpError(() => getClientPlanTrajectoryId(event.locals.db, event.locals.actor));
	// No provider chosen yet: /plan says how to choose one.
	if (!trajectoryId) redirect(303, '/plan');
	return { trajectoryId, basePath: '/plan' };
}

/** The overview (/plan, /aanbieder/clienten/[id]/plan): status, deadline, remarks, where to go on. */
export async function loadPlanOverview(event: RequestEvent, area: PlanArea) {
	const { trajectoryId, basePath } = await planOf(event, area);
	const view = await orHttpError(() => getPlanView(event.locals.db, event.locals.actor, trajectoryId));
	return { view, basePath, notice: noticeOf(event.url) };
}

function noticeOf(url: URL): 'signed' | 'submitted' | 'extended' | null {
	if (url.searchParams.has('ondertekend')) return 'signed';
	if (url.searchParams.has('ingediend')) return 'submitted';
	if (url.searchParams.has('uitstel')) return 'extended';
	return null;
}

async function stepBase(event: RequestEvent, area: PlanArea, step: PlanStep) {
	const { trajectoryId, basePath } = await planOf(event, area);
	const view = await orHttpError(() => getPlanView(event.locals.db, event.locals.actor, trajectoryId));
	// A submitted plan is read-only for everyone: its steps show the check page without change links.
	if (step !== 'check' && !view.may.edit) redirect(303, `${basePath}/${stepSlug.check}`);
	return { view, basePath, step, notice: noticeOf(event.url) };
}

export async function loadWorkStep(event: RequestEvent, area: PlanArea) {
	const common = await stepBase(event, area, 'work');
	return { ...common, form: await superValidate(workFormValues(common.view.content, common.view.version), workAdapter, { errors: false }) };
}

export async function loadActivitiesStep(event: RequestEvent, area: PlanArea) {
	const common = await stepBase(event, area, 'activities');
	const editing = common.view.content.activities.find((activity) => activity.id === event.url.searchParams.get('activiteit')) ?? null;
	return { ...common, editingId: editing?.id ?? null, form: await superValidate(activityFormValues(editing, common.view.version), activityAdapter, { errors: false }) };
}

export async function loadPlanningStep(event: RequestEvent, area: PlanArea) {
	const common = await stepBase(event, area, 'planning');
	return { ...common, form: await superValidate(planningFormValues(common.view.content, common.view.version), planningAdapter, { errors: false }) };
}

export async function loadCheckStep(event: RequestEvent, area: PlanArea) {
	return stepBase(event, area, 'check');
}

/** What a refused write answers: who changed the plan in between, when, and what. */
function conflictData(caught: Conflict<PlanConflict>) {
	return caught.details;
}

/** Runs a write; a conflict or a refused step becomes a 409 / 400 answer that keeps the form. */
async function write<T>(work: () => Promise<T>, onConflict: (conflict: PlanConflict) => ReturnType<typeof fail>, extra: Record<string, unknown> = {}) {
	try {
		return { ok: true as const, value: await orHttpError(work) };
	} catch (caught) {
		if (caught instanceof Conflict) return { ok: false as const, answer: onConflict(conflictData(caught as Conflict<PlanConflict>)) };
		if (caught instanceof Invalid) return { ok: false as const, answer: fail(400, { ...extra, planError: Object.values(caught.fields)[0] ?? 'plan_error_not_editable' }) };
		throw caught;
	}
}

export function planActions(area: PlanArea) {
	return {
		saveWork: (event: RequestEvent) => saveStep(event, area, workAdapter, workPatch, stepSlug.activities),

		saveActivity: async (event: RequestEvent) => {
			const { trajectoryId, basePath } = await planOf(event, area);
			const form = await superValidate(event.request, activityAdapter);
			if (!form.valid) return fail(400, { form });
			const view = await orHttpError(() => getPlanView(event.locals.db, event.locals.actor, trajectoryId));
			const list = view.content.activities;
			const existing = list.findIndex((activity) => activity.id === form.data.activityId);
			const activities =
				existing >= 0 ? list.map((activity, index) => (index === existing ? activityFromForm(form.data, activity.id) : activity)) : [...list, activityFromForm(form.data, crypto.randomUUID())];
			const result = await write(
				() => savePlan(event.locals.db, event.locals.actor, trajectoryId, form.data.baseVersion, { activities }),
				(conflict) => {
					form.data.baseVersion = conflict.currentVersion;
					return fail(409, { form, conflict });
				},
				{ form }
			);
			if (!result.ok) return result.answer;
			redirect(303, `${basePath}/${stepSlug.activities}#activiteiten`);
		},

		removeActivity: async (event: RequestEvent) => changeActivities(event, area, (list, id) => list.filter((activity) => activity.id !== id)),
		moveActivity: async (event: RequestEvent) => changeActivities(event, area, (list, id, direction) => moveActivity(list, id, direction ?? 'up')),

		savePlanning: (event: RequestEvent) => saveStep(event, area, planningAdapter, planningPatch, stepSlug.check),

		sign: async (event: RequestEvent) => {
			const { trajectoryId, basePath } = await planOf(event, area);
			const parsed = planVersionSchema.safeParse(Object.fromEntries(await event.request.formData()));
			if (!parsed.success) return fail(400, { planError: 'plan_error_not_editable' });
			const result = await write(
				() => signPlan(event.locals.db, event.locals.actor, trajectoryId, parsed.data.version),
				(conflict) => fail(409, { conflict })
			);
			if (!result.ok) return result.answer;
			redirect(303, `${basePath}/${stepSlug.check}?ondertekend`);
		},

		submit: async (event: RequestEvent) => {
			const { trajectoryId, basePath } = await planOf(event, area);
			const parsed = planVersionSchema.safeParse(Object.fromEntries(await event.request.formData()));
			if (!parsed.success) return fail(400, { planError: 'plan_error_not_signed' });
			const result = await write(
				() => submitPlan(event.locals.db, event.locals.actor, trajectoryId, parsed.data.version),
				(conflict) => fail(409, { conflict })
			);
			if (!result.ok) return result.answer;
			redirect(303, `${basePath}/${stepSlug.check}?ingediend`);
		},

		extension: async (event: RequestEvent) => {
			const { trajectoryId } = await planOf(event, area);
			const result = await write(
				() => requestExtension(event.locals.db, event.locals.actor, trajectoryId),
				(conflict) => fail(409, { conflict })
			);
			if (!result.ok) return result.answer;
			redirect(303, `${event.url.pathname}?uitstel`);
		}
	};
}

/**
 * Saves a step form (work, planning): on to the next step, or, for a save on blur, the new version.
 * A conflict keeps what they typed; saving again is a deliberate choice after seeing the changes.
 */
async function saveStep<T extends { baseVersion: number }>(
	event: RequestEvent,
	area: PlanArea,
	adapter: ReturnType<typeof zod4<any>>,
	patchOf: (data: T) => Partial<PlanContent>,
	next: string
) {
	const { trajectoryId, basePath } = await planOf(event, area);
	const formData = await event.request.formData();
	const autosave = formData.get('autosave') === '1';
	const form = (await superValidate(formData, adapter)) as SuperValidated<T>;
	if (!form.valid) return fail(400, { form });
	const result = await write(
		() => savePlan(event.locals.db, event.locals.actor, trajectoryId, form.data.baseVersion, patchOf(form.data)),
		(conflict) => {
			form.data.baseVersion = conflict.currentVersion;
			return fail(409, { form, conflict });
		},
		{ form }
	);
	if (!result.ok) return result.answer;
	form.data.baseVersion = result.value.version;
	if (autosave) return { form, saved: { version: result.value.version, at: result.value.savedAt } };
	redirect(303, `${basePath}/${next}`);
}

async function changeActivities(
	event: RequestEvent,
	area: PlanArea,
	change: (list: PlanActivity[], id: string, direction?: 'up' | 'down') => PlanActivity[]
) {
	const { trajectoryId, basePath } = await planOf(event, area);
	const parsed = planActivityActionSchema.safeParse(Object.fromEntries(await event.request.formData()));
	if (!parsed.success) return fail(400, { planError: 'plan_error_activity_type' });
	const view = await orHttpError(() => getPlanView(event.locals.db, event.locals.actor, trajectoryId));
	const activities = change(view.content.activities, parsed.data.activityId, parsed.data.direction);
	const result = await write(
		() => savePlan(event.locals.db, event.locals.actor, trajectoryId, parsed.data.baseVersion, { activities }),
		(conflict) => fail(409, { conflict })
	);
	if (!result.ok) return result.answer;
	// The id is what the form sent: encoded, or a Location header with characters beyond Latin-1 makes redirect() throw.
	redirect(303, `${basePath}/${stepSlug.activities}#activiteit-${encodeURIComponent(parsed.data.activityId)}`);
}

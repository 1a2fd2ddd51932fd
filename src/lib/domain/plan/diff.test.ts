import { describe, expect, it } from 'vitest';
import { emptyPlan, type PlanActivity, type PlanContent } from './content';
import { diffPlans } from './diff';

const act = (id: string, description = id): PlanActivity => ({ id, type: 'job_mediation', description, startWeek: 1, durationWeeks: 2, costCents: 100 });
const plan = (overrides: Partial<PlanContent> = {}): PlanContent => ({ ...emptyPlan(), ...overrides });

describe('diffPlans', () => {
	it('finds nothing between equal plans', () => {
		expect(diffPlans(plan({ activities: [act('a')] }), plan({ activities: [act('a')] }))).toEqual([]);
	});
	it('ignores the order of keys inside stored objects', () => {
		const before = plan({ activities: [act('a')], placement: { minContractMonths: 6, minWeeksOfWork: 26 } });
		const reordered = { description: 'a', id: 'a', costCents: 100, durationWeeks: 2, startWeek: 1, type: 'job_mediation' } as PlanActivity;
		const after = plan({ activities: [reordered], placement: { minWeeksOfWork: 26, minContractMonths: 6 } });
		expect(diffPlans(before, after)).toEqual([]);
	});
	it('names each changed field with before and after', () => {
		expect(diffPlans(plan(), plan({ targetOccupation: 'Kok', hoursPerWeek: 32 }))).toEqual([
			{ kind: 'field', field: 'targetOccupation', before: '', after: 'Kok' },
			{ kind: 'field', field: 'hoursPerWeek', before: null, after: 32 }
		]);
	});
	it('follows activities by id: added, removed, changed, reordered', () => {
		const before = plan({ activities: [act('a'), act('b'), act('c')] });
		const after = plan({ activities: [act('c'), act('b', 'anders'), act('d')] });
		expect(diffPlans(before, after)).toEqual([
			{ kind: 'activity_changed', before: act('b'), after: act('b', 'anders') },
			{ kind: 'activity_added', activity: act('d') },
			{ kind: 'activity_removed', activity: act('a') },
			{ kind: 'activities_reordered' }
		]);
	});
	it('does not call a removal a reorder', () => {
		expect(diffPlans(plan({ activities: [act('a'), act('b')] }), plan({ activities: [act('b')] }))).toEqual([{ kind: 'activity_removed', activity: act('a') }]);
	});
});

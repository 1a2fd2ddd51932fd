import { describe, expect, it } from 'vitest';
import { activityWeeks, addMonths, defaultPlacement, emptyPlan, moveActivity, parseDay, planFromJson, plannedMonths, totalCostCents, type PlanActivity } from './content';

const act = (id: string, startWeek: number, durationWeeks: number, costCents: number): PlanActivity => ({
	id,
	type: 'job_mediation',
	description: id,
	startWeek,
	durationWeeks,
	costCents
});

describe('plan content', () => {
	it('starts empty with the default placement definition', () => {
		expect(emptyPlan()).toMatchObject({ targetOccupation: '', activities: [], plannedStart: null, placement: defaultPlacement });
		// a copy, so a change to one plan never changes the default
		const plan = emptyPlan();
		plan.placement.minContractMonths = 12;
		expect(defaultPlacement.minContractMonths).toBe(6);
	});

	it('reads stored JSON and fills in what older drafts lack', () => {
		expect(planFromJson('{}')).toEqual(emptyPlan());
		expect(planFromJson('not json')).toEqual(emptyPlan());
		expect(planFromJson('null')).toEqual(emptyPlan());
		const plan = planFromJson('{"targetOccupation":"Kok","activities":"oops","placement":{"minContractMonths":12}}');
		expect(plan.targetOccupation).toBe('Kok');
		expect(plan.activities).toEqual([]);
		expect(plan.placement).toEqual({ minContractMonths: 12, minWeeksOfWork: 26 });
	});

	it('sums cost in cents and finds the last week', () => {
		const plan = { ...emptyPlan(), activities: [act('a', 1, 4, 100_050), act('b', 3, 10, 25)] };
		expect(totalCostCents(plan)).toBe(100_075);
		expect(activityWeeks(plan)).toBe(12);
		expect(activityWeeks(emptyPlan())).toBe(0);
	});

	it('counts planned months rounded up', () => {
		const months = (plannedStart: string | null, plannedEnd: string | null) => plannedMonths({ ...emptyPlan(), plannedStart, plannedEnd });
		expect(months('2027-01-01', '2027-07-01')).toBe(6);
		expect(months('2027-01-01', '2027-07-02')).toBe(7);
		expect(months('2027-01-01', '2027-01-01')).toBe(0);
		expect(months('2027-01-02', '2027-01-01')).toBeNull();
		expect(months(null, '2027-01-01')).toBeNull();
		expect(months('2027-13-01', '2028-01-01')).toBeNull();
	});

	it('parses only real calendar days', () => {
		expect(parseDay('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
		expect(parseDay('2027-02-29')).toBeNull();
		expect(parseDay('2027-1-01')).toBeNull();
		expect(parseDay('')).toBeNull();
	});

	it('adds months, clamping to the end of a shorter month', () => {
		expect(addMonths(new Date('2027-01-31T00:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2027-02-28');
		expect(addMonths(new Date('2027-11-15T00:00:00Z'), 3).toISOString().slice(0, 10)).toBe('2028-02-15');
		expect(addMonths(new Date('2028-02-29T00:00:00Z'), 12).toISOString().slice(0, 10)).toBe('2029-02-28');
	});

	it('moves an activity up and down, and leaves the list alone at the ends', () => {
		const list = [act('a', 1, 1, 0), act('b', 1, 1, 0), act('c', 1, 1, 0)];
		expect(moveActivity(list, 'b', 'up').map((a) => a.id)).toEqual(['b', 'a', 'c']);
		expect(moveActivity(list, 'b', 'down').map((a) => a.id)).toEqual(['a', 'c', 'b']);
		expect(moveActivity(list, 'a', 'up')).toBe(list);
		expect(moveActivity(list, 'c', 'down')).toBe(list);
		expect(moveActivity(list, 'x', 'up')).toBe(list);
		expect(list.map((a) => a.id)).toEqual(['a', 'b', 'c']);
	});
});

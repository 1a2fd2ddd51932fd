import { describe, expect, it } from 'vitest';
import { emptyPlan, type PlanActivity, type PlanContent } from './content';
import { checkPlan, defaultRules, type RuleCheck, type RuleCode } from './rules';

let nextId = 0;
function activity(type: PlanActivity['type'], costCents: number): PlanActivity {
	nextId += 1;
	return { id: `a${nextId}`, type, description: type, startWeek: 1, durationWeeks: 4, costCents };
}

function plan(overrides: Partial<PlanContent> = {}): PlanContent {
	return {
		...emptyPlan(),
		targetOccupation: 'Kok',
		plannedStart: '2027-01-01',
		plannedEnd: '2027-12-31',
		activities: [activity('job_mediation', 100_000)],
		...overrides
	};
}

function check(content: PlanContent, rule: RuleCode, rules = defaultRules): RuleCheck {
	return checkPlan(content, rules).find((item) => item.rule === rule)!;
}

describe('checkPlan', () => {
	it('gives one check per rule, in a fixed order', () => {
		expect(checkPlan(plan(), defaultRules).map((item) => item.rule)).toEqual(['budget', 'duration', 'work_directed', 'training_share', 'target_occupation']);
		expect(checkPlan(plan(), defaultRules).every((item) => item.outcome === 'pass')).toBe(true);
	});

	describe('budget cap', () => {
		it('passes exactly at the cap', () => {
			expect(check(plan({ activities: [activity('job_mediation', 300_000), activity('diagnosis', 200_000)] }), 'budget')).toEqual({
				rule: 'budget',
				outcome: 'pass',
				value: 500_000,
				limit: 500_000
			});
		});
		it('flags one cent over the cap', () => {
			expect(check(plan({ activities: [activity('job_mediation', 300_000), activity('diagnosis', 200_001)] }), 'budget')).toMatchObject({ outcome: 'flag', value: 500_001 });
		});
		it('uses the organisation’s own cap', () => {
			const rules = { ...defaultRules, budgetCapCents: 350_000 };
			expect(check(plan({ activities: [activity('job_mediation', 350_000)] }), 'budget', rules)).toMatchObject({ outcome: 'pass', limit: 350_000 });
			expect(check(plan({ activities: [activity('job_mediation', 350_001)] }), 'budget', rules).outcome).toBe('flag');
		});
		it('passes a plan without activities (nothing spent)', () => {
			expect(check(plan({ activities: [] }), 'budget')).toMatchObject({ outcome: 'pass', value: 0 });
		});
	});

	describe('maximum duration', () => {
		it('passes exactly 24 months', () => {
			expect(check(plan({ plannedStart: '2027-01-15', plannedEnd: '2029-01-15' }), 'duration')).toEqual({ rule: 'duration', outcome: 'pass', value: 24, limit: 24 });
		});
		it('flags 24 months and one day', () => {
			expect(check(plan({ plannedStart: '2027-01-15', plannedEnd: '2029-01-16' }), 'duration')).toMatchObject({ outcome: 'flag', value: 25 });
		});
		it('handles a start on the 31st: the end of the shorter month is exactly the limit', () => {
			const rules = { ...defaultRules, maxDurationMonths: 1 };
			expect(check(plan({ plannedStart: '2027-01-31', plannedEnd: '2027-02-28' }), 'duration', rules).outcome).toBe('pass');
			expect(check(plan({ plannedStart: '2027-01-31', plannedEnd: '2027-03-01' }), 'duration', rules).outcome).toBe('flag');
		});
		it('flags a plan without dates, or ending before it starts, with no value', () => {
			expect(check(plan({ plannedStart: null }), 'duration')).toMatchObject({ outcome: 'flag', value: null });
			expect(check(plan({ plannedEnd: null }), 'duration')).toMatchObject({ outcome: 'flag', value: null });
			expect(check(plan({ plannedStart: '2027-05-01', plannedEnd: '2027-04-30' }), 'duration')).toMatchObject({ outcome: 'flag', value: null });
			expect(check(plan({ plannedStart: '2027-02-30', plannedEnd: '2027-04-30' }), 'duration')).toMatchObject({ outcome: 'flag', value: null });
		});
		it('passes a one-day plan', () => {
			expect(check(plan({ plannedStart: '2027-05-01', plannedEnd: '2027-05-01' }), 'duration')).toMatchObject({ outcome: 'pass', value: 0 });
		});
	});

	describe('work-directed activity', () => {
		it('flags a plan without activities', () => {
			expect(check(plan({ activities: [] }), 'work_directed')).toEqual({ rule: 'work_directed', outcome: 'flag', value: 0, limit: 1 });
		});
		it('flags a plan with only activities that are not aimed at work', () => {
			expect(check(plan({ activities: [activity('diagnosis', 1), activity('schooling', 1), activity('aftercare', 1)] }), 'work_directed').outcome).toBe('flag');
		});
		it.each(['job_application_training', 'vacancy_collection', 'job_mediation', 'work_placement', 'work_first', 'subsidised_work'] as const)(
			'passes with one %s',
			(type) => {
				expect(check(plan({ activities: [activity('diagnosis', 1), activity(type, 1)] }), 'work_directed')).toMatchObject({ outcome: 'pass', value: 1 });
			}
		);
	});

	describe('training share', () => {
		it('passes exactly at 50 %', () => {
			expect(check(plan({ activities: [activity('schooling', 250_000), activity('job_mediation', 250_000)] }), 'training_share')).toEqual({
				rule: 'training_share',
				outcome: 'pass',
				value: 50,
				limit: 50
			});
		});
		it('flags one cent above 50 %, even when the rounded share still reads 50', () => {
			expect(check(plan({ activities: [activity('schooling', 250_001), activity('job_mediation', 250_000)] }), 'training_share')).toMatchObject({
				outcome: 'flag',
				value: 50
			});
		});
		it('counts dual learning as training and rounds the shown share half up', () => {
			// 1 of 8 = 12.5 % → 13
			expect(check(plan({ activities: [activity('dual_learning', 100), activity('job_mediation', 700)] }), 'training_share')).toMatchObject({ outcome: 'pass', value: 13 });
		});
		it('flags a plan of only training', () => {
			expect(check(plan({ activities: [activity('schooling', 100_000)] }), 'training_share')).toMatchObject({ outcome: 'flag', value: 100 });
		});
		it('passes a plan without cost (no activities)', () => {
			expect(check(plan({ activities: [] }), 'training_share')).toMatchObject({ outcome: 'pass', value: 0 });
		});
		it('uses the organisation’s threshold', () => {
			const rules = { ...defaultRules, trainingShareFlagPercent: 30 };
			expect(check(plan({ activities: [activity('schooling', 30), activity('job_mediation', 70)] }), 'training_share', rules).outcome).toBe('pass');
			expect(check(plan({ activities: [activity('schooling', 31), activity('job_mediation', 69)] }), 'training_share', rules).outcome).toBe('flag');
		});
	});

	describe('target occupation', () => {
		it('passes when filled in', () => {
			expect(check(plan({ targetOccupation: 'Kok' }), 'target_occupation')).toEqual({ rule: 'target_occupation', outcome: 'pass', value: 1, limit: 1 });
		});
		it('flags an empty or blank occupation', () => {
			expect(check(plan({ targetOccupation: '' }), 'target_occupation').outcome).toBe('flag');
			expect(check(plan({ targetOccupation: '   ' }), 'target_occupation')).toMatchObject({ outcome: 'flag', value: 0 });
		});
	});
});

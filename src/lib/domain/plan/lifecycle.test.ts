import { describe, expect, it } from 'vitest';
import { trajectoryStatuses, type TrajectoryStatus } from '../trajectory';
import { deadlineApplies, decisionNeedsReason, isEditable, mayDecide, mayProviderSign, mayRecordOutcome, maySubmit, statusAfterDecision, statusAfterEdit } from './lifecycle';

const where = (predicate: (status: TrajectoryStatus) => boolean) => trajectoryStatuses.filter(predicate);

describe('plan lifecycle', () => {
	it('is editable by client and provider only before submission', () => {
		expect(where(isEditable)).toEqual(['draft', 'provider_signed', 'changes_requested']);
	});
	it('an edit clears the signature and keeps the reviewer’s remarks', () => {
		expect(statusAfterEdit('provider_signed')).toBe('draft');
		expect(statusAfterEdit('draft')).toBe('draft');
		expect(statusAfterEdit('changes_requested')).toBe('changes_requested');
	});
	it('the provider signs a draft or an amended plan, not a signed or submitted one', () => {
		expect(where(mayProviderSign)).toEqual(['draft', 'changes_requested']);
	});
	it('the client submits only a signed plan', () => {
		expect(where(maySubmit)).toEqual(['provider_signed']);
	});
	it('the reviewer decides only on a submitted plan, with a reason unless approving', () => {
		expect(where(mayDecide)).toEqual(['submitted']);
		expect(statusAfterDecision('approved')).toBe('active');
		expect(statusAfterDecision('rejected')).toBe('rejected');
		expect(statusAfterDecision('changes_requested')).toBe('changes_requested');
		expect(decisionNeedsReason('approved')).toBe(false);
		expect(decisionNeedsReason('rejected')).toBe(true);
		expect(decisionNeedsReason('changes_requested')).toBe(true);
	});
	it('an outcome is recorded only for an active trajectory', () => {
		expect(where(mayRecordOutcome)).toEqual(['active']);
	});
	it('the submission deadline applies until the first submission', () => {
		expect(where((status) => deadlineApplies(status, false))).toEqual(['draft', 'provider_signed']);
		expect(where((status) => deadlineApplies(status, true))).toEqual([]);
	});
});

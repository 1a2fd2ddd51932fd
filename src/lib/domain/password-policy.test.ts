import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
	it('needs at least 12 characters', () => {
		expect(passwordProblem('kort-wachtw')).toBe('too_short'); // 11
		expect(passwordProblem('paard-fiets-7')).toBeNull(); // 13
		expect(passwordProblem('paard-fiets7')).toBeNull(); // exactly 12
	});

	it('refuses common passwords whatever their case', () => {
		expect(passwordProblem('Wachtwoord123')).toBe('too_common');
		expect(passwordProblem('PASSWORD1234')).toBe('too_common');
		expect(passwordProblem('demo-wachtwoord')).toBe('too_common');
	});

	it('refuses repeated characters and simple runs', () => {
		expect(passwordProblem('aaaaaaaaaaaaaa')).toBe('too_common');
		expect(passwordProblem('abababababab')).toBe('too_common');
		expect(passwordProblem('1234567890123')).toBe('too_common');
		expect(passwordProblem('bcdefghijklmn')).toBe('too_common');
	});

	it('refuses absurdly long input', () => {
		expect(passwordProblem('x'.repeat(201) + 'y')).toBe('too_long');
	});
});

/**
 * The rule for a new password: at least 12 characters, at most 200 (argon2 input stays small), and
 * not one of the passwords that attackers try first. The list is short on purpose: long passwords
 * are the real protection; this catches the obvious ones, in Dutch and English.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const COMMON_PASSWORDS = new Set([
	'123456789012',
	'1234567890123',
	'12345678901234',
	'123456789abc',
	'000000000000',
	'111111111111',
	'123123123123',
	'abcdefghijkl',
	'abc123abc123',
	'qwertyuiopas',
	'qwertyuiop12',
	'qwerty123456',
	'1q2w3e4r5t6y',
	'1qaz2wsx3edc',
	'password1234',
	'password123!',
	'passwordpassword',
	'letmein12345',
	'iloveyou1234',
	'welcome12345',
	'administrator',
	'wachtwoord12',
	'wachtwoord123',
	'wachtwoord1234',
	'wachtwoord!!',
	'welkom123456',
	'welkom12345!',
	'welkomwelkom',
	'geheim123456',
	'hallo1234567',
	'nederland123',
	'nederland1234',
	'amsterdam123',
	'rotterdam123',
	'voetbal12345',
	'ajax12345678',
	'feyenoord123',
	'zomer2026!!!',
	'winter2026!!',
	'demo-wachtwoord',
	'regie-wachtwoord',
	'uitkering123',
	'werkzoekende1'
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

export function passwordProblem(password: string): PasswordProblem | null {
	if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
	if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
	const normalised = password.trim().toLowerCase();
	if (COMMON_PASSWORDS.has(normalised)) return 'too_common';
	// One character repeated, or a run like "abcdefghijklm" / "1234567890123", is as weak as a listed one.
	if (new Set(normalised).size <= 2) return 'too_common';
	if (isSequence(normalised)) return 'too_common';
	return null;
}

function isSequence(text: string): boolean {
	for (let i = 1; i < text.length; i++) {
		const step = text.charCodeAt(i) - text.charCodeAt(i - 1);
		if (step !== 1 && step !== -9 /* 9 -> 0 */) return false;
	}
	return true;
}

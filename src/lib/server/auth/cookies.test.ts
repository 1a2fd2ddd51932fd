import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { clearSessionCookie, secureFor, setSessionCookie } from './cookies';
import { SESSION_COOKIE } from './sessions';

/** A Cookies stand-in that remembers what was set. */
function recordingCookies() {
	const set: { name: string; value: string; options: Record<string, unknown> }[] = [];
	const cookies = { set: (name: string, value: string, options: Record<string, unknown>) => set.push({ name, value, options }) } as unknown as Cookies;
	return { cookies, set };
}

describe('session cookie', () => {
	it('is Secure everywhere but on plain-http localhost', () => {
		expect(secureFor(new URL('http://localhost:5173/'))).toBe(false);
		expect(secureFor(new URL('http://127.0.0.1:3000/'))).toBe(false);
		expect(secureFor(new URL('http://[::1]:3000/'))).toBe(false);
		expect(secureFor(new URL('https://localhost/'))).toBe(true);
		expect(secureFor(new URL('https://regie.example/'))).toBe(true);
		// Plain http anywhere but localhost is a misconfiguration; the cookie still demands https.
		expect(secureFor(new URL('http://regie.example/'))).toBe(true);
	});

	it('is HttpOnly, SameSite=Lax and for the whole site, also when it is cleared', () => {
		const { cookies, set } = recordingCookies();
		const expires = new Date('2027-01-01T00:00:00Z');
		setSessionCookie(cookies, new URL('https://regie.example/login'), 'id.secret', expires);
		clearSessionCookie(cookies, new URL('https://regie.example/logout'));
		expect(set).toEqual([
			{ name: SESSION_COOKIE, value: 'id.secret', options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/', expires } },
			{ name: SESSION_COOKIE, value: '', options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: 0 } }
		]);
	});
});

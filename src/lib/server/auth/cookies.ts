import type { Cookies } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import { sessionPolicy } from '$lib/server/app';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions';

/** The session cookie: HttpOnly, SameSite=Lax, Secure everywhere but plain-http localhost. */

/** Cookies are Secure everywhere but on plain-http localhost (development and tests). */
export function secureFor(url: URL): boolean {
	const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
	return url.protocol === 'https:' || !local;
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureFor(url), path: '/', expires: expiresAt });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secureFor(url), path: '/', maxAge: 0 });
}

/** Start a new session (always a new id: no session fixation) and hand its cookie to the browser. */
export async function startSession(db: Db, cookies: Cookies, url: URL, userId: string): Promise<void> {
	const { token, session } = await createSession(db, userId, sessionPolicy());
	setSessionCookie(cookies, url, token, session.expiresAt);
}

export async function endSession(db: Db, cookies: Cookies, url: URL, sessionId: string | null): Promise<void> {
	if (sessionId) await deleteSession(db, sessionId);
	clearSessionCookie(cookies, url);
}

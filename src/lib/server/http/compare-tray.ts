import type { Cookies } from '@sveltejs/kit';
import { parseTray, serializeTray } from '$lib/domain/compare-tray';
import { secureFor } from '$lib/server/auth/cookies';

const COOKIE = 'regie_compare';

export function readTray(cookies: Cookies): string[] {
	return parseTray(cookies.get(COOKIE));
}

export function writeTray(cookies: Cookies, url: URL, codes: string[]): void {
	cookies.set(COOKIE, serializeTray(codes), { path: '/', httpOnly: true, sameSite: 'lax', secure: secureFor(url), maxAge: 60 * 60 * 24 * 30 });
}

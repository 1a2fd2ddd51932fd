/**
 * The providers a client put aside to compare: 2 to 4 provider codes, kept in a cookie so that
 * the tray survives navigation and works without JavaScript.
 */

export const COMPARE_MAX = 4;
export const COMPARE_MIN = 2;
const CODE = /^[a-z0-9-]{1,60}$/;

export function parseTray(value: string | undefined): string[] {
	if (!value) return [];
	return [...new Set(value.split(',').filter((code) => CODE.test(code)))].slice(0, COMPARE_MAX);
}

export function serializeTray(codes: string[]): string {
	return codes.join(',');
}

export type TrayChange = { codes: string[]; full: boolean };

export function addToTray(codes: string[], code: string): TrayChange {
	if (!CODE.test(code) || codes.includes(code)) return { codes, full: false };
	if (codes.length >= COMPARE_MAX) return { codes, full: true };
	return { codes: [...codes, code], full: false };
}

export function removeFromTray(codes: string[], code: string): string[] {
	return codes.filter((existing) => existing !== code);
}

import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { getRandomValues } from 'node:crypto';

/**
 * Tokens of the form `<id>.<secret>` (the lucia-auth.com session guide), used for sessions,
 * account and survey invitation links, the survey portal link and API tokens. The id finds the row;
 * only a SHA-256 hash of the secret is stored and it is compared in constant time, so a leaked
 * database holds no usable token and timing reveals nothing.
 */

// Lower-case letters and digits without look-alikes (l, o, 0, 1): 32 symbols, 5 bits each.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Symbols in a new id or secret: 26 × 5 = 130 bits, at least the 128 bits an unguessable token needs. */
export const TOKEN_PART_LENGTH = 26;

/**
 * Lengths parseToken accepts for each part: new tokens, and the 24-symbol (120-bit) ones made
 * before the length went up, so that invitation links already mailed and sessions and API tokens
 * already handed out keep working. Accepting the old length does not weaken new tokens: a secret
 * is checked against the stored hash of its own secret, which a string of another length never matches.
 */
const ACCEPTED_PART_LENGTHS = [TOKEN_PART_LENGTH, 24] as const;

const PART = new RegExp(`^[${ALPHABET}]+$`);

/** `length` symbols of 5 random bits each (a byte's top 5 bits: 256 is a multiple of 32, so no bias). */
export function randomString(length = TOKEN_PART_LENGTH): string {
	const bytes = new Uint8Array(length);
	getRandomValues(bytes);
	let out = '';
	for (const byte of bytes) out += ALPHABET[byte >> 3];
	return out;
}

export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export interface SecretToken {
	id: string;
	secret: string;
	/** What the user gets: `<id>.<secret>` */
	token: string;
	/** What the database keeps. */
	secretHash: string;
}

export function newSecretToken(): SecretToken {
	const id = randomString();
	const secret = randomString();
	return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

function validPart(part: string): boolean {
	return (ACCEPTED_PART_LENGTHS as readonly number[]).includes(part.length) && PART.test(part);
}

/**
 * The id and secret of a token, or null when it cannot be one. Each part is checked on its own: a
 * survey portal link joins an invitation's id (old or new) to a freshly made secret.
 */
export function parseToken(token: string | undefined | null): { id: string; secret: string } | null {
	if (!token) return null;
	const parts = token.split('.');
	if (parts.length !== 2) return null;
	const [id, secret] = parts as [string, string];
	if (!validPart(id) || !validPart(secret)) return null;
	return { id, secret };
}

/** Whether a secret belongs to a stored hash, compared in constant time (equal-length hex digests). */
export function secretMatches(secret: string, storedHash: string): boolean {
	const given = new TextEncoder().encode(hashSecret(secret));
	const stored = new TextEncoder().encode(storedHash);
	return given.length === stored.length && constantTimeEqual(given, stored);
}

import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { getRandomValues } from 'node:crypto';

/**
 * Tokens of the form `<id>.<secret>` (the lucia-auth.com session guide), used for sessions and
 * invitation links. The id finds the row; only a SHA-256 hash of the secret is stored and it is
 * compared in constant time, so a leaked database holds no usable token and timing reveals nothing.
 */

// Lower-case letters and digits without look-alikes (l, o, 0, 1): 32 symbols, 5 bits each.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 24 symbols of 5 bits: 120 bits of randomness. */
export function randomString(length = 24): string {
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

export function parseToken(token: string | undefined | null): { id: string; secret: string } | null {
	if (!token) return null;
	const parts = token.split('.');
	if (parts.length !== 2) return null;
	const [id, secret] = parts as [string, string];
	const valid = /^[a-z2-9]{24}$/;
	if (!valid.test(id) || !valid.test(secret)) return null;
	return { id, secret };
}

export function secretMatches(secret: string, storedHash: string): boolean {
	const given = new TextEncoder().encode(hashSecret(secret));
	const stored = new TextEncoder().encode(storedHash);
	return given.length === stored.length && constantTimeEqual(given, stored);
}

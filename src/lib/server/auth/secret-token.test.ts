import { describe, expect, it, vi } from 'vitest';
import * as subtle from '@oslojs/crypto/subtle';
import { hashSecret, newSecretToken, parseToken, randomString, secretMatches, TOKEN_PART_LENGTH } from './secret-token';

// The comparison must go through the constant-time routine; timing itself cannot be measured reliably in a test.
vi.mock('@oslojs/crypto/subtle', async (original) => {
	const actual = await original<typeof import('@oslojs/crypto/subtle')>();
	return { ...actual, constantTimeEqual: vi.fn(actual.constantTimeEqual) };
});

const SYMBOLS = /^[a-km-np-z2-9]+$/;

describe('secret tokens', () => {
	it('have at least 128 random bits in the id and in the secret', () => {
		// 32 symbols carry 5 bits each.
		expect(TOKEN_PART_LENGTH * Math.log2(32)).toBeGreaterThanOrEqual(128);
		const token = newSecretToken();
		for (const part of [token.id, token.secret]) {
			expect(part).toHaveLength(TOKEN_PART_LENGTH);
			expect(part).toMatch(SYMBOLS);
		}
		expect(token.token).toBe(`${token.id}.${token.secret}`);
	});

	it('never repeat and use every symbol of the alphabet about equally', () => {
		const parts = Array.from({ length: 2000 }, () => randomString());
		expect(new Set(parts).size).toBe(parts.length);
		const counts = new Map<string, number>();
		for (const symbol of parts.join('')) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
		expect(counts.size).toBe(32);
		// 52 000 symbols: 1625 expected per symbol; a biased generator would be far outside ±20 %.
		for (const count of counts.values()) expect(Math.abs(count - 1625)).toBeLessThan(325);
	});

	it('round-trip through parse, and the stored hash matches only the real secret', () => {
		const token = newSecretToken();
		const parsed = parseToken(token.token);
		expect(parsed).toEqual({ id: token.id, secret: token.secret });
		expect(token.secretHash).not.toContain(token.secret);
		expect(secretMatches(token.secret, token.secretHash)).toBe(true);
		expect(secretMatches(newSecretToken().secret, token.secretHash)).toBe(false);
	});

	it('still accept the 24-symbol tokens made before, also joined to a new secret (survey portal link)', () => {
		const oldId = 'abcdefghijkmnpqrstuvwxyz';
		const oldSecret = 'zyxwvutsrqpnmkjihgfedcba';
		expect(parseToken(`${oldId}.${oldSecret}`)).toEqual({ id: oldId, secret: oldSecret });
		const fresh = randomString();
		expect(parseToken(`${oldId}.${fresh}`)).toEqual({ id: oldId, secret: fresh });
		expect(secretMatches(oldSecret, hashSecret(oldSecret))).toBe(true);
	});

	it('rejects malformed tokens', () => {
		const part = 'a'.repeat(TOKEN_PART_LENGTH);
		for (const bad of [
			'',
			'abc',
			'a.b',
			`${'a'.repeat(24)}.${'a'.repeat(23)}`,
			`${'a'.repeat(25)}.${'a'.repeat(25)}`,
			`${'a'.repeat(27)}.${part}`,
			`${part}.${'a'.repeat(32)}`,
			`${'A'.repeat(TOKEN_PART_LENGTH)}.${part}`,
			// Look-alikes the alphabet leaves out.
			`${'l'.repeat(TOKEN_PART_LENGTH)}.${part}`,
			`${part}.${'0'.repeat(TOKEN_PART_LENGTH)}`,
			`${part}.${part}.${part}`,
			`${part}.${part}\n`,
			` ${part}.${part}`,
			'x.y.z'
		]) {
			expect(parseToken(bad)).toBeNull();
		}
		expect(parseToken(undefined)).toBeNull();
		expect(parseToken(null)).toBeNull();
	});

	describe('secretMatches', () => {
		const secret = randomString();
		const stored = hashSecret(secret);

		it('is true for the secret of the stored hash', () => {
			expect(secretMatches(secret, stored)).toBe(true);
		});

		it('is false for another secret, also one that differs in one symbol', () => {
			const oneOff = (secret[0] === 'a' ? 'b' : 'a') + secret.slice(1);
			expect(secretMatches(oneOff, stored)).toBe(false);
			expect(secretMatches('', stored)).toBe(false);
			expect(secretMatches(secret.toUpperCase(), stored)).toBe(false);
		});

		it('is false for a stored hash of another length, without throwing', () => {
			expect(secretMatches(secret, stored.slice(0, -1))).toBe(false);
			expect(secretMatches(secret, `${stored}0`)).toBe(false);
			expect(secretMatches(secret, '')).toBe(false);
		});

		it('compares equal-length hashes with the constant-time routine', () => {
			const spy = vi.mocked(subtle.constantTimeEqual);
			spy.mockClear();
			expect(secretMatches(secret, stored)).toBe(true);
			expect(secretMatches(randomString(), stored)).toBe(false);
			expect(spy).toHaveBeenCalledTimes(2);
			expect(spy.mock.results.map((result) => result.value)).toEqual([true, false]);
		});
	});
});

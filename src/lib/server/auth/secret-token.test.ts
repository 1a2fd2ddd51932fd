import { describe, expect, it } from 'vitest';
import { newSecretToken, parseToken, randomString, secretMatches } from './secret-token';

describe('secret tokens', () => {
	it('have 120 random bits per part and never repeat', () => {
		const seen = new Set(Array.from({ length: 2000 }, () => randomString()));
		expect(seen.size).toBe(2000);
		expect(randomString()).toMatch(/^[a-km-np-z2-9]{24}$/);
	});

	it('round-trip through parse, and the stored hash matches only the real secret', () => {
		const token = newSecretToken();
		const parsed = parseToken(token.token);
		expect(parsed).toEqual({ id: token.id, secret: token.secret });
		expect(token.secretHash).not.toContain(token.secret);
		expect(secretMatches(token.secret, token.secretHash)).toBe(true);
		expect(secretMatches(newSecretToken().secret, token.secretHash)).toBe(false);
	});

	it('rejects malformed tokens', () => {
		for (const bad of ['', 'abc', 'a.b', `${'a'.repeat(24)}.${'a'.repeat(23)}`, `${'A'.repeat(24)}.${'a'.repeat(24)}`, 'x.y.z']) {
			expect(parseToken(bad)).toBeNull();
		}
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activities, benefitTypes, contractForms, providerGroups, providerTypes, regions, roles, targetGroups } from '$lib/domain/reference';

const load = (locale: string) => JSON.parse(readFileSync(`src/lib/i18n/messages/${locale}.json`, 'utf8')) as Record<string, string>;
const nl = load('nl');
const en = load('en');

describe('message catalogue', () => {
	it('has the same keys in Dutch and English, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
		for (const [key, value] of [...Object.entries(nl), ...Object.entries(en)]) {
			expect(value.trim(), key).not.toBe('');
		}
	});

	it('uses the same placeholders in both languages', () => {
		const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
		for (const key of Object.keys(nl)) expect(placeholders(en[key]!), key).toEqual(placeholders(nl[key]!));
	});

	it('labels every code of every reference list', () => {
		const lists: [string, readonly string[]][] = [
			['role', roles],
			['benefit', benefitTypes],
			['region', regions],
			['provider_type', providerTypes],
			['provider_group', providerGroups],
			['activity', activities],
			['target_group', targetGroups],
			['contract_form', contractForms]
		];
		for (const [prefix, codes] of lists) {
			for (const code of codes) expect(nl, `${prefix}_${code}`).toHaveProperty(`${prefix}_${code}`);
		}
	});
});

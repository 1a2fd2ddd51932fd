import { describe, expect, it } from 'vitest';
import { instrumentVersion1, type InstrumentVersion } from './instrument';
import { codebookFields, dataPackage } from './codebook';
import { csvLine, microdataColumns, microdataItems, microdataRow, namedGemeenten, pseudonyms, type MicrodataResponse } from './microdata';

const items = microdataItems([instrumentVersion1]);
const columns = microdataColumns(items);

function response(overrides: Partial<MicrodataResponse> = {}): MicrodataResponse {
	return {
		answers: { mw1: 'ja', mw2: 'ja', mw3: 'een_beetje', mw4: 'nee', mw5: 'ja', mw6: 'nee', mw7: '', kd1: 'ja', mv5: 'nee' },
		instrumentVersion: 1,
		providerCode: 'P001',
		providerType: 'sheltered_employment',
		payerKind: 'gemeente',
		payerCode: 'gm0193',
		benefitType: 'bijstand',
		wave: '2026-Q4',
		completedAt: '2026-10-14T09:12:33.000Z',
		overall: 7,
		...overrides
	};
}

const rowOf = (values: string[]) => Object.fromEntries(columns.map((column, index) => [column, values[index]]));

describe('microdata row', () => {
	it('holds raw and reverse-coded answers, scale scores and categories, and only the month', () => {
		const row = rowOf(microdataRow(response(), instrumentVersion1, items, { respondentId: 'abc', namedGemeenten: new Set(['gm0193']) }));
		expect(row).toMatchObject({
			respondent_id: 'abc',
			provider_code: 'P001',
			provider_type: 'sheltered_employment',
			provider_group: 'semi_public',
			payer_kind: 'gemeente',
			gemeente: 'gm0193',
			benefit_type: 'bijstand',
			wave: '2026-Q4',
			completed_month: '2026-10',
			instrument_version: '1',
			mw1: 'ja',
			mw1_r: '2',
			mw5: 'ja', // negative: "ja" means dissatisfied
			mw5_r: '0',
			mw6: 'nee',
			mw6_r: '2',
			mw7: '',
			mw7_r: '',
			mv5_r: '2',
			// maatwerk: 2 + 2 + 1 + 0 + 0 + 2 = 7 over 6 answered
			maatwerk_score: '1.1667',
			maatwerk_category: 'een_beetje',
			// kwaliteit: 1 of 6 answered: below half, no score
			kwaliteit_score: '',
			kwaliteit_category: '',
			overall: '7'
		});
		expect(Object.values(row).join(' ')).not.toContain('2026-10-14');
	});

	it('names a gemeente only with at least 30 responses in the selection; otherwise only the kind', () => {
		const named = namedGemeenten(new Map([['gm0193', 30], ['gm0344', 29]]));
		expect([...named]).toEqual(['gm0193']);
		const small = rowOf(microdataRow(response({ payerCode: 'gm0344' }), instrumentVersion1, items, { respondentId: 'x', namedGemeenten: named }));
		expect(small).toMatchObject({ payer_kind: 'gemeente', gemeente: '' });
		const uwv = rowOf(microdataRow(response({ payerKind: 'uwv', payerCode: 'uwv', benefitType: 'WW' }), instrumentVersion1, items, { respondentId: 'x', namedGemeenten: new Set(['uwv']) }));
		expect(uwv).toMatchObject({ payer_kind: 'uwv', gemeente: '' });
		const paper = rowOf(microdataRow(response({ payerKind: null, payerCode: null, benefitType: null }), instrumentVersion1, items, { respondentId: 'x', namedGemeenten: named }));
		expect(paper).toMatchObject({ payer_kind: '', gemeente: '', benefit_type: '' });
	});

	it('leaves items of another instrument version empty', () => {
		const v2: InstrumentVersion = {
			version: 2,
			items: [...instrumentVersion1.items.filter((item) => item.code !== 'mw7'), { code: 'mw8', domain: 'maatwerk', negative: false, wording: { nl: 'Nieuw.', en: 'New.' }, order: 30 }]
		};
		const both = microdataItems([instrumentVersion1, v2]);
		expect(both.map((item) => item.code)).toContain('mw7');
		expect(both.map((item) => item.code)).toContain('mw8');
		const cols = microdataColumns(both);
		const row = Object.fromEntries(cols.map((column, index) => [column, microdataRow(response({ answers: { mw7: 'ja' } }), v2, both, { respondentId: 'x', namedGemeenten: new Set() })[index]]));
		expect(row.mw7).toBe('');
		expect(row.mw8).toBe('');
	});
});

describe('pseudonyms', () => {
	it('are 12 hex digits, unique within an export, and two exports of the same data share none', () => {
		const first = pseudonyms();
		const second = pseudonyms();
		const a = Array.from({ length: 5000 }, () => first());
		const b = Array.from({ length: 5000 }, () => second());
		for (const id of a) expect(id).toMatch(/^[0-9a-f]{12}$/);
		expect(new Set(a).size).toBe(a.length);
		const inA = new Set(a);
		expect(b.filter((id) => inA.has(id))).toEqual([]);
	});

	it('never repeat within one export, even when the random source does', () => {
		let call = 0;
		const next = pseudonyms((bytes) => bytes.fill(call++ < 2 ? 1 : 2));
		expect(next()).toBe('010101010101');
		expect(next()).toBe('020202020202');
	});
});

describe('codebook', () => {
	it('describes every CSV column, in order, in Dutch and English', () => {
		const fields = codebookFields(items);
		expect(fields.map((entry) => entry.name)).toEqual(columns);
		for (const entry of fields) {
			expect(entry.titles.nl.length, entry.name).toBeGreaterThan(0);
			expect(entry.titles.en.length, entry.name).toBeGreaterThan(0);
			expect(entry.descriptions.nl.length, entry.name).toBeGreaterThan(0);
			expect(entry.descriptions.en.length, entry.name).toBeGreaterThan(0);
			expect(entry.descriptions.nl).not.toBe(entry.descriptions.en);
			for (const option of entry.categories ?? []) {
				expect(option.label).toBe(option.labels.nl);
				expect(option.labels.en.length).toBeGreaterThan(0);
			}
		}
	});

	it('gives the answer scales ordered categories from dissatisfied to satisfied', () => {
		const byName = new Map(codebookFields(items).map((entry) => [entry.name, entry]));
		expect(byName.get('mw5')).toMatchObject({ categoriesOrdered: true, categories: [{ value: 'nee' }, { value: 'een_beetje' }, { value: 'ja' }] });
		expect(byName.get('mw5')?.descriptions.en).toContain('Negatively worded');
		expect(byName.get('mw5_r')).toMatchObject({ type: 'integer', categoriesOrdered: true, categories: [{ value: 0 }, { value: 1 }, { value: 2 }] });
		expect(byName.get('maatwerk_category')?.categoriesOrdered).toBe(true);
		expect(byName.get('maatwerk_score')?.type).toBe('number');
		expect(byName.get('provider_type')?.categories?.map((option) => option.value)).toContain('commercial');
	});

	it('is a tabular data package with an empty cell as missing value', () => {
		const pkg = dataPackage(items, { created: '2026-11-22T10:00:00.000Z', selection: { waves: ['2026-Q4'] }, rowCount: 3 });
		expect(pkg.resources[0]).toMatchObject({ path: 'microdata.csv', schema: { missingValues: [''], primaryKey: ['respondent_id'] } });
		expect(JSON.parse(JSON.stringify(pkg)).resources[0].schema.fields).toHaveLength(columns.length);
	});
});

describe('csvLine', () => {
	it('quotes only what needs quoting', () => {
		expect(csvLine(['a', 'b,c', 'd"e', ''])).toBe('a,"b,c","d""e",\r\n');
	});
});

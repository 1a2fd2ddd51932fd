import { describe, expect, it } from 'vitest';
import {
	answerCodes,
	instrumentVersion1,
	isAnswerCode,
	isSurveyDomain,
	isValidOverall,
	orderedItems,
	reservedCodes,
	surveyDomains,
	validateInstrument,
	type InstrumentItem,
	type InstrumentVersion
} from './instrument';

const item = (code: string, domain: InstrumentItem['domain'], order: number, negative = false): InstrumentItem => ({
	code,
	domain,
	negative,
	order,
	wording: { nl: `Stelling ${code}.`, en: `Statement ${code}.` }
});

/** The smallest valid instrument: one item per domain. */
const minimal = (): InstrumentVersion => ({
	version: 2,
	items: [item('a1', 'maatwerk', 1), item('b1', 'kwaliteit', 2), item('c1', 'meerwaarde', 3), item('d1', 'vaardigheden', 4)]
});

describe('codes', () => {
	it('has the four domains and three answers of the product brief', () => {
		expect(surveyDomains).toEqual(['maatwerk', 'kwaliteit', 'meerwaarde', 'vaardigheden']);
		expect(answerCodes).toEqual(['ja', 'een_beetje', 'nee']);
	});

	it('recognises answer codes and domains only exactly', () => {
		for (const code of answerCodes) expect(isAnswerCode(code)).toBe(true);
		for (const value of ['', 'Ja', 'yes', 'een beetje', null, undefined, 2]) expect(isAnswerCode(value)).toBe(false);
		for (const domain of surveyDomains) expect(isSurveyDomain(domain)).toBe(true);
		for (const value of ['Maatwerk', 'overall', '', null]) expect(isSurveyDomain(value)).toBe(false);
	});

	it('accepts overall satisfaction as a whole number from 1 to 10 only', () => {
		for (let value = 1; value <= 10; value++) expect(isValidOverall(value)).toBe(true);
		for (const value of [0, 11, 5.5, -1, '7', null, undefined, NaN]) expect(isValidOverall(value)).toBe(false);
	});
});

describe('instrumentVersion1', () => {
	it('is version 1 with the 21 items of the brief in order', () => {
		expect(instrumentVersion1.version).toBe(1);
		expect(instrumentVersion1.items.map((i) => i.code)).toEqual([
			'mw1', 'mw2', 'mw3', 'mw4', 'mw5', 'mw6', 'mw7',
			'kd1', 'kd2', 'kd3', 'kd4', 'kd5', 'kd6',
			'mv1', 'mv2', 'mv3', 'mv4', 'mv5',
			'vh1', 'vh2', 'vh3'
		]);
		expect(instrumentVersion1.items.map((i) => i.order)).toEqual(Array.from({ length: 21 }, (_, k) => k + 1));
	});

	it('puts each item in the domain its code says, with 7, 6, 5 and 3 items', () => {
		const prefix = { maatwerk: 'mw', kwaliteit: 'kd', meerwaarde: 'mv', vaardigheden: 'vh' } as const;
		for (const i of instrumentVersion1.items) expect(i.code.startsWith(prefix[i.domain])).toBe(true);
		expect(surveyDomains.map((d) => orderedItems(instrumentVersion1, d).length)).toEqual([7, 6, 5, 3]);
	});

	it('marks exactly mw5, mw6, kd6 and mv5 as negative', () => {
		expect(instrumentVersion1.items.filter((i) => i.negative).map((i) => i.code)).toEqual(['mw5', 'mw6', 'kd6', 'mv5']);
	});

	it('has the Dutch wording of the brief verbatim', () => {
		const nl = Object.fromEntries(instrumentVersion1.items.map((i) => [i.code, i.wording.nl]));
		expect(nl).toEqual({
			mw1: 'Ik kreeg persoonlijke aandacht.',
			mw2: 'Er werd rekening gehouden met wat ik kan.',
			mw3: 'Ik mocht meebeslissen over wat er in mijn traject zat.',
			mw4: 'Het traject paste bij mijn wensen.',
			mw5: 'Het traject was te beperkt.',
			mw6: 'Er zaten onderdelen in waar ik niets aan had.',
			mw7: 'Het traject was wat ik nodig had.',
			kd1: 'Ik kreeg genoeg informatie.',
			kd2: 'Mijn contactpersoon was goed bereikbaar.',
			kd3: 'Afspraken werden nagekomen.',
			kd4: 'Er was genoeg tijd en aandacht voor mij.',
			kd5: 'Ik werd netjes behandeld.',
			kd6: 'Ik moest vaak wachten tussen onderdelen van het traject.',
			mv1: 'Door het traject vind ik sneller werk.',
			mv2: 'Ik maak nu meer kans op werk.',
			mv3: 'Ik heb meer zin om te werken.',
			mv4: 'Ik voel me meer verplicht om te werken.',
			mv5: 'Het traject was weggegooid geld.',
			vh1: 'Ik heb dingen geleerd die ik in een baan kan gebruiken.',
			vh2: 'Ik kan beter solliciteren dan voor het traject.',
			vh3: 'Ik heb dingen geleerd die ik nog niet wist.'
		});
	});

	it('has an English sentence for every item', () => {
		for (const i of instrumentVersion1.items) expect(i.wording.en).toMatch(/^[A-Z].*\.$/);
		expect(new Set(instrumentVersion1.items.map((i) => i.wording.en)).size).toBe(21);
	});

	it('is valid', () => {
		expect(validateInstrument(instrumentVersion1)).toEqual([]);
	});
});

describe('orderedItems', () => {
	it('sorts by order, whatever the order of the array', () => {
		const shuffled: InstrumentVersion = { version: 2, items: [...minimal().items].reverse() };
		expect(orderedItems(shuffled).map((i) => i.code)).toEqual(['a1', 'b1', 'c1', 'd1']);
		expect(orderedItems(shuffled, 'kwaliteit').map((i) => i.code)).toEqual(['b1']);
	});
});

describe('validateInstrument', () => {
	it('accepts one item per domain', () => {
		expect(validateInstrument(minimal())).toEqual([]);
	});

	it('refuses a duplicate code', () => {
		const instrument = minimal();
		const problems = validateInstrument({ ...instrument, items: [...instrument.items, item('a1', 'maatwerk', 5)] });
		expect(problems).toEqual([{ kind: 'duplicate_code', code: 'a1' }]);
	});

	it('refuses a domain without items, naming each', () => {
		const problems = validateInstrument({ version: 2, items: [item('a1', 'maatwerk', 1), item('b1', 'kwaliteit', 2)] });
		expect(problems).toEqual([
			{ kind: 'empty_domain', domain: 'meerwaarde' },
			{ kind: 'empty_domain', domain: 'vaardigheden' }
		]);
		expect(validateInstrument({ version: 2, items: [] })).toHaveLength(4);
	});

	it('refuses an unknown domain', () => {
		const bad = { ...item('x1', 'maatwerk', 5), domain: 'other' } as unknown as InstrumentItem;
		expect(validateInstrument({ ...minimal(), items: [...minimal().items, bad] })).toEqual([
			{ kind: 'unknown_domain', code: 'x1', domain: 'other' }
		]);
	});

	it('refuses codes that cannot serve as stable column names, and reserved names', () => {
		for (const code of ['', 'MW1', '1mw', 'mw-1', 'mw 1']) {
			expect(validateInstrument({ ...minimal(), items: [...minimal().items, item(code, 'maatwerk', 9)] })).toEqual([
				{ kind: 'invalid_code', code }
			]);
		}
		for (const code of reservedCodes) {
			expect(validateInstrument({ ...minimal(), items: [...minimal().items, item(code, 'maatwerk', 9)] })).toEqual([
				{ kind: 'reserved_code', code }
			]);
		}
	});

	it('refuses missing wording in either language', () => {
		const bad = { ...item('x1', 'maatwerk', 5), wording: { nl: ' ', en: 'Fine.' } };
		expect(validateInstrument({ ...minimal(), items: [...minimal().items, bad] })).toEqual([
			{ kind: 'missing_wording', code: 'x1', locale: 'nl' }
		]);
	});

	it('refuses a bad or repeated order and a bad version', () => {
		const items = [...minimal().items, item('x1', 'maatwerk', 0), item('x2', 'maatwerk', 4)];
		expect(validateInstrument({ version: 0, items })).toEqual([
			{ kind: 'invalid_version', version: 0 },
			{ kind: 'invalid_order', code: 'x1', order: 0 },
			{ kind: 'duplicate_order', order: 4 }
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { criteriaFromParams, dutchParameters, englishParameters, facetsInUse, pageCount, paramsFromCriteria, rankByFigure, satisfactionSortKey, withoutFacet } from './provider-search';

const dutch = (query: string, region: 'utrecht' | null = 'utrecht') => criteriaFromParams(new URLSearchParams(query), dutchParameters, region);

describe('criteriaFromParams', () => {
	it("starts with the client's province, name order, page 1", () => {
		expect(dutch('')).toEqual({ activities: [], targetGroups: [], types: [], contractForms: [], region: 'utrecht', text: '', sort: 'name', page: 1 });
	});

	it('reads every facet, repeated parameters included', () => {
		const criteria = dutch('activiteit=schooling&activiteit=job_mediation&doelgroep=young&soort=commercial&contract=fixed_price&regio=limburg&zoek=%20werk%20%20fit%20&sorteer=placement&pagina=3');
		expect(criteria).toEqual({
			activities: ['schooling', 'job_mediation'],
			targetGroups: ['young'],
			types: ['commercial'],
			contractForms: ['fixed_price'],
			region: 'limburg',
			text: 'werk fit',
			sort: 'placement',
			page: 3
		});
	});

	it('reads "alle" as every province', () => {
		expect(dutch('regio=alle').region).toBeNull();
	});

	it('drops unknown codes and duplicates, and repairs a bad page or sort', () => {
		const criteria = dutch('activiteit=juggling&activiteit=schooling&activiteit=schooling&sorteer=price&pagina=-2&regio=mars');
		expect(criteria.activities).toEqual(['schooling']);
		expect(criteria.sort).toBe('name');
		expect(criteria.page).toBe(1);
		expect(criteria.region).toBeNull();
		expect(dutch('pagina=abc').page).toBe(1);
		expect(dutch('pagina=99999999').page).toBe(1);
	});

	it('cuts overly long search text', () => {
		expect(dutch(`zoek=${'a'.repeat(500)}`).text).toHaveLength(100);
	});

	it('reads the API names the same way', () => {
		const criteria = criteriaFromParams(new URLSearchParams('activity=aftercare&target_group=older&type=sheltered_employment&contract_form=no_cure_no_pay&region=zeeland&q=x&sort=placement&page=2'), englishParameters);
		expect(criteria).toMatchObject({ activities: ['aftercare'], targetGroups: ['older'], types: ['sheltered_employment'], contractForms: ['no_cure_no_pay'], region: 'zeeland', text: 'x', sort: 'placement', page: 2 });
	});
});

describe('paramsFromCriteria', () => {
	it('round-trips', () => {
		const query = 'zoek=werk&activiteit=schooling&activiteit=aftercare&doelgroep=young&soort=commercial&contract=fixed_price&regio=limburg&sorteer=placement&pagina=2';
		const criteria = dutch(query);
		expect(criteriaFromParams(paramsFromCriteria(criteria, dutchParameters), dutchParameters, 'utrecht')).toEqual(criteria);
	});

	it('keeps "every province" explicit so that it survives the default', () => {
		const params = paramsFromCriteria(dutch('regio=alle'), dutchParameters);
		expect(params.get('regio')).toBe('alle');
		expect(criteriaFromParams(params, dutchParameters, 'utrecht').region).toBeNull();
	});
});

describe('loosening filters', () => {
	it('lists the facets in use and removes one, back to page 1', () => {
		const criteria = dutch('activiteit=schooling&zoek=x&pagina=4');
		expect(facetsInUse(criteria)).toEqual(['activities', 'region', 'text']);
		const loosened = withoutFacet(criteria, 'activities');
		expect(loosened.activities).toEqual([]);
		expect(loosened.text).toBe('x');
		expect(loosened.page).toBe(1);
		expect(withoutFacet(criteria, 'region').region).toBeNull();
	});
});

describe('pageCount', () => {
	it('has at least one page', () => {
		expect(pageCount(0, 20)).toBe(1);
		expect(pageCount(20, 20)).toBe(1);
		expect(pageCount(21, 20)).toBe(2);
	});
});

describe('rankByFigure', () => {
	it('puts the highest figure first and those without one last, keeping the incoming order otherwise', () => {
		const items = [
			{ name: 'a', figure: null },
			{ name: 'b', figure: 0.5 },
			{ name: 'c', figure: 0.9 },
			{ name: 'd', figure: null },
			{ name: 'e', figure: 0.5 },
			{ name: 'f', figure: 0 }
		];
		expect(rankByFigure(items, (item) => item.figure).map((item) => item.name)).toEqual(['c', 'b', 'e', 'f', 'a', 'd']);
	});
});

describe('satisfactionSortKey', () => {
	const published = (ja: number, total: number) => ({ cells: { n: { ja, total } } });
	const withheld = { cells: null };

	it('averages the share of satisfied respondents over the published domains only', () => {
		expect(satisfactionSortKey([published(30, 40), published(20, 40), withheld, withheld])).toBeCloseTo(0.625);
		expect(satisfactionSortKey([published(27, 30)])).toBeCloseTo(0.9);
	});

	it('has no figure when no domain is published', () => {
		expect(satisfactionSortKey([withheld, withheld, withheld, withheld])).toBeNull();
		expect(satisfactionSortKey([])).toBeNull();
	});

	it('is read from the URL as a sort order', () => {
		expect(dutch('sorteer=satisfaction').sort).toBe('satisfaction');
		expect(paramsFromCriteria(dutch('sorteer=satisfaction'), dutchParameters).get('sorteer')).toBe('satisfaction');
	});
});

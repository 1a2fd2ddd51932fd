import { describe, expect, it } from 'vitest';
import { csvColumns, MAX_CSV_ROWS, normaliseCsvText, parseProviderCsv, profileSchema, recordToCsvCells, type ProviderRecord } from './provider-csv';

const header = csvColumns.join(',');

const good: ProviderRecord = {
	code: 'werk-en-zo',
	name: 'Werk en Zo',
	type: 'commercial',
	regions: ['utrecht', 'gelderland'],
	activities: ['diagnosis', 'job_mediation'],
	targetGroups: ['returner'],
	contractForms: ['no_cure_less_pay'],
	benefitTypes: ['WW', 'WIA'],
	priceMinEuros: 1500,
	priceMaxEuros: 4000,
	startWithinWeeks: 2,
	email: 'info@werkenzo.example',
	phone: '030 123 45 67',
	website: 'https://www.werkenzo.example',
	approach: 'Wij helpen u met een vaste coach, elke week, tot u werk heeft.',
	active: true
};

/** One CSV line for a record, with cells changed as given; quotes where needed. */
function line(record: Partial<ProviderRecord> = {}, cells: Partial<Record<(typeof csvColumns)[number], string>> = {}, separator = ','): string {
	const values = { ...recordToCsvCells({ ...good, ...record }), ...cells };
	return csvColumns
		.map((column) => {
			const value = values[column];
			return /[",;\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
		})
		.join(separator);
}

const file = (...lines: string[]) => lines.join('\n') + '\n';

describe('parseProviderCsv', () => {
	it('reads a good file into typed records with their line numbers', () => {
		const result = parseProviderCsv(
			file(header, line(), line({ code: 'tweede', name: 'Tweede', active: false, email: null, phone: null, website: null, targetGroups: [] }))
		);
		expect(result.issues).toEqual([]);
		expect(result.separator).toBe(',');
		expect(result.rows).toEqual([
			{ line: 2, record: good },
			{ line: 3, record: { ...good, code: 'tweede', name: 'Tweede', active: false, email: null, phone: null, website: null, targetGroups: [] } }
		]);
	});

	it('reads a file separated by semicolons (as Excel writes it in Dutch), with Windows line ends', () => {
		const text = [csvColumns.join(';'), line({ approach: 'Wij werken samen, met werkgevers; elke week.' }, {}, ';')].join('\r\n');
		const result = parseProviderCsv(text);
		expect(result.issues).toEqual([]);
		expect(result.separator).toBe(';');
		expect(result.rows[0]!.record.approach).toBe('Wij werken samen, met werkgevers; elke week.');
	});

	it('ignores a byte-order mark', () => {
		const result = parseProviderCsv('\uFEFF' + file(header, line()));
		expect(result.issues).toEqual([]);
		expect(result.rows).toHaveLength(1);
	});

	it('counts lines as an editor does, also after a cell with a line break', () => {
		const result = parseProviderCsv(file(header, line({ approach: 'Eerste alinea van de werkwijze.\nTweede alinea.' }), line({ code: 'x' }, { price_min: 'veel' })));
		expect(result.rows).toHaveLength(1);
		expect(result.issues).toEqual([
			{ line: 4, column: 'code', key: 'register_error_code', params: {} },
			{ line: 4, column: 'price_min', key: 'register_error_price', params: {} }
		]);
	});

	it('reports an unknown code in a list with the code, and an unknown provider type', () => {
		const result = parseProviderCsv(file(header, line({}, { regions: 'utrecht|atlantis', type: 'ngo' })));
		expect(result.rows).toEqual([]);
		expect(result.issues).toEqual([
			{ line: 2, column: 'type', key: 'register_error_unknown_code', params: { value: 'ngo' } },
			{ line: 2, column: 'regions', key: 'register_error_unknown_code', params: { value: 'atlantis' } }
		]);
	});

	it('refuses a code that appears twice in the file, naming the first line', () => {
		const result = parseProviderCsv(file(header, line(), line({ name: 'Ander bedrijf' })));
		expect(result.issues).toEqual([{ line: 3, column: 'code', key: 'register_csv_duplicate_code', params: { code: 'werk-en-zo', line: '2' } }]);
	});

	it('refuses amounts that are not whole euros, and never reads 1.500 as 1.5', () => {
		for (const amount of ['1.500', '350,50', '€ 350', '-5', 'veel', '']) {
			const result = parseProviderCsv(file(header, line({}, { price_min: amount })));
			expect(result.issues, amount).toEqual([{ line: 2, column: 'price_min', key: 'register_error_price', params: {} }]);
		}
		const weeks = parseProviderCsv(file(header, line({}, { start_within_weeks: '2.5' })));
		expect(weeks.issues).toEqual([{ line: 2, column: 'start_within_weeks', key: 'register_error_weeks', params: {} }]);
	});

	it('refuses a lowest price above the highest', () => {
		const result = parseProviderCsv(file(header, line({ priceMinEuros: 5000, priceMaxEuros: 4000 })));
		expect(result.issues).toEqual([{ line: 2, column: 'price_max', key: 'register_error_price_order', params: {} }]);
	});

	it('checks every field of a row and reports each column once, in column order', () => {
		const result = parseProviderCsv(
			file(header, line({}, { code: 'Werk En Zo!', name: '', regions: '', approach: 'te kort', website: 'www.x.nl', email: 'geen-mail', active: 'misschien' }))
		);
		expect(result.issues.map((issue) => [issue.column, issue.key])).toEqual([
			['code', 'register_error_code'],
			['name', 'register_error_name'],
			['regions', 'register_error_regions'],
			['email', 'register_error_email'],
			['website', 'register_error_website'],
			['approach', 'register_error_approach_short'],
			['active', 'register_csv_active']
		]);
	});

	it('reports a missing column and an unknown column on the header line, and reads no rows', () => {
		const columns = csvColumns.filter((column) => column !== 'price_max');
		const result = parseProviderCsv(file([...columns, 'remarks'].join(','), 'a,b,c'));
		expect(result.rows).toEqual([]);
		expect(result.issues).toEqual([
			{ line: 1, column: 'remarks', key: 'register_csv_unknown_column', params: { column: 'remarks' } },
			{ line: 1, column: 'price_max', key: 'register_csv_missing_column', params: { column: 'price_max' } }
		]);
	});

	it('accepts the columns in any order and in capitals', () => {
		const columns = [...csvColumns].reverse();
		const cells = recordToCsvCells(good);
		const text = file(
			columns.map((column) => column.toUpperCase()).join(';'),
			columns.map((column) => (/[;"]/.test(cells[column]) ? `"${cells[column]}"` : cells[column])).join(';')
		);
		expect(parseProviderCsv(text)).toMatchObject({ issues: [], rows: [{ line: 2, record: good }] });
	});

	it('says an empty file is empty, and a file with only a header has no providers', () => {
		expect(parseProviderCsv('').issues).toEqual([{ line: 1, column: null, key: 'register_csv_empty', params: {} }]);
		expect(parseProviderCsv('\uFEFF\n\n  ').issues).toEqual([{ line: 1, column: null, key: 'register_csv_empty', params: {} }]);
		expect(parseProviderCsv(file(header, '', ',,,')).issues).toEqual([{ line: 1, column: null, key: 'register_csv_no_rows', params: {} }]);
	});

	it('reports a line with too few or too many cells, and a quote that is never closed', () => {
		const result = parseProviderCsv(file(header, 'kort,rijtje', line(), line({ code: 'open' }, { approach: 'PLEK' }).replace('PLEK', '"nooit gesloten')));
		expect(result.issues).toEqual([
			{ line: 2, column: null, key: 'register_csv_field_count', params: { found: '2', expected: String(csvColumns.length) } },
			{ line: 4, column: null, key: 'register_csv_unreadable', params: {} }
		]);
	});

	it('tolerates a separator at the end of every line, blank lines and spaces around list codes', () => {
		const result = parseProviderCsv(file(header + ',', '', line({}, { regions: ' utrecht | gelderland ' }) + ','));
		expect(result.issues).toEqual([]);
		expect(result.rows[0]!.record.regions).toEqual(['utrecht', 'gelderland']);
	});

	it('refuses a file with more rows than an import takes', () => {
		const rows = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, index) => line({ code: `p-${index}` }));
		expect(parseProviderCsv(file(header, ...rows)).issues).toEqual([{ line: 1, column: null, key: 'register_csv_too_many_rows', params: { max: String(MAX_CSV_ROWS) } }]);
	});
});

describe('normaliseCsvText', () => {
	it('gives the same text for the same file however it travelled (BOM, CRLF, trailing lines)', () => {
		expect(normaliseCsvText('\uFEFFa,b\r\n1,2\r\n\r\n')).toBe('a,b\n1,2');
		expect(normaliseCsvText('a,b\n1,2')).toBe('a,b\n1,2');
	});
});

describe('profileSchema (the rules the forms share with the import)', () => {
	const schema = profileSchema((key) => key);
	const form = {
		approach: good.approach,
		activities: ['diagnosis'],
		targetGroups: [],
		regions: ['utrecht', 'utrecht'],
		contractForms: ['fixed_price'],
		benefitTypes: ['bijstand'],
		priceMinEuros: ' 350 ',
		priceMaxEuros: '350',
		startWithinWeeks: '0',
		email: '',
		phone: '',
		website: 'http://www.voorbeeld.nl/over-ons'
	};

	it('turns form text into numbers and empty contact fields into null', () => {
		expect(schema.parse(form)).toMatchObject({ priceMinEuros: 350, priceMaxEuros: 350, startWithinWeeks: 0, email: null, phone: null, website: 'http://www.voorbeeld.nl/over-ons' });
	});

	it('says per field what is wrong', () => {
		const result = schema.safeParse({ ...form, approach: 'x'.repeat(4001), activities: [], contractForms: [], benefitTypes: [], website: 'ftp://x.nl', phone: 'bel me', startWithinWeeks: '53' });
		expect(result.success).toBe(false);
		const byField = Object.fromEntries(result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]));
		expect(byField).toEqual({
			approach: 'register_error_approach_long',
			activities: 'register_error_activities',
			contractForms: 'register_error_contract_forms',
			benefitTypes: 'register_error_benefit_types',
			startWithinWeeks: 'register_error_weeks',
			phone: 'register_error_phone',
			website: 'register_error_website'
		});
	});
});

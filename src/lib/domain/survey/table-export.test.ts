import { describe, expect, it } from 'vitest';
import { standardTableFromCounts } from './standard-table';
import { suppressRow } from './suppression';
import { providerBreakdownExport, responseRateExport, standardTableExport, toCsv, toRecords, toSheet } from './table-export';

const table = standardTableFromCounts('maatwerk', {
	public: { nee: 10, een_beetje: 18, ja: 22 },
	private: { nee: 23, een_beetje: 57, ja: 0 }
});

describe('standard table export', () => {
	it('writes Dutch CSV with semicolons and decimal commas, rows in the fixed order, empty for a group without respondents', () => {
		const lines = toCsv(standardTableExport(table), 'nl').split('\r\n');
		expect(lines[0]).toBe('group;nee_n;nee_pct;een_beetje_n;een_beetje_pct;ja_n;ja_pct;total_n;total_pct');
		expect(lines[1]).toBe('public;10;20,0;18;36,0;22;44,0;50;100,0');
		expect(lines[2]).toBe('semi_public;0;;0;;0;;0;');
		// 23 of 80 is 28.8 (half up from integers), not 28.7
		expect(lines[3]).toBe('private;23;28,8;57;71,3;0;0,0;80;100,0');
		expect(lines[4]).toBe('total;33;25,4;75;57,7;22;16,9;130;100,0');
		expect(lines[5]).toBe('');
	});

	it('writes international CSV with commas and points', () => {
		const lines = toCsv(standardTableExport(table), 'international').split('\r\n');
		expect(lines[0]).toBe('group,nee_n,nee_pct,een_beetje_n,een_beetje_pct,ja_n,ja_pct,total_n,total_pct');
		expect(lines[3]).toBe('private,23,28.8,57,71.3,0,0.0,80,100.0');
	});

	it('gives records for JSON with null percentages', () => {
		const records = toRecords(standardTableExport(table));
		expect(records[1]).toEqual({ group: 'semi_public', nee_n: 0, nee_pct: null, een_beetje_n: 0, een_beetje_pct: null, ja_n: 0, ja_pct: null, total_n: 0, total_pct: null });
	});

	it('gives an XLSX sheet with numbers as numbers and percentages as formatted fractions', () => {
		const sheet = toSheet(standardTableExport(table));
		expect(sheet.sheet).toBe('maatwerk');
		expect(sheet.data[3]?.[1]).toEqual({ value: 23, type: Number });
		expect(sheet.data[3]?.[2]).toEqual({ value: 0.288, type: Number, format: '0.0%' });
		expect(sheet.data[2]?.[2]).toBeNull();
	});
});

describe('other exports', () => {
	it('quotes text with the separator and neutralises formulas', () => {
		const csv = toCsv(
			providerBreakdownExport('maatwerk', [
				{ providerCode: 'x', providerName: '=HYPERLINK("a";"b")', group: 'private', cells: [3, 12, 30].map((n) => ({ cell: { kind: 'shown' as const, n }, pct: 1 })), total: 45 }
			]),
			'nl'
		);
		expect(csv.split('\r\n')[1]).toBe(`x;"'=HYPERLINK(""a"";""b"")";private;3;1,0;12;1,0;30;1,0;45;100,0`);
	});

	it('leaves suppressed cells of a provider breakdown out of the download', () => {
		const counts = [3, 12, 30];
		const cells = suppressRow(counts).map((cell, index) => ({ cell, pct: [6.7, 26.7, 66.7][index]! }));
		const exported = providerBreakdownExport('maatwerk', [{ providerCode: 'p1', providerName: 'P', group: 'public', cells, total: 45 }]);
		expect(toCsv(exported, 'international').split('\r\n')[1]).toBe('p1,P,public,,,,,30,66.7,45,100.0');
		expect(JSON.stringify(toRecords(exported))).not.toContain('12');
	});

	it('writes response rates with an empty rate when nothing was sent', () => {
		const csv = toCsv(
			responseRateExport([
				{ wave: 'W', group: 'public', sent: 8, started: 5, completed: 3, rate: 37.5 },
				{ wave: 'W', group: 'private', sent: 0, started: 0, completed: 0, rate: null }
			]),
			'nl'
		).split('\r\n');
		expect(csv.slice(0, 3)).toEqual(['wave;group;invitations_sent;started;completed;completion_rate_pct', 'W;public;8;5;3;37,5', 'W;private;0;0;0;']);
	});
});

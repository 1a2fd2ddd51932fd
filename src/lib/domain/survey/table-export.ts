/**
 * The research tables as downloads: one neutral shape (named columns, rows of numbers and codes)
 * that becomes CSV (Dutch: `;` and a decimal comma; international: `,` and a point), an XLSX sheet
 * or JSON. The values are the ones on screen: counts and the percentages of the standard-table
 * module, nothing recomputed here. A suppressed cell is null: left out of every download.
 */
import type { SheetData } from 'write-excel-file/node';
import { tableCategories, type DistributionCells, type StandardTable } from './standard-table';
import type { SuppressedCell } from './suppression';

export type ExportValue = string | number | null;
export type ExportColumnKind = 'text' | 'count' | 'percent';

export interface ExportColumn {
	key: string;
	kind: ExportColumnKind;
}

export interface ExportTable {
	/** Sheet name and file name part: short, no special characters. */
	name: string;
	columns: ExportColumn[];
	rows: ExportValue[][];
}

export const csvStyles = ['nl', 'international'] as const;
export type CsvStyle = (typeof csvStyles)[number];

const categoryColumns: ExportColumn[] = [...tableCategories, 'total' as const].flatMap((category) => [
	{ key: `${category}_n`, kind: 'count' as const },
	{ key: `${category}_pct`, kind: 'percent' as const }
]);

function cellsOf(cells: DistributionCells): ExportValue[] {
	return [...tableCategories, 'total' as const].flatMap((category) => [cells.n[category], cells.pct[category]]);
}

export function standardTableExport(table: StandardTable): ExportTable {
	return {
		name: table.domain,
		columns: [{ key: 'group', kind: 'text' }, ...categoryColumns],
		rows: table.rows.map((row) => [row.group, ...cellsOf(row)])
	};
}

export interface ItemExportRow extends DistributionCells {
	code: string;
	domain: string;
	negative: boolean;
}

export function itemTableExport(rows: readonly ItemExportRow[]): ExportTable {
	return {
		name: 'items',
		columns: [
			{ key: 'item', kind: 'text' },
			{ key: 'domain', kind: 'text' },
			{ key: 'negative', kind: 'count' },
			...categoryColumns
		],
		rows: rows.map((row) => [row.code, row.domain, row.negative ? 1 : 0, ...cellsOf(row)])
	};
}

export interface ResponseRateExportRow {
	wave: string;
	group: string;
	sent: number;
	started: number;
	completed: number;
	rate: number | null;
}

export function responseRateExport(rows: readonly ResponseRateExportRow[]): ExportTable {
	return {
		name: 'response_rates',
		columns: [
			{ key: 'wave', kind: 'text' },
			{ key: 'group', kind: 'text' },
			{ key: 'invitations_sent', kind: 'count' },
			{ key: 'started', kind: 'count' },
			{ key: 'completed', kind: 'count' },
			{ key: 'completion_rate_pct', kind: 'percent' }
		],
		rows: rows.map((row) => [row.wave, row.group, row.sent, row.started, row.completed, row.rate])
	};
}

export interface BreakdownExportRow {
	providerCode: string;
	providerName: string;
	group: string;
	/** nee, een_beetje, ja: shown (with its percentage) or suppressed. */
	cells: readonly { cell: SuppressedCell; pct: number | null }[];
	total: number;
}

/** Per provider; suppressed cells are left empty, never `<5` with a number behind it. */
export function providerBreakdownExport(domain: string, rows: readonly BreakdownExportRow[]): ExportTable {
	return {
		name: `${domain}_providers`,
		columns: [
			{ key: 'provider_code', kind: 'text' },
			{ key: 'provider_name', kind: 'text' },
			{ key: 'group', kind: 'text' },
			...categoryColumns
		],
		rows: rows.map((row) => [
			row.providerCode,
			row.providerName,
			row.group,
			...row.cells.flatMap(({ cell, pct }) => (cell.kind === 'shown' ? [cell.n, pct] : [null, null])),
			row.total,
			100
		])
	};
}

/** A number as the style writes it: counts as digits, percentages with one decimal. */
export function csvNumber(value: number, kind: ExportColumnKind, style: CsvStyle): string {
	const text = kind === 'percent' ? value.toFixed(1) : String(value);
	return style === 'nl' ? text.replace('.', ',') : text;
}

function csvText(text: string, separator: string): string {
	// A spreadsheet would run a cell that starts like a formula: make it plain text.
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /["\r\n]/.test(safe) || safe.includes(separator) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The table as CSV with a header row of column keys; empty for null; CRLF line ends. */
export function toCsv(table: ExportTable, style: CsvStyle): string {
	const separator = style === 'nl' ? ';' : ',';
	const lines = [table.columns.map((column) => csvText(column.key, separator)).join(separator)];
	for (const row of table.rows) {
		lines.push(
			row
				.map((value, index) => {
					if (value === null) return '';
					if (typeof value === 'number') return csvNumber(value, table.columns[index]?.kind ?? 'count', style);
					return csvText(value, separator);
				})
				.join(separator)
		);
	}
	return lines.join('\r\n') + '\r\n';
}

/** The table as objects keyed by column, for JSON. */
export function toRecords(table: ExportTable): Record<string, ExportValue>[] {
	return table.rows.map((row) => Object.fromEntries(table.columns.map((column, index) => [column.key, row[index] ?? null])));
}

/** The table as one XLSX sheet: numbers as numbers, percentages as fractions formatted `0.0%`. */
export function toSheet(table: ExportTable): { sheet: string; data: SheetData } {
	const header = table.columns.map((column) => ({ value: column.key, fontWeight: 'bold' as const }));
	const body = table.rows.map((row) =>
		row.map((value, index) => {
			if (value === null) return null;
			if (typeof value === 'string') return { value, type: String };
			return table.columns[index]?.kind === 'percent'
				? { value: Math.round(value * 10) / 1000, type: Number, format: '0.0%' }
				: { value, type: Number };
		})
	);
	return { sheet: table.name.slice(0, 31), data: [header, ...body] as SheetData };
}

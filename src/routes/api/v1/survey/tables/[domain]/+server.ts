import { isSurveyDomain, surveyDomains } from '$lib/domain/survey/instrument';
import { providerBreakdownExport, standardTableExport, type ExportTable } from '$lib/domain/survey/table-export';
import { publicationMinimum } from '$lib/server/app';
import { providerBreakdown, standardTables, type DomainTable } from '$lib/server/services/research';
import { problem, refusal, surveyDownload } from '../download';
import type { RequestHandler } from './$types';

/**
 * The standard table of one domain (`?breakdown=provider`: per provider, from the publication
 * minimum on, small cells suppressed) for a selection: JSON, `format=csv` or `format=xlsx`.
 */
export const GET: RequestHandler = async (event) => {
	const domain = event.params.domain;
	const refused = refusal(event.locals.actor);
	if (refused) return refused;
	if (domain === 'all') {
		if (event.url.searchParams.has('breakdown')) return problem(400, 'a breakdown per provider needs one domain', 'breakdown');
		return allDomains(event);
	}
	if (!isSurveyDomain(domain)) return problem(400, `unknown domain ${JSON.stringify(domain)}; expected one of: ${surveyDomains.join(', ')}, all`, 'domain');

	return surveyDownload(event, domain, async (query) => {
		if (query.breakdown === 'provider') {
			const result = await providerBreakdown(event.locals.db, event.locals.actor, query.selection, publicationMinimum());
			const breakdown = result.domains.find((entry) => entry.domain === domain)!;
			const table = providerBreakdownExport(domain, breakdown.rows);
			return {
				body: {
					domain,
					waves: result.waves,
					minimum: result.minimum,
					withheld: breakdown.withheld,
					rows: breakdown.rows.map((row) => ({
						provider_code: row.providerCode,
						provider_name: row.providerName,
						group: row.group,
						// A suppressed cell (1–4, or hidden with it) is null: never published.
						n: {
							nee: row.cells[0]!.cell.kind === 'shown' ? row.cells[0]!.cell.n : null,
							een_beetje: row.cells[1]!.cell.kind === 'shown' ? row.cells[1]!.cell.n : null,
							ja: row.cells[2]!.cell.kind === 'shown' ? row.cells[2]!.cell.n : null,
							total: row.total
						},
						pct: { nee: row.cells[0]!.pct, een_beetje: row.cells[1]!.pct, ja: row.cells[2]!.pct, total: 100 }
					}))
				},
				tables: [table]
			};
		}
		const result = await standardTables(event.locals.db, event.locals.actor, query.selection);
		const entry = result.domains.find((candidate) => candidate.table.domain === domain)!;
		return { body: domainBody(entry, result.waves), tables: [standardTableExport(entry.table), chiSquareTable([entry])] };
	});
};

/** The documented JSON of one domain's table. */
function domainBody({ table, chiSquare }: DomainTable, waves: string[]) {
	return {
		domain: table.domain,
		waves,
		rows: table.rows.map((row) => ({ group: row.group, n: row.n, pct: row.pct })),
		chi_square: chiSquare ? { statistic: chiSquare.statistic, df: chiSquare.df, p_value: chiSquare.pValue } : null
	};
}

/** The chi-square results as a sheet: one row per domain (none when there was nothing to test). */
function chiSquareTable(entries: DomainTable[]): ExportTable {
	return {
		name: 'chi_square',
		columns: [
			{ key: 'domain', kind: 'text' },
			{ key: 'statistic', kind: 'text' },
			{ key: 'df', kind: 'count' },
			{ key: 'p_value', kind: 'text' },
			{ key: 'expected_below_5', kind: 'count' }
		],
		rows: entries.flatMap(({ table, chiSquare }) => (chiSquare ? [[table.domain, chiSquare.statistic, chiSquare.df, chiSquare.pValue, chiSquare.lowExpected ? 1 : 0]] : []))
	};
}

/**
 * `tables/all`: the four standard tables at once. JSON: `{ waves, tables: [one domain's JSON …] }`;
 * XLSX: a sheet per domain and one with the chi-square tests; CSV: one long table with a domain column.
 */
function allDomains(event: Parameters<RequestHandler>[0]): Promise<Response> {
	return surveyDownload(event, 'all', async (query) => {
		const result = await standardTables(event.locals.db, event.locals.actor, query.selection);
		const sheets = result.domains.map((entry) => standardTableExport(entry.table));
		const long: ExportTable = {
			name: 'tables',
			columns: [{ key: 'domain', kind: 'text' }, ...sheets[0]!.columns],
			rows: sheets.flatMap((sheet) => sheet.rows.map((row) => [sheet.name, ...row]))
		};
		return {
			body: { waves: result.waves, tables: result.domains.map((entry) => domainBody(entry, result.waves)) },
			tables: query.format === 'csv' ? [long] : [...sheets, chiSquareTable(result.domains)]
		};
	});
}

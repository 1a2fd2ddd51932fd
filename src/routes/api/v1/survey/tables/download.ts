import { json } from '@sveltejs/kit';
import writeXlsxFile from 'write-excel-file/node';
import type { Actor } from '$lib/domain/actor';
import { Forbidden, Invalid } from '$lib/domain/errors';
import { toCsv, toSheet, type ExportTable } from '$lib/domain/survey/table-export';
import { parseResearchQuery, type ResearchQuery } from '$lib/schemas/research';
import type { Db } from '$lib/server/db';
import { canReadResearch, recordResearchDownload, UnknownWave } from '$lib/server/services/research';

/**
 * The answer of every research table endpoint (`/api/v1/survey/…`), for the portal's download
 * links and for scripts alike: who may ask (401 without a researcher session or token, 403 for
 * another role — before anything about the request is read), the query, then JSON (default), CSV
 * or XLSX of the same numbers, and an audit entry for every download. Messages are English and
 * fixed: they are part of the API.
 */

export interface SurveyView {
	/** JSON body. */
	body: unknown;
	/** The tables for CSV (the first) and XLSX (one sheet each). */
	tables: ExportTable[];
}

const noStore = { 'Cache-Control': 'private, no-store' };

export function problem(status: number, error: string, parameter?: string): Response {
	return json(parameter === undefined ? { error } : { error, parameter }, { status, headers: noStore });
}

/** 401/403 as JSON, or null when the actor may read research tables. */
export function refusal(actor: Actor): Response | null {
	if (actor.kind !== 'user') {
		const response = problem(401, 'sign in as a researcher or send Authorization: Bearer <token>');
		response.headers.set('WWW-Authenticate', 'Bearer');
		return response;
	}
	if (!canReadResearch(actor)) return problem(403, 'research tables are for researchers only');
	return null;
}

function fileName(view: string, query: ResearchQuery, extension: string): string {
	const waves = query.selection.waves.join('_').replace(/[^A-Za-z0-9_-]/g, '') || 'all';
	return `regie-${view}-${waves}.${extension}`.slice(0, 120);
}

export async function surveyDownload(
	request: { url: URL; locals: { db: Db; actor: Actor } },
	view: string,
	build: (query: ResearchQuery) => Promise<SurveyView>
): Promise<Response> {
	const { url, locals } = request;
	const refused = refusal(locals.actor);
	if (refused) return refused;
	const parsed = parseResearchQuery(url.searchParams);
	if (!parsed.success) return problem(400, parsed.problem.error, parsed.problem.parameter);
	const { query } = parsed;
	let result: SurveyView;
	try {
		result = await build(query);
	} catch (caught) {
		if (caught instanceof UnknownWave) return problem(404, caught.message, 'wave');
		if (caught instanceof Invalid) return problem(400, 'unknown organisation code', 'organisation');
		if (caught instanceof Forbidden) return problem(403, 'research tables are for researchers only');
		throw caught;
	}
	const format = query.format ?? 'json';
	await recordResearchDownload(locals.db, locals.actor, { view, format: format === 'csv' ? `csv-${query.csvStyle}` : format, selection: query.selection });
	if (format === 'json') return json(result.body, { headers: noStore });
	const first = result.tables[0];
	if (format === 'csv' && first) {
		// Excel in Dutch settings reads UTF-8 only with a byte-order mark; R and Python read the international file as is.
		const text = (query.csvStyle === 'nl' ? '\uFEFF' : '') + toCsv(first, query.csvStyle);
		return new Response(text, {
			headers: { ...noStore, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName(view, query, 'csv')}"` }
		});
	}
	const buffer = await writeXlsxFile(result.tables.map((table) => toSheet(table))).toBuffer();
	return new Response(new Uint8Array(buffer), {
		headers: {
			...noStore,
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${fileName(view, query, 'xlsx')}"`
		}
	});
}

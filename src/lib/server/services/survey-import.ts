import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid } from '$lib/domain/errors';
import { providerGroupOf, providerGroups, providerTypes, type ProviderGroup, type ProviderType } from '$lib/domain/reference';
import { isAnswerCode, isValidOverall, type AnswerCode, type InstrumentVersion } from '$lib/domain/survey/instrument';
import type { Database } from '$lib/server/db';
import { recordAudit } from './audit';
import { ensureWave } from './survey-invitations';
import { latestPublishedVersion, loadInstrument } from './survey-instrument';
import { storedScores } from './survey-scores';

/**
 * Import of paper responses (issue 5): a CSV file (UTF-8, a BOM is fine, `,` or `;` separated,
 * header row) with the columns `provider` (register code), `completed_on` (YYYY-MM-DD), one column
 * per item code (`ja`, `een_beetje`, `nee`, or empty = skipped), optional `overall` (1–10) and
 * optional `instrument_version` (default: the latest published). Answers are stored raw, as ticked;
 * reverse coding belongs to the scoring module, whose scale scores each response stores with it
 * (survey-scores.ts).
 *
 * All or nothing: one bad row rejects the file with every problem found, and nothing is stored.
 * The same file (by checksum) is imported into a wave once, unless forced.
 */

export type ImportProblemKind =
	| 'empty_file'
	| 'unreadable_row'
	| 'missing_column'
	| 'duplicate_column'
	| 'unknown_column'
	| 'unknown_provider'
	| 'bad_date'
	| 'unknown_answer'
	| 'bad_overall'
	| 'unknown_version'
	| 'not_in_version';

export interface ImportProblem {
	/** Row as a spreadsheet numbers it: 1 is the header row, 2 the first response. */
	row: number;
	column: string | null;
	kind: ImportProblemKind;
	value?: string;
}

export interface ParsedResponse {
	row: number;
	providerId: string;
	group: ProviderGroup;
	completedOn: string;
	instrumentVersion: number;
	answers: Record<string, AnswerCode>;
	overall: number | null;
}

export interface ImportContext {
	/** Register code → provider id and aggregation group. */
	providers: ReadonlyMap<string, { id: string; group: ProviderGroup }>;
	/** Stored instrument versions that may be imported into. */
	instruments: ReadonlyMap<number, InstrumentVersion>;
	defaultVersion: number;
}

const fixedColumns = ['provider', 'completed_on', 'overall', 'instrument_version'] as const;

function validDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parse and check a whole file without touching the database. Pure but for its context. */
export function parseResponsesCsv(text: string, context: ImportContext): { responses: ParsedResponse[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	const content = text.replace(/^\uFEFF/, '');
	// Empty lines are kept, so that a record's index + 1 is its row number as a spreadsheet shows it.
	const parsed = Papa.parse<string[]>(content, { delimitersToGuess: [',', ';'], skipEmptyLines: false });
	const blank = (cells: string[] | undefined) => !cells || cells.every((cell) => cell.trim() === '');
	const [header, ...rows] = parsed.data;
	if (!header || blank(header) || rows.every(blank)) return { responses: [], problems: [{ row: 1, column: null, kind: 'empty_file' }] };

	const columns = header.map((name) => name.trim().toLowerCase());
	const itemCodes = new Set([...context.instruments.values()].flatMap((instrument) => instrument.items.map((item) => item.code)));
	const seen = new Set<string>();
	for (const column of columns) {
		if (seen.has(column)) problems.push({ row: 1, column, kind: 'duplicate_column' });
		seen.add(column);
		if (!(fixedColumns as readonly string[]).includes(column) && !itemCodes.has(column)) problems.push({ row: 1, column, kind: 'unknown_column' });
	}
	for (const required of ['provider', 'completed_on']) {
		if (!seen.has(required)) problems.push({ row: 1, column: required, kind: 'missing_column' });
	}
	if (problems.length > 0) return { responses: [], problems };

	const responses: ParsedResponse[] = [];
	rows.forEach((cells, index) => {
		const row = index + 2;
		if (blank(cells)) return;
		if (cells.length !== columns.length) {
			problems.push({ row, column: null, kind: 'unreadable_row' });
			return;
		}
		const value = (column: string) => (cells[columns.indexOf(column)] ?? '').trim();
		const before = problems.length;

		const code = value('provider').toLowerCase();
		const provider = context.providers.get(code);
		if (!provider) problems.push({ row, column: 'provider', kind: 'unknown_provider', value: value('provider') });

		const completedOn = value('completed_on');
		if (!validDate(completedOn)) problems.push({ row, column: 'completed_on', kind: 'bad_date', value: completedOn });

		let version = context.defaultVersion;
		const versionText = seen.has('instrument_version') ? value('instrument_version') : '';
		if (versionText !== '') {
			version = /^\d+$/.test(versionText) ? Number(versionText) : NaN;
			if (!context.instruments.has(version)) problems.push({ row, column: 'instrument_version', kind: 'unknown_version', value: versionText });
		}
		const instrument = context.instruments.get(version);

		let overall: number | null = null;
		const overallText = seen.has('overall') ? value('overall') : '';
		if (overallText !== '') {
			overall = /^\d+$/.test(overallText) ? Number(overallText) : NaN;
			if (!isValidOverall(overall)) problems.push({ row, column: 'overall', kind: 'bad_overall', value: overallText });
		}

		const answers: Record<string, AnswerCode> = {};
		for (const column of columns) {
			if (!itemCodes.has(column)) continue;
			const answer = value(column).toLowerCase();
			if (answer === '') continue;
			if (instrument && !instrument.items.some((item) => item.code === column)) {
				problems.push({ row, column, kind: 'not_in_version', value: answer });
			} else if (!isAnswerCode(answer)) {
				problems.push({ row, column, kind: 'unknown_answer', value: value(column) });
			} else {
				answers[column] = answer;
			}
		}
		if (problems.length === before && provider && instrument) {
			responses.push({ row, providerId: provider.id, group: provider.group, completedOn, instrumentVersion: version, answers, overall });
		}
	});
	return problems.length > 0 ? { responses: [], problems } : { responses, problems };
}

export interface ImportInput {
	wave: string;
	fileName: string;
	/** The file as uploaded or read from disk. */
	content: Uint8Array | string;
	/** Import even when this file was already imported into this wave. */
	force?: boolean;
}

export type ImportOutcome =
	| { kind: 'imported'; batchId: string; stored: number; perGroup: Record<ProviderGroup, number> }
	| { kind: 'rejected'; problems: ImportProblem[] }
	| { kind: 'duplicate'; batchId: string; importedAt: string };

const CHUNK = 200;

export async function importPaperResponses(db: Kysely<Database>, actor: Actor, input: ImportInput, now = new Date()): Promise<ImportOutcome> {
	if (!can(actor, { action: 'survey.import' }) || actor.kind !== 'user') throw new Forbidden();
	const wave = input.wave.trim();
	if (wave === '' || wave.length > 50) throw new Invalid({ wave: 'survey_error_wave' });
	const bytes = typeof input.content === 'string' ? new TextEncoder().encode(input.content) : input.content;
	const checksum = createHash('sha256').update(bytes).digest('hex');
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { kind: 'rejected', problems: [{ row: 1, column: null, kind: 'unreadable_row', value: 'not_utf8' }] };
	}

	const context = await importContext(db);
	const { responses, problems } = parseResponsesCsv(text, context);
	if (problems.length > 0) return { kind: 'rejected', problems };

	return db.transaction().execute(async (trx): Promise<ImportOutcome> => {
		// Imports into one wave take turns: the wave's row is locked until this transaction ends
		// (PostgreSQL; SQLite runs one write transaction at a time), so two uploads of the same file
		// at once cannot both pass the checksum check.
		await ensureWave(trx, wave, now);
		await trx.updateTable('survey_waves').set({ name: wave }).where('name', '=', wave).execute();
		const earlier = await trx
			.selectFrom('survey_import_batches')
			.select(['id', 'imported_at'])
			.where('wave', '=', wave)
			.where('checksum', '=', checksum)
			.orderBy('imported_at')
			.executeTakeFirst();
		if (earlier && !input.force) return { kind: 'duplicate', batchId: earlier.id, importedAt: earlier.imported_at };

		const perGroup = Object.fromEntries(providerGroups.map((group) => [group, 0])) as Record<ProviderGroup, number>;
		for (const response of responses) perGroup[response.group] += 1;
		const batchId = crypto.randomUUID();
		await trx
			.insertInto('survey_import_batches')
			.values({
				id: batchId,
				wave,
				checksum,
				file_name: input.fileName.slice(0, 255),
				imported_by: actor.id,
				imported_at: now.toISOString(),
				counts: JSON.stringify(perGroup)
			})
			.execute();
		const rows = responses.map((response) => ({ id: crypto.randomUUID(), response }));
		for (let start = 0; start < rows.length; start += CHUNK) {
			const chunk = rows.slice(start, start + CHUNK);
			await trx
				.insertInto('survey_responses')
				.values(
					chunk.map(({ id, response }) => ({
						id,
						invitation_id: null,
						trajectory_id: null,
						provider_id: response.providerId,
						wave,
						instrument_version: response.instrumentVersion,
						source: 'paper',
						import_batch_id: batchId,
						started_at: `${response.completedOn}T00:00:00.000Z`,
						completed_at: `${response.completedOn}T00:00:00.000Z`,
						overall: response.overall,
						comment: null,
						progress: 0,
						...storedScores(response.answers, context.instruments.get(response.instrumentVersion)!)
					}))
				)
				.execute();
		}
		const answers = rows.flatMap(({ id, response }) =>
			Object.entries(response.answers).map(([item_code, answer]) => ({ response_id: id, item_code, answer }))
		);
		for (let start = 0; start < answers.length; start += CHUNK * 5) {
			await trx.insertInto('survey_answers').values(answers.slice(start, start + CHUNK * 5)).execute();
		}
		await recordAudit(
			trx,
			{ actorId: actor.id, action: 'survey.imported', entityType: 'survey_import_batch', entityId: batchId, details: { wave, file: input.fileName, stored: rows.length, forced: Boolean(earlier) } },
			now
		);
		return { kind: 'imported', batchId, stored: rows.length, perGroup };
	});
}

async function importContext(db: Kysely<Database>): Promise<ImportContext> {
	const providerRows = await db.selectFrom('providers').select(['id', 'code', 'detailed_type']).execute();
	const providers = new Map<string, { id: string; group: ProviderGroup }>();
	for (const row of providerRows) {
		if (!(providerTypes as readonly string[]).includes(row.detailed_type)) continue;
		providers.set(row.code.toLowerCase(), { id: row.id, group: providerGroupOf(row.detailed_type as ProviderType) });
	}
	const published = await db.selectFrom('instrument_versions').select('version').where('status', '=', 'published').execute();
	const instruments = new Map<number, InstrumentVersion>();
	for (const { version } of published) {
		const instrument = await loadInstrument(db, Number(version));
		if (instrument) instruments.set(Number(version), instrument);
	}
	return { providers, instruments, defaultVersion: await latestPublishedVersion(db) };
}

/** A problem as one line of English, for the command line. */
export function describeProblem(problem: ImportProblem): string {
	const where = `row ${problem.row}${problem.column ? `, column ${problem.column}` : ''}`;
	const value = problem.value !== undefined ? ` (${JSON.stringify(problem.value)})` : '';
	const what: Record<ImportProblemKind, string> = {
		empty_file: 'the file has no header row or no responses',
		unreadable_row: 'the row cannot be read (wrong number of fields or quotes)',
		missing_column: 'a required column is missing',
		duplicate_column: 'the column appears twice',
		unknown_column: 'unknown column',
		unknown_provider: 'unknown provider code',
		bad_date: 'not a date as YYYY-MM-DD',
		unknown_answer: 'unknown answer; use ja, een_beetje, nee or leave empty',
		bad_overall: 'overall must be a whole number from 1 to 10, or empty',
		unknown_version: 'unknown or unpublished instrument version',
		not_in_version: 'this item is not part of the instrument version of the row'
	};
	return `${where}: ${what[problem.kind]}${value}`;
}

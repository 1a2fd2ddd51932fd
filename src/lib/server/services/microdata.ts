import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { Actor, UserActor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { benefitTypes, organisationKinds, providerTypes, type BenefitType } from '$lib/domain/reference';
import { dataPackage } from '$lib/domain/survey/codebook';
import type { InstrumentVersion, RawAnswers } from '$lib/domain/survey/instrument';
import { csvLine, microdataColumns, microdataItems, microdataRow, namedGemeenten, pseudonyms } from '$lib/domain/survey/microdata';
import type { ResearchSelection } from '$lib/schemas/research';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';
import { loadInstrument } from './survey-instrument';
import { startOfNextDay } from './survey-scores';

/**
 * The microdata download (issue 6): a zip with `microdata.csv` (one row per completed response of
 * the selection, see `$lib/domain/survey/microdata`) and `datapackage.json` (the codebook). The zip
 * is produced while it is sent: responses are read in batches of BATCH by id, scored and deflated,
 * so memory stays flat whatever the size of the selection. Every download is audit-logged.
 */

const BATCH = 1000;

export interface MicrodataChoices {
	waves: { name: string; completed: number }[];
	organisations: { code: string; name: string; kind: string }[];
	benefits: readonly BenefitType[];
}

function assertMayRead(actor: Actor): asserts actor is UserActor {
	if (!can(actor, { action: 'research.read' })) throw new Forbidden();
}

/** What the selection form offers: the waves (with completed responses), paying organisations, benefits. */
export async function microdataChoices(db: Db, actor: Actor): Promise<MicrodataChoices> {
	assertMayRead(actor);
	const waves = await db
		.selectFrom('survey_waves')
		.leftJoin('survey_responses', (join) => join.onRef('survey_responses.wave', '=', 'survey_waves.name').on('survey_responses.completed_at', 'is not', null))
		.select(['survey_waves.name', (eb) => eb.fn.count<string | number>('survey_responses.id').as('completed')])
		.groupBy('survey_waves.name')
		.orderBy('survey_waves.name')
		.execute();
	const organisations = await db.selectFrom('organisations').select(['code', 'name', 'kind']).orderBy('kind', 'desc').orderBy('name').execute();
	return { waves: waves.map((wave) => ({ name: wave.name, completed: Number(wave.completed) })), organisations, benefits: benefitTypes };
}

/** The completed responses of a selection, with what a row needs (and the ids to page by). */
function selected(db: Db, selection: ResearchSelection) {
	let query = db
		.selectFrom('survey_responses as r')
		.innerJoin('providers as p', 'p.id', 'r.provider_id')
		.leftJoin('trajectories as t', 't.id', 'r.trajectory_id')
		.leftJoin('organisations as o', 'o.id', 't.organisation_id')
		.leftJoin('users as u', 'u.id', 't.client_id')
		.where('r.completed_at', 'is not', null)
		.where('r.wave', 'in', selection.waves);
	if (selection.organisations.length > 0) query = query.where('o.code', 'in', selection.organisations);
	if (selection.benefits.length > 0) query = query.where('u.benefit_type', 'in', selection.benefits);
	if (selection.from) query = query.where('r.completed_at', '>=', `${selection.from}T00:00:00.000Z`);
	if (selection.to) query = query.where('r.completed_at', '<', startOfNextDay(selection.to));
	return query;
}

/** How many rows an export of this selection would have (for the portal, before the download). */
export async function countMicrodata(db: Db, actor: Actor, selection: ResearchSelection): Promise<number> {
	assertMayRead(actor);
	if (selection.waves.length === 0) return 0;
	const row = await selected(db, selection)
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export interface MicrodataExport {
	fileName: string;
	/** The zip, produced while it is read. */
	stream: ReadableStream<Uint8Array>;
}

/**
 * Check the selection (waves required and known; organisations known), write the audit entry and
 * return the zip as a stream. `via` says where it was asked for (portal or API), for the log.
 */
export async function exportMicrodata(db: Db, actor: Actor, selection: ResearchSelection, via: 'portal' | 'api', now = new Date()): Promise<MicrodataExport> {
	assertMayRead(actor);
	if (selection.waves.length === 0) throw new Invalid({ wave: 'microdata_error_no_wave' });
	const knownWaves = await db.selectFrom('survey_waves').select('name').where('name', 'in', selection.waves).execute();
	const unknownWave = selection.waves.find((wave) => !knownWaves.some((known) => known.name === wave));
	if (unknownWave !== undefined) throw new NotFound(`unknown wave ${JSON.stringify(unknownWave)}`);
	if (selection.organisations.length > 0) {
		const known = await db.selectFrom('organisations').select('code').where('code', 'in', selection.organisations).execute();
		const unknown = selection.organisations.find((code) => !known.some((row) => row.code === code));
		if (unknown !== undefined) throw new NotFound(`unknown organisation ${JSON.stringify(unknown)}`);
	}

	await recordAudit(db, { actorId: actor.id, action: 'research.microdata.download', entityType: 'survey_microdata', details: { via, selection } }, now);

	// Which gemeenten have enough responses in this selection to be named.
	const perGemeente = await selected(db, selection)
		.where('o.kind', '=', 'gemeente')
		.select(['o.code as code', (eb) => eb.fn.countAll<string | number>().as('count')])
		.groupBy('o.code')
		.execute();
	const named = namedGemeenten(new Map(perGemeente.map((row) => [row.code as string, Number(row.count)])));

	const versions = await selected(db, selection).select('r.instrument_version').distinct().execute();
	const instruments = new Map<number, InstrumentVersion>();
	for (const { instrument_version } of versions) {
		const instrument = await loadInstrument(db, Number(instrument_version));
		if (instrument) instruments.set(instrument.version, instrument);
	}
	const items = microdataItems([...instruments.values()]);
	const nextId = pseudonyms();
	const encoder = new TextEncoder();

	let after = '';
	let rowCount = 0;
	let finished = false;
	let chunks: Uint8Array[] = [];
	const zip = new Zip((failure, data) => {
		if (failure) throw failure;
		chunks.push(data);
	});
	const csv = new ZipDeflate('microdata.csv', { level: 6 });
	zip.add(csv);
	csv.push(encoder.encode(csvLine(microdataColumns(items))));

	/** One batch of rows into the zip; at the end, the codebook. */
	async function step(): Promise<void> {
		const rows = await selected(db, selection)
			.select([
				'r.id',
				'r.wave',
				'r.instrument_version',
				'r.completed_at',
				'r.overall',
				'p.code as provider_code',
				'p.detailed_type',
				'o.kind as payer_kind',
				'o.code as payer_code',
				'u.benefit_type'
			])
			.where('r.id', '>', after)
			.orderBy('r.id')
			.limit(BATCH)
			.execute();
		if (rows.length > 0) {
			after = rows[rows.length - 1]!.id;
			const answers = await db
				.selectFrom('survey_answers')
				.select(['response_id', 'item_code', 'answer'])
				.where('response_id', 'in', rows.map((row) => row.id))
				.execute();
			const answersOf = new Map<string, Record<string, string>>();
			for (const answer of answers) {
				const own = answersOf.get(answer.response_id) ?? {};
				own[answer.item_code] = answer.answer;
				answersOf.set(answer.response_id, own);
			}
			let text = '';
			for (const row of rows) {
				const instrument = instruments.get(Number(row.instrument_version));
				if (!instrument) continue;
				const values = microdataRow(
					{
						answers: (answersOf.get(row.id) ?? {}) as RawAnswers,
						instrumentVersion: instrument.version,
						providerCode: row.provider_code,
						providerType: known(providerTypes, row.detailed_type),
						payerKind: row.payer_kind ? known(organisationKinds, row.payer_kind) : null,
						payerCode: row.payer_code ?? null,
						benefitType: row.benefit_type ? known(benefitTypes, row.benefit_type) : null,
						wave: row.wave,
						completedAt: row.completed_at!,
						overall: row.overall === null ? null : Number(row.overall)
					},
					instrument,
					items,
					{ respondentId: nextId(), namedGemeenten: named }
				);
				text += csvLine(values);
				rowCount += 1;
			}
			csv.push(encoder.encode(text));
		}
		if (rows.length < BATCH) {
			csv.push(new Uint8Array(0), true);
			const pkg = dataPackage(items, { created: now.toISOString(), selection: { ...selection }, rowCount });
			const codebook = new ZipDeflate('datapackage.json', { level: 6 });
			zip.add(codebook);
			codebook.push(strToU8(JSON.stringify(pkg, null, 2)), true);
			zip.end();
			finished = true;
		}
	}

	const stream = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				// Keep going until there is something to send (a small batch may deflate to nothing yet).
				while (chunks.length === 0 && !finished) await step();
				const out = chunks;
				chunks = [];
				for (const chunk of out) controller.enqueue(chunk);
				if (finished && chunks.length === 0) controller.close();
			} catch (failure) {
				controller.error(failure);
			}
		}
	});

	const stamp = now.toISOString().slice(0, 10);
	const waves = selection.waves.map((wave) => wave.replace(/[^A-Za-z0-9_-]+/g, '_')).join('+');
	return { fileName: `regie-microdata-${waves}-${stamp}.zip`.slice(0, 120), stream };
}

/** A stored code as the domain type; anything else is a broken database, not something to guess at. */
function known<T extends string>(list: readonly T[], value: string): T {
	if (!(list as readonly string[]).includes(value)) throw new Error(`microdata: unexpected stored code ${JSON.stringify(value)}`);
	return value as T;
}

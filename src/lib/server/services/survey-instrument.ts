import type { Kysely } from 'kysely';
import { isSurveyDomain, orderedItems, surveyDomains, type InstrumentVersion, type SurveyDomain } from '$lib/domain/survey/instrument';
import type { Database } from '$lib/server/db';

/**
 * Instrument versions as stored (product brief §4): read back into the pure `InstrumentVersion`
 * shape that the scoring module and the answering pages use.
 */

/** The version new invitations and imports use by default: the latest published one. */
export async function latestPublishedVersion(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('instrument_versions')
		.select('version')
		.where('status', '=', 'published')
		.orderBy('version', 'desc')
		.executeTakeFirst();
	if (!row) throw new Error('Regie: no published survey instrument version');
	return row.version;
}

/** One stored instrument version with its items in questionnaire order, or null when unknown. */
export async function loadInstrument(db: Kysely<Database>, version: number): Promise<InstrumentVersion | null> {
	const exists = await db.selectFrom('instrument_versions').select('version').where('version', '=', version).executeTakeFirst();
	if (!exists) return null;
	const rows = await db.selectFrom('instrument_items').selectAll().where('version', '=', version).orderBy('position').execute();
	return {
		version,
		items: rows.map((row) => {
			if (!isSurveyDomain(row.domain)) throw new Error(`Regie: item ${row.code} has unknown domain ${row.domain}`);
			return {
				code: row.code,
				domain: row.domain,
				negative: Number(row.negative) === 1,
				wording: { nl: row.wording_nl, en: row.wording_en },
				order: Number(row.position)
			};
		})
	};
}

/** The answering pages: one page per domain (in the brief's order), then the closing page. */
export interface SurveyPagePlan {
	domains: SurveyDomain[];
	/** Domains pages plus the closing page with `overall` and the comment. */
	pageCount: number;
}

export function pagesOf(instrument: InstrumentVersion): SurveyPagePlan {
	const domains = surveyDomains.filter((domain) => orderedItems(instrument, domain).length > 0);
	return { domains: [...domains], pageCount: domains.length + 1 };
}

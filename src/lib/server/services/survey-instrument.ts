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

/**
 * Published versions never change (survey-admin.ts refuses any edit of one), so each database
 * handle keeps those it has read: every survey page view and submit needs its version's items.
 * Drafts are read afresh every time.
 */
const publishedVersions = new WeakMap<Kysely<Database>, Map<number, InstrumentVersion>>();

/** One stored instrument version with its items in questionnaire order, or null when unknown. */
export async function loadInstrument(db: Kysely<Database>, version: number): Promise<InstrumentVersion | null> {
	const cached = publishedVersions.get(db)?.get(version);
	if (cached) return cached;
	const stored = await db.selectFrom('instrument_versions').select(['version', 'status']).where('version', '=', version).executeTakeFirst();
	if (!stored) return null;
	const rows = await db.selectFrom('instrument_items').selectAll().where('version', '=', version).orderBy('position').execute();
	const instrument: InstrumentVersion = {
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
	if (stored.status === 'published') {
		let cache = publishedVersions.get(db);
		if (!cache) publishedVersions.set(db, (cache = new Map()));
		cache.set(version, Object.freeze({ ...instrument, items: Object.freeze(instrument.items.map((item) => Object.freeze({ ...item, wording: Object.freeze({ ...item.wording }) }))) }));
		return cache.get(version)!;
	}
	return instrument;
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

/** What one page of the survey shows: the answering page and the admin's preview build it alike. */
export interface SurveyPageView {
	page: number;
	pageCount: number;
	domains: SurveyDomain[];
	/** The domain of this page; null on the closing page. */
	domain: SurveyDomain | null;
	items: { code: string; wording: { nl: string; en: string } }[];
	/** Saved answers of this page's items (null = none). */
	answers: Record<string, string | null>;
	/** The page was saved before: an item without an answer was skipped on purpose. */
	pageSaved: boolean;
	overall: number | null;
	comment: string | null;
}

export interface SavedAnswers {
	answers: Readonly<Record<string, string>>;
	overall: number | null;
	comment: string | null;
	/** The last page saved (0 = none). */
	progress: number;
}

const nothingSaved: SavedAnswers = { answers: {}, overall: null, comment: null, progress: 0 };

/** Page `page` (1-based, must exist) of an instrument, with what was saved so far. */
export function surveyPageView(instrument: InstrumentVersion, page: number, saved: SavedAnswers = nothingSaved): SurveyPageView {
	const { domains, pageCount } = pagesOf(instrument);
	const domain = page < pageCount ? domains[page - 1]! : null;
	const items = domain ? orderedItems(instrument, domain).map((item) => ({ code: item.code, wording: item.wording })) : [];
	return {
		page,
		pageCount,
		domains,
		domain,
		items,
		pageSaved: saved.progress >= page,
		answers: Object.fromEntries(items.map((item) => [item.code, saved.answers[item.code] ?? null])),
		overall: saved.overall,
		comment: saved.comment
	};
}

import type { Kysely } from 'kysely';
import type { Actor, UserActor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { surveyDomains, validateInstrument, type InstrumentItem, type InstrumentProblem, type InstrumentVersion } from '$lib/domain/survey/instrument';
import { itemCodeSchema, itemFieldsSchema, newItemSchema, type ItemFields, type NewItem } from '$lib/schemas/survey-admin';
import type { Database } from '$lib/server/db';
import { recordAudit } from './audit';
import { latestPublishedVersion, loadInstrument } from './survey-instrument';

/**
 * Instrument versions as the admin manages them (issue 5): a new draft starts as a copy of the
 * latest published version; a draft's items may be reworded, added, removed, marked negative and
 * reordered; publishing makes it the version new invitations and imports use.
 *
 * A published version is immutable. Every change below refuses it here, in the service, inside the
 * transaction that writes: the first statement of each is a conditional UPDATE of the version row
 * `WHERE status = 'draft'`, which also holds that row's lock until the end (PostgreSQL; SQLite runs
 * one write transaction at a time), so an edit and a publish at once cannot interleave.
 * Responses keep the version they answered: nothing here touches a published version's items.
 */

export type InstrumentStatus = 'draft' | 'published';

export interface InstrumentVersionSummary {
	version: number;
	status: InstrumentStatus;
	itemCount: number;
	createdAt: string;
	publishedAt: string | null;
}

export interface InstrumentVersionDetail extends InstrumentVersionSummary {
	instrument: InstrumentVersion;
	/** Nothing may change it: it is published. */
	immutable: boolean;
}

/** Managing the instrument belongs to the functional administrator, like the paper import. */
function assertMayManage(actor: Actor): asserts actor is UserActor {
	if (!can(actor, { action: 'survey.manage' }) || actor.kind !== 'user') throw new Forbidden();
}

const asStatus = (status: string): InstrumentStatus => (status === 'draft' ? 'draft' : 'published');

export async function listInstrumentVersions(db: Kysely<Database>, actor: Actor): Promise<InstrumentVersionSummary[]> {
	assertMayManage(actor);
	const rows = await db
		.selectFrom('instrument_versions as v')
		.leftJoin('instrument_items as i', 'i.version', 'v.version')
		.select(['v.version', 'v.status', 'v.created_at', 'v.published_at', (eb) => eb.fn.count<number>('i.code').as('items')])
		.groupBy(['v.version', 'v.status', 'v.created_at', 'v.published_at'])
		.orderBy('v.version', 'desc')
		.execute();
	return rows.map((row) => ({
		version: Number(row.version),
		status: asStatus(row.status),
		itemCount: Number(row.items),
		createdAt: row.created_at,
		publishedAt: row.published_at
	}));
}

export async function getInstrumentVersion(db: Kysely<Database>, actor: Actor, version: number): Promise<InstrumentVersionDetail> {
	assertMayManage(actor);
	const row = await db.selectFrom('instrument_versions').selectAll().where('version', '=', version).executeTakeFirst();
	if (!row) throw new NotFound();
	const instrument = await loadInstrument(db, version);
	if (!instrument) throw new NotFound();
	const status = asStatus(row.status);
	return {
		version,
		status,
		itemCount: instrument.items.length,
		createdAt: row.created_at,
		publishedAt: row.published_at,
		instrument,
		immutable: status === 'published'
	};
}

/** The draft being edited, if any (there is at most one). */
export async function currentDraft(db: Kysely<Database>, actor: Actor): Promise<number | null> {
	assertMayManage(actor);
	const row = await db.selectFrom('instrument_versions').select('version').where('status', '=', 'draft').orderBy('version', 'desc').executeTakeFirst();
	return row ? Number(row.version) : null;
}

/**
 * Start a new draft as a copy of the latest published version. One draft at a time: when one
 * exists already, that one is returned (so a second click or a retry does not make another).
 */
export async function createDraft(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<{ version: number; created: boolean }> {
	assertMayManage(actor);
	return db.transaction().execute(async (trx) => {
		const existing = await trx.selectFrom('instrument_versions').select('version').where('status', '=', 'draft').executeTakeFirst();
		if (existing) return { version: Number(existing.version), created: false };
		const source = await latestPublishedVersion(trx);
		const instrument = await loadInstrument(trx, source);
		if (!instrument) throw new Error(`Regie: instrument version ${source} missing`);
		const highest = await trx
			.selectFrom('instrument_versions')
			.select((eb) => eb.fn.max<number>('version').as('version'))
			.executeTakeFirstOrThrow();
		const version = Number(highest.version) + 1;
		// Two admins at once: the primary key lets one insert win; the other sees its draft.
		const inserted = await trx
			.insertInto('instrument_versions')
			.values({ version, status: 'draft', created_at: now.toISOString(), published_at: null })
			.onConflict((oc) => oc.column('version').doNothing())
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { version, created: false };
		await writeItems(trx, version, instrument.items);
		await recordAudit(trx, { actorId: actor.id, action: 'survey.instrument.draft', entityType: 'instrument_version', entityId: String(version), details: { copiedFrom: source } }, now);
		return { version, created: true };
	});
}

/** Thrown for any change of a published version. */
export const PUBLISHED = 'survey_admin_error_published';

/**
 * Run a change of a draft: claim the version row (refusing a published or unknown version), load
 * its items, let `change` return the new list, validate the items, and write them back renumbered.
 */
async function changeDraft(
	db: Kysely<Database>,
	actor: UserActor,
	version: number,
	action: string,
	details: Record<string, unknown>,
	change: (items: InstrumentItem[]) => InstrumentItem[],
	now: Date
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await claimDraft(trx, version);
		const instrument = await loadInstrument(trx, version);
		if (!instrument) throw new NotFound();
		const items = change(instrument.items.map((item) => ({ ...item, wording: { ...item.wording } })));
		await writeItems(trx, version, items);
		await recordAudit(trx, { actorId: actor.id, action, entityType: 'instrument_version', entityId: String(version), details }, now);
	});
}

/**
 * The first statement of every change: a conditional UPDATE that matches only a draft. It refuses a
 * published (or unknown) version and keeps the row locked until the transaction ends.
 */
async function claimDraft(trx: Kysely<Database>, version: number): Promise<void> {
	const claimed = await trx
		.updateTable('instrument_versions')
		.set({ status: 'draft' })
		.where('version', '=', version)
		.where('status', '=', 'draft')
		.executeTakeFirst();
	if (Number(claimed.numUpdatedRows) > 0) return;
	const exists = await trx.selectFrom('instrument_versions').select('version').where('version', '=', version).executeTakeFirst();
	if (!exists) throw new NotFound();
	throw new Invalid({ version: PUBLISHED });
}

/** Questionnaire order: domain by domain (the pages), within a domain by the order given. */
function normalised(items: readonly InstrumentItem[]): InstrumentItem[] {
	const rank = (item: InstrumentItem) => surveyDomains.indexOf(item.domain);
	return [...items].sort((a, b) => rank(a) - rank(b) || a.order - b.order).map((item, index) => ({ ...item, order: index + 1 }));
}

/** A draft's items are rewritten whole: no response, invitation or import refers to a draft. */
async function writeItems(trx: Kysely<Database>, version: number, items: readonly InstrumentItem[]): Promise<void> {
	await trx.deleteFrom('instrument_items').where('version', '=', version).execute();
	const rows = normalised(items).map((item) => ({
		version,
		code: item.code,
		domain: item.domain,
		negative: item.negative ? 1 : 0,
		wording_nl: item.wording.nl,
		wording_en: item.wording.en,
		position: item.order
	}));
	if (rows.length > 0) await trx.insertInto('instrument_items').values(rows).execute();
}

function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): T {
	if (result.success) return result.data;
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
	throw new Invalid(fields);
}

function findItem(items: InstrumentItem[], code: string): InstrumentItem {
	const item = items.find((candidate) => candidate.code === code);
	if (!item) throw new NotFound();
	return item;
}

/** Reword an item of a draft, move it to another domain, or mark it (not) negative. */
export async function updateDraftItem(db: Kysely<Database>, actor: Actor, version: number, code: string, input: ItemFields, now = new Date()): Promise<void> {
	assertMayManage(actor);
	const fields = parsed(itemFieldsSchema.safeParse(input));
	await changeDraft(db, actor, version, 'survey.instrument.item-changed', { code }, (items) => {
		const item = findItem(items, code);
		// A new domain puts the item at the end of that domain's page.
		if (item.domain !== fields.domain) item.order = Number.MAX_SAFE_INTEGER;
		item.domain = fields.domain;
		item.negative = fields.negative;
		item.wording = { nl: fields.wordingNl, en: fields.wordingEn };
		return items;
	}, now);
}

/**
 * Add an item at the end of its domain. Its code must be new: codes are stable identifiers, so a
 * code any version ever used (this draft included) is refused.
 */
export async function addDraftItem(db: Kysely<Database>, actor: Actor, version: number, input: NewItem, now = new Date()): Promise<void> {
	assertMayManage(actor);
	const item = parsed(newItemSchema.safeParse(input));
	const used = await db.selectFrom('instrument_items').select('version').where('code', '=', item.code).executeTakeFirst();
	if (used) throw new Invalid({ code: Number(used.version) === version ? 'survey_admin_error_code_taken' : 'survey_admin_error_code_used_before' });
	await changeDraft(db, actor, version, 'survey.instrument.item-added', { code: item.code }, (items) => {
		if (items.some((existing) => existing.code === item.code)) throw new Invalid({ code: 'survey_admin_error_code_taken' });
		return [
			...items,
			{ code: item.code, domain: item.domain, negative: item.negative, wording: { nl: item.wordingNl, en: item.wordingEn }, order: Number.MAX_SAFE_INTEGER }
		];
	}, now);
}

export async function removeDraftItem(db: Kysely<Database>, actor: Actor, version: number, code: string, now = new Date()): Promise<void> {
	assertMayManage(actor);
	await changeDraft(db, actor, version, 'survey.instrument.item-removed', { code }, (items) => {
		findItem(items, code);
		return items.filter((item) => item.code !== code);
	}, now);
}

/** Move an item one place up or down within its domain (the order on the client's page). */
export async function moveDraftItem(db: Kysely<Database>, actor: Actor, version: number, code: string, direction: 'up' | 'down', now = new Date()): Promise<void> {
	assertMayManage(actor);
	await changeDraft(db, actor, version, 'survey.instrument.item-moved', { code, direction }, (items) => {
		const ordered = normalised(items);
		const item = findItem(ordered, code);
		const sameDomain = ordered.filter((candidate) => candidate.domain === item.domain);
		const index = sameDomain.indexOf(item);
		const neighbour = sameDomain[direction === 'up' ? index - 1 : index + 1];
		if (neighbour) [item.order, neighbour.order] = [neighbour.order, item.order];
		return ordered;
	}, now);
}

/** Where a problem of a draft about to be published belongs on the page, and its message key. */
export function publishProblemField(problem: InstrumentProblem): [field: string, key: string] {
	switch (problem.kind) {
		case 'empty_domain':
			return [`domain_${problem.domain}`, 'survey_admin_error_empty_domain'];
		case 'missing_wording':
			return [`item_${problem.code}`, `survey_admin_error_wording_${problem.locale}`];
		case 'invalid_code':
		case 'reserved_code':
		case 'duplicate_code':
			return [`item_${problem.code}`, 'survey_admin_error_code_pattern'];
		case 'unknown_domain':
			return [`item_${problem.code}`, 'survey_admin_error_domain'];
		default:
			return ['version', 'survey_admin_error_order'];
	}
}

/**
 * Publish a draft: from now on new invitations and imports use it. Refused, with every problem,
 * when a domain has no items left or an item lacks a wording. Afterwards it never changes again.
 */
export async function publishDraft(db: Kysely<Database>, actor: Actor, version: number, now = new Date()): Promise<void> {
	assertMayManage(actor);
	await db.transaction().execute(async (trx) => {
		await claimDraft(trx, version);
		const instrument = await loadInstrument(trx, version);
		if (!instrument) throw new NotFound();
		const problems = validateInstrument(instrument);
		// Only a version after every published one may be published, so "latest" stays well defined.
		const newer = await trx.selectFrom('instrument_versions').select('version').where('status', '=', 'published').where('version', '>', version).executeTakeFirst();
		if (problems.length > 0 || newer) {
			const fields: Record<string, string> = {};
			for (const problem of problems) {
				const [field, key] = publishProblemField(problem);
				fields[field] ??= key;
			}
			if (newer) fields.version = 'survey_admin_error_outdated';
			throw new Invalid(fields);
		}
		await trx.updateTable('instrument_versions').set({ status: 'published', published_at: now.toISOString() }).where('version', '=', version).execute();
		await recordAudit(trx, { actorId: actor.id, action: 'survey.instrument.published', entityType: 'instrument_version', entityId: String(version), details: { items: instrument.items.length } }, now);
	});
}

/** Throw a draft away (a published version cannot be). */
export async function discardDraft(db: Kysely<Database>, actor: Actor, version: number, now = new Date()): Promise<void> {
	assertMayManage(actor);
	await db.transaction().execute(async (trx) => {
		await claimDraft(trx, version);
		await trx.deleteFrom('instrument_items').where('version', '=', version).execute();
		await trx.deleteFrom('instrument_versions').where('version', '=', version).execute();
		await recordAudit(trx, { actorId: actor.id, action: 'survey.instrument.discarded', entityType: 'instrument_version', entityId: String(version) }, now);
	});
}

/** An item code as typed in a URL, or null when it cannot be one. */
export function itemCodeOf(text: string): string | null {
	const result = itemCodeSchema.safeParse(text);
	return result.success ? result.data : null;
}

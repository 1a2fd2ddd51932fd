import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Actor, UserActor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import {
	detailFields,
	normaliseCsvText,
	parseProviderCsv,
	profileFields,
	providerRecordSchema,
	type CsvIssue,
	type CsvRow,
	type NewProviderInput,
	type ProviderDetailsInput,
	type ProviderProfileInput,
	type ProviderRecord
} from '$lib/domain/provider-csv';
import {
	activities as activityOrder,
	benefitTypes as benefitOrder,
	contractForms as contractOrder,
	regions as regionOrder,
	targetGroups as targetOrder,
	type ProviderType
} from '$lib/domain/reference';
import type { Database, Db } from '$lib/server/db';
import { recordAudit } from './audit';
import { getProviderByCode, loadProfiles, type ProviderProfile } from './providers';

/**
 * Changing the provider register: provider staff keep their own profile current, the admin adds,
 * edits, deactivates and imports providers. Every change writes the provider row, the lists that
 * changed and an audit entry with the old and new value of each changed field, in one transaction
 * (inside it only `trx` is used: on SQLite a query on `db` there would wait forever).
 * Reading profiles is `providers.ts`'s work.
 */

type Trx = Transaction<Database>;

/** Every field the register keeps per provider (the code excepted: it never changes). */
export type RegisterField = keyof Omit<ProviderRecord, 'code'>;

export type FieldChanges = Partial<Record<RegisterField, { old: unknown; new: unknown }>>;

export interface SaveResult {
	/** The fields that changed, in form order; empty when nothing changed (then nothing is written). */
	changed: RegisterField[];
}

const allFields: readonly RegisterField[] = [...detailFields, ...profileFields, 'active'];

const scalarColumns = {
	name: 'name',
	type: 'detailed_type',
	approach: 'approach',
	priceMinEuros: 'price_min_euros',
	priceMaxEuros: 'price_max_euros',
	startWithinWeeks: 'start_within_weeks',
	email: 'email',
	phone: 'phone',
	website: 'website',
	active: 'active'
} as const satisfies Partial<Record<RegisterField, string>>;

const listTables = {
	regions: { table: 'provider_regions', column: 'region', order: regionOrder },
	activities: { table: 'provider_activities', column: 'activity', order: activityOrder },
	targetGroups: { table: 'provider_target_groups', column: 'target_group', order: targetOrder },
	contractForms: { table: 'provider_contract_forms', column: 'contract_form', order: contractOrder },
	benefitTypes: { table: 'provider_benefit_types', column: 'benefit_type', order: benefitOrder }
} as const;
type ListField = keyof typeof listTables;
const isListField = (field: RegisterField): field is ListField => field in listTables;

/** A list without repeats, in the order of its reference list: the way it is compared and stored. */
function normaliseList(field: ListField, values: readonly string[]): string[] {
	const order: readonly string[] = listTables[field].order;
	return [...new Set(values)].filter((value) => order.includes(value)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

type Values = Partial<Record<RegisterField, unknown>>;

function storedValues(profile: ProviderProfile): Record<RegisterField, unknown> {
	return {
		name: profile.name,
		type: profile.type,
		active: profile.active,
		approach: profile.approach,
		activities: profile.activities,
		targetGroups: profile.targetGroups,
		regions: profile.regions,
		contractForms: profile.contractForms,
		benefitTypes: profile.benefitTypes,
		priceMinEuros: profile.priceMinEuros,
		priceMaxEuros: profile.priceMaxEuros,
		startWithinWeeks: profile.startWithinWeeks,
		email: profile.email,
		phone: profile.phone,
		website: profile.website
	};
}

function incomingValues(input: Values, fields: readonly RegisterField[]): Values {
	const values: Values = {};
	for (const field of fields) {
		const value = input[field];
		values[field] = isListField(field) ? normaliseList(field, (value as string[] | undefined) ?? []) : (value ?? null);
	}
	return values;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose value differs, with old and new value, in form order. */
export function changesBetween(current: Values, next: Values, fields: readonly RegisterField[] = allFields): FieldChanges {
	const changes: FieldChanges = {};
	for (const field of fields) {
		if (!(field in next)) continue;
		if (!same(current[field] ?? null, next[field] ?? null)) changes[field] = { old: current[field] ?? null, new: next[field] ?? null };
	}
	return changes;
}

async function writeChanges(trx: Trx, providerId: string, changes: FieldChanges, now: string): Promise<void> {
	const row: Record<string, unknown> = { updated_at: now };
	for (const [field, change] of Object.entries(changes) as [RegisterField, { new: unknown }][]) {
		if (isListField(field)) continue;
		const column = scalarColumns[field];
		row[column] = field === 'active' ? (change.new ? 1 : 0) : change.new;
	}
	await trx.updateTable('providers').set(row).where('id', '=', providerId).execute();
	for (const field of Object.keys(changes) as RegisterField[]) {
		if (!isListField(field)) continue;
		await replaceList(trx, providerId, field, changes[field]!.new as string[]);
	}
}

async function replaceList(trx: Trx, providerId: string, field: ListField, values: string[]): Promise<void> {
	const { table, column } = listTables[field];
	await trx.deleteFrom(table).where('provider_id', '=', providerId).execute();
	if (values.length === 0) return;
	// The five list tables share one shape: (provider_id, <column>).
	await sql`insert into ${sql.table(table)} (provider_id, ${sql.ref(column)}) values ${sql.join(values.map((value) => sql`(${providerId}, ${value})`))}`.execute(trx);
}

async function applyChanges(
	trx: Trx,
	actor: UserActor,
	current: ProviderProfile,
	input: Values,
	fields: readonly RegisterField[],
	action: string,
	now: Date,
	source: 'form' | 'import' = 'form'
): Promise<SaveResult> {
	const changes = changesBetween(storedValues(current), incomingValues(input, fields), fields);
	const changed = Object.keys(changes) as RegisterField[];
	if (changed.length === 0) return { changed };
	await writeChanges(trx, current.id, changes, now.toISOString());
	await recordAudit(trx, { actorId: actor.id, action, entityType: 'provider', entityId: current.id, details: { code: current.code, source, changes } }, now);
	return { changed };
}

async function insertProvider(trx: Trx, actor: UserActor, input: NewProviderInput & { active?: boolean }, now: Date, source: 'form' | 'import'): Promise<string> {
	const id = crypto.randomUUID();
	const at = now.toISOString();
	const values = incomingValues(input as Values, allFields.filter((field) => field !== 'active'));
	const active = input.active ?? true;
	await trx
		.insertInto('providers')
		.values({
			id,
			code: input.code,
			name: input.name,
			detailed_type: input.type,
			active: active ? 1 : 0,
			approach: input.approach,
			email: input.email,
			phone: input.phone,
			website: input.website,
			start_within_weeks: input.startWithinWeeks,
			price_min_euros: input.priceMinEuros,
			price_max_euros: input.priceMaxEuros,
			created_at: at,
			updated_at: at
		})
		.execute();
	for (const field of Object.keys(listTables) as ListField[]) await replaceList(trx, id, field, values[field] as string[]);
	const changes: FieldChanges = {};
	for (const field of allFields) changes[field] = { old: null, new: field === 'active' ? active : (values[field] ?? null) };
	await recordAudit(trx, { actorId: actor.id, action: 'provider.created', entityType: 'provider', entityId: id, details: { code: input.code, source, changes } }, now);
	return id;
}

function signedIn(actor: Actor): UserActor {
	if (actor.kind !== 'user') throw new Forbidden();
	return actor;
}

function requireRegisterManager(actor: Actor): UserActor {
	if (!can(actor, { action: 'register.manage' })) throw new Forbidden();
	return signedIn(actor);
}

async function profileInTransaction(trx: Trx, where: { id: string } | { code: string }): Promise<ProviderProfile> {
	const row =
		'id' in where
			? await trx.selectFrom('providers').select('id').where('id', '=', where.id).executeTakeFirst()
			: await trx.selectFrom('providers').select('id').where('code', '=', where.code).executeTakeFirst();
	const [profile] = row ? await loadProfiles(trx, [row.id]) : [];
	if (!profile) throw new NotFound();
	return profile;
}

// ---------------------------------------------------------------------------------------------
// Provider staff

/** Change the profile of one provider: its own staff, or the admin. */
export async function updateProfile(db: Db, actor: Actor, providerId: string, input: ProviderProfileInput, now = new Date()): Promise<SaveResult> {
	if (!can(actor, { action: 'provider.edit-profile', providerId })) throw new Forbidden();
	const user = signedIn(actor);
	return db.transaction().execute(async (trx) => {
		const current = await profileInTransaction(trx, { id: providerId });
		return applyChanges(trx, user, current, input as Values, profileFields, 'provider.profile_updated', now);
	});
}

/** Provider staff change their own provider's profile; which provider is never up to the form. */
export async function updateOwnProfile(db: Db, actor: Actor, input: ProviderProfileInput, now = new Date()): Promise<SaveResult> {
	if (actor.kind !== 'user' || actor.role !== 'provider' || !actor.providerId) throw new Forbidden();
	return updateProfile(db, actor, actor.providerId, input, now);
}

// ---------------------------------------------------------------------------------------------
// The admin

export const registerStatuses = ['all', 'active', 'inactive'] as const;
export type RegisterStatus = (typeof registerStatuses)[number];

export interface RegisterEntry {
	id: string;
	code: string;
	name: string;
	type: ProviderType;
	active: boolean;
	updatedAt: string;
}

export interface RegisterPage {
	total: number;
	page: number;
	pageCount: number;
	providers: RegisterEntry[];
}

/** Every provider, active or not, by name; filtered by status and a text in name or code. */
export async function listRegister(
	db: Db,
	actor: Actor,
	filter: { status?: RegisterStatus; text?: string; page?: number },
	pageSize = 50
): Promise<RegisterPage> {
	requireRegisterManager(actor);
	let query = db.selectFrom('providers');
	if (filter.status === 'active') query = query.where('active', '=', 1);
	if (filter.status === 'inactive') query = query.where('active', '=', 0);
	const text = filter.text?.trim().toLowerCase();
	if (text) {
		// lower() on both sides: LIKE is case-insensitive in SQLite but not in PostgreSQL.
		const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
		query = query.where((eb) => eb.or([eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`), eb(sql`lower(code)`, 'like', sql`${pattern} escape '\\'`)]));
	}
	const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
	const count = Number(total);
	const pageCount = Math.max(1, Math.ceil(count / pageSize));
	const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
	const rows = await query
		.select(['id', 'code', 'name', 'detailed_type', 'active', 'updated_at'])
		.orderBy('name')
		.orderBy('code')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();
	return {
		total: count,
		page,
		pageCount,
		providers: rows.map((row) => ({ id: row.id, code: row.code, name: row.name, type: row.detailed_type as ProviderType, active: row.active === 1, updatedAt: row.updated_at }))
	};
}

/** One provider as the admin sees it, also when deactivated. */
export async function getRegisterEntry(db: Db, actor: Actor, code: string): Promise<ProviderProfile> {
	requireRegisterManager(actor);
	return getProviderByCode(db, code, { includeInactive: true });
}

export async function createProvider(db: Db, actor: Actor, input: NewProviderInput, now = new Date()): Promise<{ id: string; code: string }> {
	const user = requireRegisterManager(actor);
	const code = input.code.trim().toLowerCase();
	const codeTaken = () => new Invalid({ code: 'register_error_code_taken' });
	try {
		const id = await db.transaction().execute(async (trx) => {
			const existing = await trx.selectFrom('providers').select('id').where('code', '=', code).executeTakeFirst();
			if (existing) throw codeTaken();
			return insertProvider(trx, user, { ...input, code }, now, 'form');
		});
		return { id, code };
	} catch (caught) {
		// Two admins adding the same code at once: the unique index refuses the second.
		if (!(caught instanceof Invalid) && (await db.selectFrom('providers').select('id').where('code', '=', code).executeTakeFirst())) throw codeTaken();
		throw caught;
	}
}

/** The admin edits name, type and profile of a provider; the code stays. */
export async function updateProvider(db: Db, actor: Actor, code: string, input: ProviderDetailsInput, now = new Date()): Promise<SaveResult> {
	const user = requireRegisterManager(actor);
	return db.transaction().execute(async (trx) => {
		const current = await profileInTransaction(trx, { code });
		return applyChanges(trx, user, current, input as Values, [...detailFields, ...profileFields], 'provider.updated', now);
	});
}

/**
 * Deactivate or reactivate. A deactivated provider vanishes from the clients' lists and the
 * choice, but its row, trajectories, plans and survey results stay.
 */
export async function setProviderActive(db: Db, actor: Actor, code: string, active: boolean, now = new Date()): Promise<SaveResult> {
	const user = requireRegisterManager(actor);
	return db.transaction().execute(async (trx) => {
		const current = await profileInTransaction(trx, { code });
		return applyChanges(trx, user, current, { active }, ['active'], active ? 'provider.reactivated' : 'provider.deactivated', now);
	});
}

// ---------------------------------------------------------------------------------------------
// Import from CSV

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportPlanRow {
	line: number;
	code: string;
	name: string;
	action: ImportAction;
	changed: RegisterField[];
}

export interface ImportPreview {
	/** Of the text as read (normalised): the confirmation must send the same text back. */
	checksum: string;
	issues: CsvIssue[];
	plan: ImportPlanRow[];
	counts: Record<ImportAction, number>;
}

/** An import that was refused as a whole, with every problem found. */
export class ImportRejected extends Invalid {
	constructor(readonly issues: CsvIssue[]) {
		super({ file: issues[0]?.key ?? 'register_csv_empty' });
	}
}

export function csvChecksum(text: string): string {
	return createHash('sha256').update(normaliseCsvText(text), 'utf8').digest('hex');
}

async function existingByCode(db: Db | Trx, codes: string[]): Promise<Map<string, ProviderProfile>> {
	const found = new Map<string, ProviderProfile>();
	for (let start = 0; start < codes.length; start += 500) {
		const chunk = codes.slice(start, start + 500);
		const rows = await db.selectFrom('providers').select('id').where('code', 'in', chunk).execute();
		for (const profile of await loadProfiles(db, rows.map((row) => row.id))) found.set(profile.code, profile);
	}
	return found;
}

/** Read a file and say what importing it would do, or what is wrong with it. Changes nothing. */
export async function previewImport(db: Db, actor: Actor, text: string): Promise<ImportPreview> {
	requireRegisterManager(actor);
	const checksum = csvChecksum(text);
	const { rows, issues } = parseProviderCsv(text);
	const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0 };
	if (issues.length > 0) return { checksum, issues, plan: [], counts };
	const existing = await existingByCode(
		db,
		rows.map((row) => row.record.code)
	);
	const plan = rows.map(({ line, record }): ImportPlanRow => {
		const current = existing.get(record.code);
		const changed = current ? (Object.keys(changesBetween(storedValues(current), incomingValues(record as Values, allFields))) as RegisterField[]) : [];
		const action: ImportAction = !current ? 'create' : changed.length > 0 ? 'update' : 'unchanged';
		counts[action]++;
		return { line, code: record.code, name: record.name, action, changed };
	});
	return { checksum, issues, plan, counts };
}

const recordSchema = providerRecordSchema((key) => key);

/**
 * Store rows read from a file: all of them in one transaction, or none. A row whose code exists
 * replaces that provider's details; the others are added. Rows are checked again here (whoever
 * calls, the register only takes valid records) and a code may appear once.
 */
export async function importProviders(db: Db, actor: Actor, rows: CsvRow[], now = new Date()): Promise<Record<ImportAction, number>> {
	const user = requireRegisterManager(actor);
	const issues: CsvIssue[] = [];
	const seen = new Map<string, number>();
	const records: CsvRow[] = [];
	for (const row of rows) {
		const result = recordSchema.safeParse({
			...row.record,
			priceMinEuros: String(row.record.priceMinEuros),
			priceMaxEuros: String(row.record.priceMaxEuros),
			startWithinWeeks: String(row.record.startWithinWeeks),
			email: row.record.email ?? '',
			phone: row.record.phone ?? '',
			website: row.record.website ?? ''
		});
		if (!result.success) {
			for (const issue of result.error.issues) issues.push({ line: row.line, column: String(issue.path[0] ?? ''), key: issue.message as CsvIssue['key'], params: {} });
			continue;
		}
		const first = seen.get(result.data.code);
		if (first !== undefined) issues.push({ line: row.line, column: 'code', key: 'register_csv_duplicate_code', params: { code: result.data.code, line: String(first) } });
		seen.set(result.data.code, row.line);
		records.push({ line: row.line, record: result.data as ProviderRecord });
	}
	if (rows.length === 0) issues.push({ line: 1, column: null, key: 'register_csv_no_rows', params: {} });
	if (issues.length > 0) throw new ImportRejected(issues);

	return db.transaction().execute(async (trx) => {
		const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0 };
		const existing = await existingByCode(
			trx,
			records.map((row) => row.record.code)
		);
		for (const { record } of records) {
			const current = existing.get(record.code);
			if (!current) {
				await insertProvider(trx, user, record, now, 'import');
				counts.create++;
				continue;
			}
			const { changed } = await applyChanges(trx, user, current, record as Values, allFields, 'provider.updated', now, 'import');
			counts[changed.length > 0 ? 'update' : 'unchanged']++;
		}
		await recordAudit(trx, { actorId: user.id, action: 'provider.imported', entityType: 'provider', entityId: null, details: { ...counts, rows: records.length } }, now);
		return counts;
	});
}

/**
 * The confirmation step of an import: the same text as previewed (the checksum proves it) is read
 * again and stored, all or nothing.
 */
export async function importCsv(db: Db, actor: Actor, text: string, checksum: string, now = new Date()): Promise<Record<ImportAction, number>> {
	requireRegisterManager(actor);
	if (csvChecksum(text) !== checksum) throw new Invalid({ file: 'register_import_changed' });
	const { rows, issues } = parseProviderCsv(text);
	if (issues.length > 0) throw new ImportRejected(issues);
	return importProviders(db, actor, rows, now);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { anonymous, type UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { csvColumns, recordToCsvCells, type ProviderProfileInput, type ProviderRecord } from '$lib/domain/provider-csv';
import { DEMO_PROVIDER2_ID, DEMO_PROVIDER_ID } from '$lib/server/demo/seed';
import { loadProfiles, searchProviders, type ProviderProfile } from './providers';
import {
	createProvider,
	csvChecksum,
	getRegisterEntry,
	importCsv,
	importProviders,
	ImportRejected,
	listRegister,
	previewImport,
	setProviderActive,
	updateOwnProfile,
	updateProfile,
	updateProvider
} from './provider-register';

let testDb: TestDatabase;
let admin: UserActor;
let providerA: UserActor;
let providerB: UserActor;
let client: UserActor;
let reviewer: UserActor;
let researcher: UserActor;

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	providerA = await actor('provider@demo.regie.nl');
	providerB = await actor('provider2@demo.regie.nl');
	client = await actor('client@demo.regie.nl');
	reviewer = await actor('reviewer.uwv@demo.regie.nl');
	researcher = await actor('researcher@demo.regie.nl');
});
afterAll(() => testDb.close());

async function profile(id: string): Promise<ProviderProfile> {
	const [found] = await loadProfiles(testDb.db, [id]);
	return found!;
}

function inputFrom(current: ProviderProfile, change: Partial<ProviderProfileInput> = {}): ProviderProfileInput {
	return {
		approach: current.approach,
		activities: current.activities,
		targetGroups: current.targetGroups,
		regions: current.regions,
		contractForms: current.contractForms,
		benefitTypes: current.benefitTypes,
		priceMinEuros: current.priceMinEuros ?? 0,
		priceMaxEuros: current.priceMaxEuros ?? 0,
		startWithinWeeks: current.startWithinWeeks ?? 0,
		email: current.email,
		phone: current.phone,
		website: current.website,
		...change
	};
}

async function auditOf(entityId: string) {
	const rows = await testDb.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('occurred_at').execute();
	return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

const newProvider = (code: string, change: Partial<ProviderRecord> = {}) => ({
	code,
	name: `Bedrijf ${code}`,
	type: 'commercial' as const,
	approach: 'Wij helpen u elke week met een vaste coach, tot u werk heeft.',
	activities: ['diagnosis' as const, 'job_mediation' as const],
	targetGroups: [],
	regions: ['zeeland' as const],
	contractForms: ['fixed_price' as const],
	benefitTypes: ['Wajong' as const],
	priceMinEuros: 1000,
	priceMaxEuros: 2000,
	startWithinWeeks: 3,
	email: null,
	phone: null,
	website: null,
	...change
});

describe('updateOwnProfile (provider staff)', () => {
	it('changes the own provider and logs old and new value of each changed field, in the same transaction', async () => {
		const before = await profile(DEMO_PROVIDER_ID);
		const approach = 'Een nieuwe werkwijze: wij starten met een gesprek van een uur en maken samen een plan.';
		const result = await updateOwnProfile(
			testDb.db,
			providerA,
			inputFrom(before, { approach, regions: ['utrecht', 'flevoland', 'utrecht'], priceMaxEuros: 4500, website: null })
		);
		expect(result.changed).toEqual(['approach', 'regions', 'priceMaxEuros', 'website']);
		const after = await profile(DEMO_PROVIDER_ID);
		expect(after).toMatchObject({ approach, regions: ['flevoland', 'utrecht'], priceMaxEuros: 4500, website: null });
		expect(after.updatedAt).not.toBe(before.updatedAt);
		const [entry] = (await auditOf(DEMO_PROVIDER_ID)).filter((row) => row.action === 'provider.profile_updated');
		expect(entry).toMatchObject({ actor_id: providerA.id, entity_type: 'provider' });
		expect(entry!.details.changes).toEqual({
			approach: { old: before.approach, new: approach },
			regions: { old: before.regions, new: ['flevoland', 'utrecht'] },
			priceMaxEuros: { old: before.priceMaxEuros, new: 4500 },
			website: { old: before.website, new: null }
		});
	});

	it('writes nothing, not even an audit entry, when nothing changed', async () => {
		const before = await profile(DEMO_PROVIDER_ID);
		const entries = (await auditOf(DEMO_PROVIDER_ID)).length;
		expect(await updateOwnProfile(testDb.db, providerA, inputFrom(before))).toEqual({ changed: [] });
		expect(await auditOf(DEMO_PROVIDER_ID)).toHaveLength(entries);
		expect((await profile(DEMO_PROVIDER_ID)).updatedAt).toBe(before.updatedAt);
	});

	it('never lets provider A change provider B: Forbidden, and nothing changed', async () => {
		const before = await profile(DEMO_PROVIDER2_ID);
		const entries = (await auditOf(DEMO_PROVIDER2_ID)).length;
		const hostile = inputFrom(before, { approach: 'Overgenomen door een ander bedrijf, dat mag nooit.' });
		await expect(updateProfile(testDb.db, providerA, DEMO_PROVIDER2_ID, hostile)).rejects.toBeInstanceOf(Forbidden);
		await expect(updateProvider(testDb.db, providerA, 'werkkracht-oost', { ...hostile, name: 'Gekaapt', type: 'commercial' })).rejects.toBeInstanceOf(Forbidden);
		await expect(setProviderActive(testDb.db, providerA, 'werkkracht-oost', false)).rejects.toBeInstanceOf(Forbidden);
		expect(await profile(DEMO_PROVIDER2_ID)).toEqual(before);
		expect(await auditOf(DEMO_PROVIDER2_ID)).toHaveLength(entries);
	});

	it('lets provider B change only B', async () => {
		const before = await profile(DEMO_PROVIDER2_ID);
		await updateOwnProfile(testDb.db, providerB, inputFrom(before, { startWithinWeeks: 4 }));
		expect((await profile(DEMO_PROVIDER2_ID)).startWithinWeeks).toBe(4);
	});

	it('refuses clients, reviewers, researchers and visitors, whatever provider they name', async () => {
		const before = await profile(DEMO_PROVIDER_ID);
		const input = inputFrom(before, { approach: 'Dit mag niemand anders dan het bedrijf zelf of de beheerder.' });
		for (const actor of [client, reviewer, researcher, anonymous]) {
			await expect(updateOwnProfile(testDb.db, actor, input)).rejects.toBeInstanceOf(Forbidden);
			await expect(updateProfile(testDb.db, actor, DEMO_PROVIDER_ID, input)).rejects.toBeInstanceOf(Forbidden);
			await expect(updateProvider(testDb.db, actor, 'loopbaanlicht', { ...input, name: 'X', type: 'commercial' })).rejects.toBeInstanceOf(Forbidden);
			await expect(createProvider(testDb.db, actor, newProvider('niet-toegestaan'))).rejects.toBeInstanceOf(Forbidden);
			await expect(listRegister(testDb.db, actor, {})).rejects.toBeInstanceOf(Forbidden);
			await expect(previewImport(testDb.db, actor, 'code')).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await profile(DEMO_PROVIDER_ID)).toEqual(before);
	});

	it('lets the admin change any provider, audit-logged as the admin', async () => {
		const before = await profile(DEMO_PROVIDER2_ID);
		const result = await updateProvider(testDb.db, admin, 'werkkracht-oost', { ...inputFrom(before, { contractForms: ['no_cure_no_pay'] }), name: 'Werkkracht Oost BV', type: before.type });
		expect(before.contractForms).not.toEqual(['no_cure_no_pay']);
		expect(result.changed).toEqual(['name', 'contractForms']);
		const entry = (await auditOf(DEMO_PROVIDER2_ID)).find((row) => row.action === 'provider.updated');
		expect(entry).toMatchObject({ actor_id: admin.id });
		expect(entry!.details.changes).toEqual({
			name: { old: 'Werkkracht Oost', new: 'Werkkracht Oost BV' },
			contractForms: { old: before.contractForms, new: ['no_cure_no_pay'] }
		});
		await updateProvider(testDb.db, admin, 'werkkracht-oost', { ...inputFrom(before), name: 'Werkkracht Oost', type: before.type });
	});

	it('says NotFound for a provider that does not exist', async () => {
		const input = inputFrom(await profile(DEMO_PROVIDER_ID));
		await expect(updateProfile(testDb.db, admin, 'provider-bestaat-niet', input)).rejects.toBeInstanceOf(NotFound);
		await expect(updateProvider(testDb.db, admin, 'bestaat-niet', { ...input, name: 'X', type: 'commercial' })).rejects.toBeInstanceOf(NotFound);
	});
});

describe('the register (admin)', () => {
	it('adds a provider with its lists, and refuses a code that is taken', async () => {
		const { id, code } = await createProvider(testDb.db, admin, newProvider('Nieuw-Bedrijf'));
		expect(code).toBe('nieuw-bedrijf');
		expect(await getRegisterEntry(testDb.db, admin, 'nieuw-bedrijf')).toMatchObject({ id, active: true, regions: ['zeeland'], activities: ['diagnosis', 'job_mediation'], benefitTypes: ['Wajong'] });
		const [entry] = await auditOf(id);
		expect(entry).toMatchObject({ action: 'provider.created', actor_id: admin.id });
		expect((entry!.details.changes as Record<string, unknown>).name).toEqual({ old: null, new: 'Bedrijf Nieuw-Bedrijf' });
		await expect(createProvider(testDb.db, admin, newProvider('nieuw-bedrijf'))).rejects.toEqual(new Invalid({ code: 'register_error_code_taken' }));
	});

	it('deactivates a provider: it leaves the clients’ list but keeps its row, lists and history', async () => {
		await createProvider(testDb.db, admin, newProvider('tijdelijk'));
		const listed = async () =>
			(await searchProviders(testDb.db, { activities: [], targetGroups: [], types: [], contractForms: [], region: 'zeeland', text: 'tijdelijk', sort: 'name', page: 1 }, { benefitType: 'Wajong' }, { pageSize: 20, publicationMinimum: 30 }))
				.total;
		expect(await listed()).toBe(1);
		expect(await setProviderActive(testDb.db, admin, 'tijdelijk', false)).toEqual({ changed: ['active'] });
		expect(await listed()).toBe(0);
		const kept = await getRegisterEntry(testDb.db, admin, 'tijdelijk');
		expect(kept).toMatchObject({ active: false, regions: ['zeeland'], approach: newProvider('x').approach });
		expect((await auditOf(kept.id)).map((row) => [row.action, row.details.changes])).toEqual([
			['provider.created', expect.anything()],
			['provider.deactivated', { active: { old: true, new: false } }]
		]);
		// Deactivating twice changes nothing; reactivating brings it back.
		expect(await setProviderActive(testDb.db, admin, 'tijdelijk', false)).toEqual({ changed: [] });
		await setProviderActive(testDb.db, admin, 'tijdelijk', true);
		expect(await listed()).toBe(1);
	});

	it('lists active and inactive providers with status filter, text search and pages', async () => {
		await createProvider(testDb.db, admin, newProvider('uit-de-lijst', { name: 'Zzz Uit De Lijst' }));
		await setProviderActive(testDb.db, admin, 'uit-de-lijst', false);
		const all = await listRegister(testDb.db, admin, {});
		const inactive = await listRegister(testDb.db, admin, { status: 'inactive' });
		const active = await listRegister(testDb.db, admin, { status: 'active' });
		expect(all.total).toBe(active.total + inactive.total);
		expect(inactive.providers.every((entry) => !entry.active)).toBe(true);
		expect(inactive.providers.map((entry) => entry.code)).toContain('uit-de-lijst');
		expect((await listRegister(testDb.db, admin, { text: 'UIT DE' })).providers.map((entry) => entry.code)).toEqual(['uit-de-lijst']);
		expect((await listRegister(testDb.db, admin, { text: '100%_' })).total).toBe(0);
		const page2 = await listRegister(testDb.db, admin, { page: 2 }, 10);
		expect(page2).toMatchObject({ page: 2, pageCount: Math.ceil(all.total / 10) });
		expect(page2.providers).toHaveLength(10);
		expect((await listRegister(testDb.db, admin, { page: 999 }, 10)).page).toBe(Math.ceil(all.total / 10));
	});
});

describe('import from CSV', () => {
	const header = csvColumns.join(',');
	const row = (record: Partial<ProviderRecord>) =>
		csvColumns
			.map((column) => {
				const value = recordToCsvCells({ ...newProvider('x'), active: true, ...record } as ProviderRecord)[column];
				return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
			})
			.join(',');
	const count = async () => Number((await testDb.db.selectFrom('providers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

	it('previews what would be added and changed, and changes nothing', async () => {
		const loopbaanlicht = await profile(DEMO_PROVIDER_ID);
		const text = [header, row({ code: 'import-een' }), row({ ...loopbaanlicht, code: 'loopbaanlicht', priceMinEuros: 1900, active: true } as Partial<ProviderRecord>), row({ ...loopbaanlicht, code: 'loopbaanlicht' } as Partial<ProviderRecord>).replace('loopbaanlicht', 'werkkracht-oost')].join('\n');
		const before = await count();
		const preview = await previewImport(testDb.db, admin, text);
		expect(preview.issues).toEqual([]);
		expect(preview.checksum).toBe(csvChecksum(text));
		expect(preview.plan.map((entry) => [entry.line, entry.code, entry.action])).toEqual([
			[2, 'import-een', 'create'],
			[3, 'loopbaanlicht', 'update'],
			[4, 'werkkracht-oost', 'update']
		]);
		expect(preview.plan[1]!.changed).toEqual(['priceMinEuros']);
		expect(await count()).toBe(before);
	});

	it('stores nothing when one row is bad: the preview reports it and the import refuses the whole file', async () => {
		const text = [header, row({ code: 'goed-een' }), row({ code: 'goed-twee' }), row({ code: 'fout-drie', priceMinEuros: 3000, priceMaxEuros: 2000 })].join('\n');
		const before = await count();
		const auditBefore = Number((await testDb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
		const preview = await previewImport(testDb.db, admin, text);
		expect(preview.issues).toEqual([{ line: 4, column: 'price_max', key: 'register_error_price_order', params: {} }]);
		const rejected = await importCsv(testDb.db, admin, text, preview.checksum).catch((caught: unknown) => caught);
		expect(rejected).toBeInstanceOf(ImportRejected);
		expect((rejected as ImportRejected).issues).toEqual(preview.issues);
		// The service itself also refuses a bad record handed to it directly.
		const good = { line: 2, record: { ...newProvider('goed-een'), active: true } };
		await expect(importProviders(testDb.db, admin, [good, { line: 3, record: { ...newProvider('fout'), active: true, approach: 'kort' } }])).rejects.toBeInstanceOf(ImportRejected);
		await expect(importProviders(testDb.db, admin, [good, { ...good, line: 3 }])).rejects.toBeInstanceOf(ImportRejected);
		expect(await count()).toBe(before);
		expect(Number((await testDb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(auditBefore);
	});

	it('rolls everything back when the database refuses a row halfway', async () => {
		const before = await count();
		const auditBefore = await testDb.db.selectFrom('audit_log').select('id').execute();
		// A failure after the rows were written (thrown at the end of the transaction, as a lost
		// connection would) must take every row and audit entry of the import back with it.
		const rows = [
			{ line: 2, record: { ...newProvider('halverwege-een'), active: true } },
			{ line: 3, record: { ...newProvider('halverwege-twee'), active: true } }
		];
		const failing = new Proxy(testDb.db, {
			get(target, property, receiver) {
				if (property !== 'transaction') return Reflect.get(target, property, receiver);
				return () => {
					const builder = target.transaction();
					return {
						execute: (work: (trx: typeof target) => Promise<unknown>) =>
							builder.execute(async (trx) => {
								const result = await work(trx);
								throw Object.assign(new Error('disk full'), { result });
							})
					};
				};
			}
		});
		await expect(importProviders(failing, admin, rows)).rejects.toThrow('disk full');
		expect(await count()).toBe(before);
		expect(await testDb.db.selectFrom('providers').select('id').where('code', 'like', 'halverwege%').execute()).toEqual([]);
		expect(await testDb.db.selectFrom('audit_log').select('id').execute()).toHaveLength(auditBefore.length);
	});

	it('imports a good file in one go: adds new providers, updates existing ones, logs each', async () => {
		const text = [header, row({ code: 'csv-nieuw', name: 'CSV Nieuw' }), row({ code: 'tijdelijk', name: 'Tijdelijk Hernoemd', active: false })].join('\r\n');
		const preview = await previewImport(testDb.db, admin, text);
		expect(preview.counts).toEqual({ create: 1, update: 1, unchanged: 0 });
		// A textarea sends CRLF line ends back: the checksum is of the normalised text.
		expect(await importCsv(testDb.db, admin, text.replaceAll('\r\n', '\n'), preview.checksum)).toEqual({ create: 1, update: 1, unchanged: 0 });
		expect(await getRegisterEntry(testDb.db, admin, 'csv-nieuw')).toMatchObject({ name: 'CSV Nieuw', active: true });
		const renamed = await getRegisterEntry(testDb.db, admin, 'tijdelijk');
		expect(renamed).toMatchObject({ name: 'Tijdelijk Hernoemd', active: false });
		const entry = (await auditOf(renamed.id)).at(-1)!;
		expect(entry).toMatchObject({ action: 'provider.updated', actor_id: admin.id });
		expect(entry.details).toMatchObject({ source: 'import', changes: { name: { old: 'Bedrijf tijdelijk', new: 'Tijdelijk Hernoemd' }, active: { old: true, new: false } } });
		const summary = await testDb.db.selectFrom('audit_log').select('details').where('action', '=', 'provider.imported').execute();
		expect(summary.map((item) => JSON.parse(item.details))).toEqual([{ create: 1, update: 1, unchanged: 0, rows: 2 }]);
	});

	it('refuses a confirmation whose text differs from the previewed one', async () => {
		const text = [header, row({ code: 'stiekem' })].join('\n');
		const preview = await previewImport(testDb.db, admin, text);
		await expect(importCsv(testDb.db, admin, text.replace('stiekem', 'anders'), preview.checksum)).rejects.toEqual(new Invalid({ file: 'register_import_changed' }));
		expect(await testDb.db.selectFrom('providers').select('id').where('code', 'in', ['stiekem', 'anders']).execute()).toEqual([]);
	});
});

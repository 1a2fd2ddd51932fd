import {
	activities,
	benefitTypes,
	contractForms,
	providerGroupOf,
	providerTypes,
	regions,
	targetGroups,
	type ProviderType
} from '../../src/lib/domain/reference';
import { migrateToLatest, openDatabase, type Db } from '../../src/lib/server/db/index';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { seededRandom } from '../../src/lib/domain/seeded-random';

/**
 * Invented providers on top of the demo register, so that the benchmark searches a register of
 * realistic size. Random but seeded: every run measures the same data.
 */

const prefixes = ['Werk', 'Baan', 'Loopbaan', 'Koers', 'Talent', 'Stap', 'Kans', 'Vak', 'Start', 'Brug'];
const suffixes = ['punt', 'wijzer', 'kracht', 'route', 'atelier', 'kompas', 'haven', 'lijn', 'werf', 'sprong'];
const sentences = [
	'Wij beginnen met een gesprek over wat u kunt en wat u wilt.',
	'U krijgt één vaste coach die u elke week spreekt.',
	'Wij kennen werkgevers in de regio en stellen u aan hen voor.',
	'Een werkstage laat u en de werkgever zien of het past.',
	'Wij helpen u met uw cv en oefenen sollicitatiegesprekken.',
	'Ook na uw eerste werkdag blijven wij bereikbaar.',
	'Wij werken samen met zorgverleners als uw gezondheid meespeelt.',
	'U volgt een korte opleiding die werkgevers vragen.'
];
// Roughly the mix of the demo register: most providers are commercial.
const typeWeights: [ProviderType, number][] = [
	['commercial', 0.6],
	['municipal_reintegration', 0.1],
	['social_service', 0.1],
	['sheltered_employment', 0.1],
	['municipal_company', 0.1]
];

export async function addGeneratedProviders(db: Db, count: number, seed = 20_261_122): Promise<void> {
	const random = seededRandom(seed);
	const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
	const some = <T>(list: readonly T[], min: number, max: number): T[] =>
		[...list].sort(() => random() - 0.5).slice(0, Math.min(list.length, between(min, max)));
	const pickType = (): ProviderType => {
		let roll = random();
		for (const [type, weight] of typeWeights) if ((roll -= weight) < 0) return type;
		return 'commercial';
	};

	const now = new Date().toISOString();
	const providers = Array.from({ length: count }, (_, index) => {
		const type = pickType();
		const benefits = some(benefitTypes, 1, 4);
		// Public and semi-public providers serve bijstand clients, as in the demo register.
		if (providerGroupOf(type) !== 'private' && !benefits.includes('bijstand')) benefits.push('bijstand');
		const priceMin = between(8, 30) * 100;
		return {
			id: `provider-bench-${index + 1}`,
			code: `bench-${String(index + 1).padStart(4, '0')}`,
			name: `${prefixes[between(0, prefixes.length - 1)]}${suffixes[between(0, suffixes.length - 1)]} ${index + 1}`,
			type,
			active: random() < 0.97,
			approach: some(sentences, 2, 4).join(' '),
			priceMin,
			priceMax: priceMin + between(5, 20) * 100,
			regions: random() < 0.1 ? [...regions] : some(regions, 1, 4),
			activities: some(activities, 3, 8),
			targetGroups: some(targetGroups, 1, 5),
			contractForms: some(contractForms, 1, 2),
			benefits
		};
	});

	await db.transaction().execute(async (trx) => {
		await inChunks(providers, (chunk) =>
			trx
				.insertInto('providers')
				.values(
					chunk.map((p) => ({
						id: p.id,
						code: p.code,
						name: p.name,
						detailed_type: p.type,
						active: p.active ? 1 : 0,
						approach: p.approach,
						email: `info@${p.code}.example`,
						phone: '088 000 0000',
						website: `https://www.${p.code}.example`,
						start_within_weeks: between(1, 6),
						price_min_euros: p.priceMin,
						price_max_euros: p.priceMax,
						created_at: now,
						updated_at: now
					}))
				)
				.execute()
		);
		const each = <T>(pick: (p: (typeof providers)[number]) => T[]) => providers.flatMap((p) => pick(p).map((value) => ({ id: p.id, value })));
		await inChunks(each((p) => p.regions), (rows) =>
			trx.insertInto('provider_regions').values(rows.map((row) => ({ provider_id: row.id, region: row.value }))).execute()
		);
		await inChunks(each((p) => p.activities), (rows) =>
			trx.insertInto('provider_activities').values(rows.map((row) => ({ provider_id: row.id, activity: row.value }))).execute()
		);
		await inChunks(each((p) => p.targetGroups), (rows) =>
			trx.insertInto('provider_target_groups').values(rows.map((row) => ({ provider_id: row.id, target_group: row.value }))).execute()
		);
		await inChunks(each((p) => p.contractForms), (rows) =>
			trx.insertInto('provider_contract_forms').values(rows.map((row) => ({ provider_id: row.id, contract_form: row.value }))).execute()
		);
		await inChunks(each((p) => p.benefits), (rows) =>
			trx.insertInto('provider_benefit_types').values(rows.map((row) => ({ provider_id: row.id, benefit_type: row.value }))).execute()
		);
	});
}

/** Insert in slices: SQLite limits the number of bound values in one statement. */
async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
	for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

/** A migrated SQLite database with the demo data and generated providers up to `providers` in all. */
export async function prepareBenchDatabase(file: string, providers: number): Promise<{ total: number; active: number }> {
	const { db } = openDatabase({ url: `file:${file}` });
	try {
		await migrateToLatest(db);
		await seedDemo(db);
		const count = async (activeOnly = false) => {
			let query = db.selectFrom('providers').select((eb) => eb.fn.countAll().as('n'));
			if (activeOnly) query = query.where('active', '=', 1);
			return Number((await query.executeTakeFirstOrThrow()).n);
		};
		await addGeneratedProviders(db, providers - (await count()));
		return { total: await count(), active: await count(true) };
	} finally {
		await db.destroy();
	}
}

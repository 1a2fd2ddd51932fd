import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import { en, t } from '../e2e/support/messages';
import { serverWorkspace, signIn, type RunningServer, type ServerWorkspace } from '../support/built-server';
import { connect } from '../support/server-data';

// Issue 3: the provider list keeps its rendered HTML per search result (src/lib/server/http/kept-html.ts),
// so a client who asks for the same list again gets it without rendering. What they see must still
// be the register as it is now, in their own language: checked on the built server, with the change
// made straight in the database, as another instance or an import would make it.

describe('the provider list, kept as HTML', () => {
	let ws: ServerWorkspace;
	let server: RunningServer;
	let db: Db;
	let cookie: string;

	beforeAll(async () => {
		ws = await serverWorkspace('regie-list');
		server = await ws.start();
		db = connect(ws.database);
		cookie = await signIn(server.origin, 'client@demo.regie.nl', DEMO_PASSWORD);
	});

	afterAll(async () => {
		await server?.stop();
		await db?.destroy();
		await ws?.cleanUp();
	});

	async function list(path: string, extraCookie = '', asWho = cookie): Promise<string> {
		const response = await fetch(server.origin + path, { headers: { Cookie: asWho + extraCookie } });
		expect(response.status, `GET ${path}`).toBe(200);
		return response.text();
	}

	const selectedRegion = (html: string) => /<option value="([^"]+)" selected="">/.exec(html.slice(html.indexOf('name="regio"')))?.[1];
	const cardCodes = (html: string) => [...html.matchAll(/<article class="regie-card regie-provider-card"><h2[^>]*><a class="utrecht-link" href="\/aanbieders\/([^"]+)"/g)].map((match) => match[1]);

	const firstCardCode = (html: string) => /<article class="regie-card regie-provider-card"><h2[^>]*><a class="utrecht-link" href="\/aanbieders\/([^"]+)"/.exec(html)?.[1];

	it('shows a change to the register at once, though the same list was just shown', async () => {
		const before = await list('/aanbieders?regio=alle');
		expect(await list('/aanbieders?regio=alle')).toBe(before);
		const code = firstCardCode(before);
		expect(code, 'a provider card on the list').toBeDefined();
		const { name } = await db.selectFrom('providers').select('name').where('code', '=', code!).executeTakeFirstOrThrow();
		expect(before).toContain(`>${name}</a>`);

		// A new name, with markup in it: written as text, never as HTML.
		await db.updateTable('providers').set({ name: `${name} <b>nieuw</b>` }).where('code', '=', code!).execute();
		const renamed = await list('/aanbieders?regio=alle');
		expect(renamed).toContain(`>${name} &lt;b>nieuw&lt;/b></a>`);
		expect(renamed).not.toContain('<b>nieuw</b>');

		await db.updateTable('providers').set({ active: 0 }).where('code', '=', code!).execute();
		const deactivated = await list('/aanbieders?regio=alle');
		expect(deactivated).not.toContain(`href="/aanbieders/${code}"`);
		const count = (html: string) => Number(/<p class="utrecht-paragraph regie-result-count"[^>]*><strong>(\d+)/.exec(html)?.[1]);
		expect(count(deactivated)).toBe(count(before) - 1);
	});

	it('shows each client their own list at the same address: their province, their benefit', async () => {
		const other = await signIn(server.origin, 'client2@demo.regie.nl', DEMO_PASSWORD);
		const forWW = await db
			.selectFrom('providers')
			.innerJoin('provider_benefit_types', 'provider_benefit_types.provider_id', 'providers.id')
			.select('code')
			.where('benefit_type', '=', 'WW')
			.execute();
		// Twice: the second time both lists are kept ones.
		for (let round = 0; round < 2; round++) {
			const sanne = await list('/aanbieders');
			const mohamed = await list('/aanbieders', '', other);
			expect(selectedRegion(sanne)).toBe('utrecht');
			expect(selectedRegion(mohamed)).toBe('overijssel');
			expect(cardCodes(sanne).length).toBeGreaterThan(0);
			for (const code of cardCodes(sanne)) expect(forWW.map((row) => row.code)).toContain(code);
			expect(cardCodes(mohamed)).not.toEqual(cardCodes(sanne));
		}
	});

	it('shows the compare tray as the cookie has it, at the same address', async () => {
		const plain = await list('/aanbieders?regio=alle&pagina=1');
		const [first, second] = cardCodes(plain);
		const withTray = await list('/aanbieders?regio=alle&pagina=1', `; regie_compare=${first},${second}`);
		expect(withTray).toContain('id="compare-tray-title"');
		expect(withTray).toMatch(new RegExp(`name="code" value="${first}" formaction="[^"]+" aria-pressed="true"`));
		expect(plain).not.toContain('id="compare-tray-title"');
		expect(plain).toContain(`name="code" value="${first}" aria-pressed="false"`);
		expect(await list('/aanbieders?regio=alle&pagina=1')).toBe(plain);
	});

	it("shows the same list in each client's own language", async () => {
		const dutch = await list('/aanbieders?regio=alle&pagina=2');
		const english = await list('/aanbieders?regio=alle&pagina=2', '; regie_lang=en');
		expect(dutch).toContain(t('providers_results_explained', { minimum: 30 }));
		expect(english).toContain(en('providers_results_explained', { minimum: 30 }));
		expect(english).not.toContain(t('providers_results_explained', { minimum: 30 }));
		expect(firstCardCode(english)).toBe(firstCardCode(dutch));
	});
});

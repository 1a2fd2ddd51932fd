import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import { signIn, type RunningServer, type ServerWorkspace } from '../support/built-server';
import { fill } from '../support/route-inventory';
import { encodeBody, formHeaders, openProbe, send, type Answer, type DatabaseProbe } from './hostile-input.support';

/**
 * The demo portal as the hostile-input and security-header tests use it: the built server on a
 * fresh database with the demo data, the demo people signed in when first needed, and the few
 * things the demo data lacks made once through the portal itself (a draft survey version, an
 * outbox mail, an account invitation, a survey link, a research API token).
 */

/** The demo trajectories (src/lib/server/demo/plans.ts), by their client. */
export const trajectory = {
	/** Anna: submitted, UWV, Loopbaanlicht. */
	anna: '00000000-0000-4000-8000-000000000001',
	/** Ilse: changes requested, UWV, Werkkracht Oost: the plan can be edited. */
	ilse: '00000000-0000-4000-8000-000000000003',
	/** Ruud: active, UWV, Loopbaanlicht: an outcome can be recorded. */
	ruud: '00000000-0000-4000-8000-000000000004',
	/** Jeroen: submitted, Gemeente Utrecht, Baanpunt Domstad. */
	jeroen: '00000000-0000-4000-8000-000000000006'
} as const;

export const people = {
	admin: 'admin@demo.regie.nl',
	reviewer: 'reviewer.uwv@demo.regie.nl',
	reviewerUtrecht: 'reviewer.utrecht@demo.regie.nl',
	/** Staff of Loopbaanlicht (Anna, Kees, Ruud). */
	provider: 'provider@demo.regie.nl',
	/** Staff of Werkkracht Oost (Ilse, Fenna). */
	provider2: 'provider2@demo.regie.nl',
	/** The main demo client: no trajectory yet, so the provider search and choice are open. */
	client: 'client@demo.regie.nl',
	client2: 'client2@demo.regie.nl',
	clientIlse: 'client.ilse@demo.regie.nl',
	clientRuud: 'client.ruud@demo.regie.nl',
	clientJeroen: 'client.jeroen@demo.regie.nl',
	researcher: 'researcher@demo.regie.nl'
} as const;
export type Person = keyof typeof people;
export type Visitor = Person | 'anonymous';

export class Portal {
	private cookies = new Map<Person, string>();
	private prepared = new Map<string, Promise<string>>();

	private constructor(
		readonly workspace: ServerWorkspace,
		readonly server: RunningServer,
		readonly probe: DatabaseProbe
	) {}

	static async start(workspace: ServerWorkspace, env: Record<string, string> = {}): Promise<Portal> {
		const server = await workspace.start({ env });
		return new Portal(workspace, server, await openProbe(workspace.database));
	}

	get origin(): string {
		return this.server.origin;
	}

	async stop(): Promise<void> {
		await this.probe.close();
		await this.server.stop();
	}

	/** The `Cookie` header of a signed-in demo person (signed in once), or null for a visitor. */
	async cookie(visitor: Visitor): Promise<string | null> {
		if (visitor === 'anonymous') return null;
		let cookie = this.cookies.get(visitor);
		if (!cookie) {
			cookie = await signIn(this.origin, people[visitor], DEMO_PASSWORD);
			this.cookies.set(visitor, cookie);
		}
		return cookie;
	}

	async get(visitor: Visitor, path: string, headers: Record<string, string> = {}): Promise<Answer> {
		return send(this.origin, path, { cookie: await this.cookie(visitor), headers: { Accept: 'text/html', ...headers } });
	}

	/** A plain form post as a browser without JavaScript sends it. */
	async post(visitor: Visitor, path: string, fields: Record<string, string>): Promise<Answer> {
		const { body, contentType } = encodeBody(Object.entries(fields), 'urlencoded');
		return send(this.origin, path, { method: 'POST', cookie: await this.cookie(visitor), headers: formHeaders(this.origin, false), body, contentType });
	}

	/** Runs a preparation once per portal and remembers its result. */
	private once(name: string, work: () => Promise<string>): Promise<string> {
		let result = this.prepared.get(name);
		if (!result) {
			result = work();
			this.prepared.set(name, result);
		}
		return result;
	}

	/** The draft survey version (made from the published one). */
	draftVersion(): Promise<string> {
		return this.once('draft', async () => {
			const answer = await this.post('admin', '/beheer/enquete?/newDraft', {});
			const version = /\/beheer\/enquete\/versie\/(\d+)$/.exec(answer.location ?? '')?.[1];
			if (answer.status !== 303 || !version) throw new Error(`no draft version: HTTP ${answer.status} ${answer.location}`);
			return version;
		});
	}

	/** The item codes of the published survey version 1. */
	async itemCodes(): Promise<string[]> {
		const rows = await this.probe.rows<{ code: string }>('SELECT code FROM instrument_items WHERE version = ? ORDER BY position', [1]);
		return rows.map((row) => row.code);
	}

	/** A mail in the outbox: the notice of a decision (Jeroen's plan approved by his reviewer). */
	outboxMailId(): Promise<string> {
		return this.once('outbox', async () => {
			const version = await this.probe.rows<{ id: string }>('SELECT id FROM plan_versions WHERE trajectory_id = ? ORDER BY number DESC', [trajectory.jeroen]);
			const answer = await this.post('reviewerUtrecht', `/beoordelen/${trajectory.jeroen}`, { planVersionId: version[0]!.id, decision: 'approved', reason: '' });
			if (answer.status !== 200) throw new Error(`approving Jeroen's plan failed: HTTP ${answer.status}`);
			const mail = await this.probe.rows<{ id: string }>('SELECT id FROM outbox ORDER BY created_at, id');
			if (mail.length === 0) throw new Error('no mail in the outbox after a decision');
			return mail[0]!.id;
		});
	}

	/** A notification of Jeroen (made with the outbox mail). */
	async notificationOfJeroen(): Promise<string> {
		await this.outboxMailId();
		const rows = await this.probe.rows<{ id: string }>('SELECT id FROM notifications WHERE user_id = ? ORDER BY created_at, id', ['user-demo-client-jeroen']);
		if (rows.length === 0) throw new Error('Jeroen has no notification');
		return rows[0]!.id;
	}

	/** A working account invitation link, `/uitnodiging/<token>`, of a new client account. */
	invitationPath(): Promise<string> {
		return this.once('invitation', async () => {
			const answer = await this.post('admin', '/beheer/accounts/nieuw', {
				role: 'client',
				displayName: 'Henk Uitgenodigd',
				email: `henk.${Date.now()}@voorbeeld.nl`,
				benefitType: 'WW',
				organisationId: 'org-uwv',
				region: 'utrecht'
			});
			const path = /\/uitnodiging\/[a-z2-9]+\.[a-z2-9]+/.exec(answer.text)?.[0];
			if (answer.status !== 200 || !path) throw new Error(`creating an account gave no invitation link: HTTP ${answer.status}`);
			return path;
		});
	}

	/**
	 * A working survey link, `/enquete/<token>`: Ruud's trajectory ends (if nothing ended it yet),
	 * which invites him; the portal then gives him his link.
	 */
	surveyPath(): Promise<string> {
		return this.once('survey', async () => {
			const [row] = await this.probe.rows<{ status: string }>('SELECT status FROM trajectories WHERE id = ?', [trajectory.ruud]);
			if (row?.status === 'active') {
				const ended = await this.post('provider', `/aanbieder/clienten/${trajectory.ruud}/afsluiten`, { outcome: 'completed', placed: 'no', placedOn: '', contractMonths: '', reason: '' });
				if (ended.status !== 200) throw new Error(`ending Ruud's trajectory failed: HTTP ${ended.status}`);
			}
			const invitation = await this.probe.rows<{ id: string }>('SELECT id FROM survey_invitations WHERE trajectory_id = ?', [trajectory.ruud]);
			if (invitation.length === 0) throw new Error('Ruud was not invited to the survey');
			const answer = await this.post('clientRuud', '/enquete?/start', { invitationId: invitation[0]!.id });
			if (answer.status !== 303 || !answer.location?.startsWith('/enquete/')) throw new Error(`no survey link: HTTP ${answer.status} ${answer.location}`);
			return answer.location;
		});
	}

	/** The id of a second API token of the researcher, one that may be revoked. */
	spareTokenId(): Promise<string> {
		return this.once('spare token', async () => {
			const answer = await this.post('researcher', '/onderzoek/tokens?/create', { name: 'te intrekken', lifetimeDays: '30' });
			const token = /\b([a-z2-9]{26})\.[a-z2-9]{26}\b/.exec(answer.text)?.[1];
			if (answer.status !== 200 || !token) throw new Error(`no spare API token: HTTP ${answer.status}`);
			return token;
		});
	}

	/** A personal API token of the demo researcher, used once (so its last use is recorded already). */
	researchToken(): Promise<string> {
		return this.once('token', async () => {
			const answer = await this.post('researcher', '/onderzoek/tokens?/create', { name: 'hostile input', lifetimeDays: '90' });
			const token = /\b[a-z2-9]{26}\.[a-z2-9]{26}\b/.exec(answer.text)?.[0];
			if (answer.status !== 200 || !token) throw new Error(`no API token: HTTP ${answer.status}`);
			const used = await send(this.origin, '/api/v1/survey/response-rates', { headers: { Authorization: `Bearer ${token}` } });
			if (used.status !== 200) throw new Error(`the API token does not work: HTTP ${used.status} ${used.text.slice(0, 200)}`);
			return token;
		});
	}
}

export interface PageVisit {
	visitor: Visitor;
	path: string;
}

/**
 * For every page of the inventory: who may see it and a path with real parameters from the demo
 * data. A page that is not listed here makes the tests fail (see `missingVisits`).
 */
export const pageVisits: Record<string, (portal: Portal) => Promise<PageVisit>> = {
	'/': async () => ({ visitor: 'anonymous', path: '/' }),
	'/login': async () => ({ visitor: 'anonymous', path: '/login' }),
	'/privacy': async () => ({ visitor: 'anonymous', path: '/privacy' }),
	'/toegankelijkheid': async () => ({ visitor: 'anonymous', path: '/toegankelijkheid' }),
	'/uitnodiging/[token]': async (portal) => ({ visitor: 'anonymous', path: await portal.invitationPath() }),
	'/enquete/[token]': async (portal) => ({ visitor: 'anonymous', path: await portal.surveyPath() }),
	'/account': async () => ({ visitor: 'client', path: '/account' }),
	'/meldingen': async () => ({ visitor: 'clientJeroen', path: '/meldingen' }),
	'/enquete': async () => ({ visitor: 'clientRuud', path: '/enquete' }),
	'/aanbieders': async () => ({ visitor: 'client', path: '/aanbieders' }),
	'/aanbieders/[code]': async () => ({ visitor: 'client', path: '/aanbieders/loopbaanlicht' }),
	'/aanbieders/[code]/kiezen': async () => ({ visitor: 'client', path: '/aanbieders/loopbaanlicht/kiezen' }),
	'/aanbieders/vergelijken': async () => ({ visitor: 'client', path: '/aanbieders/vergelijken' }),
	'/plan': async () => ({ visitor: 'clientIlse', path: '/plan' }),
	'/plan/werk': async () => ({ visitor: 'clientIlse', path: '/plan/werk' }),
	'/plan/activiteiten': async () => ({ visitor: 'clientIlse', path: '/plan/activiteiten' }),
	'/plan/planning': async () => ({ visitor: 'clientIlse', path: '/plan/planning' }),
	'/plan/controleren': async () => ({ visitor: 'clientIlse', path: '/plan/controleren' }),
	'/aanbieder': async () => ({ visitor: 'provider', path: '/aanbieder' }),
	'/aanbieder/profiel': async () => ({ visitor: 'provider', path: '/aanbieder/profiel' }),
	'/aanbieder/clienten/[id]/afsluiten': async () => ({ visitor: 'provider', path: `/aanbieder/clienten/${trajectory.ruud}/afsluiten` }),
	'/aanbieder/clienten/[id]/plan': async () => ({ visitor: 'provider2', path: `/aanbieder/clienten/${trajectory.ilse}/plan` }),
	'/aanbieder/clienten/[id]/plan/werk': async () => ({ visitor: 'provider2', path: `/aanbieder/clienten/${trajectory.ilse}/plan/werk` }),
	'/aanbieder/clienten/[id]/plan/activiteiten': async () => ({ visitor: 'provider2', path: `/aanbieder/clienten/${trajectory.ilse}/plan/activiteiten` }),
	'/aanbieder/clienten/[id]/plan/planning': async () => ({ visitor: 'provider2', path: `/aanbieder/clienten/${trajectory.ilse}/plan/planning` }),
	'/aanbieder/clienten/[id]/plan/controleren': async () => ({ visitor: 'provider2', path: `/aanbieder/clienten/${trajectory.ilse}/plan/controleren` }),
	'/beoordelen': async () => ({ visitor: 'reviewer', path: '/beoordelen' }),
	'/beoordelen/[id=uuid]': async () => ({ visitor: 'reviewer', path: `/beoordelen/${trajectory.anna}` }),
	'/beoordelen/[id=uuid]/afsluiten': async () => ({ visitor: 'reviewer', path: `/beoordelen/${trajectory.ruud}/afsluiten` }),
	'/beoordelen/clienten/nieuw': async () => ({ visitor: 'reviewer', path: '/beoordelen/clienten/nieuw' }),
	'/onderzoek': async () => ({ visitor: 'researcher', path: '/onderzoek' }),
	'/onderzoek/microdata': async () => ({ visitor: 'researcher', path: '/onderzoek/microdata' }),
	'/onderzoek/tokens': async () => ({ visitor: 'researcher', path: '/onderzoek/tokens' }),
	'/beheer': async () => ({ visitor: 'admin', path: '/beheer' }),
	'/beheer/accounts/nieuw': async () => ({ visitor: 'admin', path: '/beheer/accounts/nieuw' }),
	'/beheer/aanbieders': async () => ({ visitor: 'admin', path: '/beheer/aanbieders' }),
	'/beheer/aanbieders/nieuw': async () => ({ visitor: 'admin', path: '/beheer/aanbieders/nieuw' }),
	'/beheer/aanbieders/import': async () => ({ visitor: 'admin', path: '/beheer/aanbieders/import' }),
	'/beheer/aanbieders/[code]': async () => ({ visitor: 'admin', path: '/beheer/aanbieders/loopbaanlicht' }),
	'/beheer/regels': async () => ({ visitor: 'admin', path: '/beheer/regels' }),
	'/beheer/clienten': async () => ({ visitor: 'admin', path: '/beheer/clienten' }),
	'/beheer/clienten/[id]/wissen': async () => ({ visitor: 'admin', path: '/beheer/clienten/user-demo-client-kees/wissen' }),
	'/beheer/outbox': async () => ({ visitor: 'admin', path: '/beheer/outbox' }),
	'/beheer/outbox/[id]': async (portal) => ({ visitor: 'admin', path: `/beheer/outbox/${await portal.outboxMailId()}` }),
	'/beheer/enquete': async () => ({ visitor: 'admin', path: '/beheer/enquete' }),
	'/beheer/enquete/import': async () => ({ visitor: 'admin', path: '/beheer/enquete/import' }),
	'/beheer/enquete/uitnodigen': async () => ({ visitor: 'admin', path: '/beheer/enquete/uitnodigen' }),
	'/beheer/enquete/versie/[version]': async () => ({ visitor: 'admin', path: '/beheer/enquete/versie/1' }),
	'/beheer/enquete/versie/[version]/voorbeeld': async () => ({ visitor: 'admin', path: '/beheer/enquete/versie/1/voorbeeld' }),
	'/beheer/enquete/versie/[version]/nieuw': async (portal) => ({ visitor: 'admin', path: `/beheer/enquete/versie/${await portal.draftVersion()}/nieuw` }),
	'/beheer/enquete/versie/[version]/vraag/[code]': async (portal) => ({
		visitor: 'admin',
		path: fill('/beheer/enquete/versie/[version]/vraag/[code]', { version: await portal.draftVersion(), code: (await portal.itemCodes())[0]! })
	})
};

import type { Kysely } from 'kysely';
import { orderedItems, surveyDomains, type InstrumentVersion } from '../../src/lib/domain/survey/instrument';
import type { Database } from '../../src/lib/server/db/schema';
import { latestPublishedVersion, loadInstrument } from '../../src/lib/server/services/survey-instrument';
import { createInvitation } from '../../src/lib/server/services/survey-invitations';

/**
 * Survey respondents against a built server, as a browser without JavaScript answers: invitations
 * written straight into the database (the token is only known at creation), the answers respondent
 * n gives, and the form posts of the survey pages. Shared by bench/survey-submit and the
 * reliability tests. Relative imports only: the bench runs outside Vite.
 */

export interface Invited {
	invitationId: string;
	trajectoryId: string;
	/** `/enquete/<token>` */
	path: string;
}

/**
 * `count` clients with an ended trajectory each (one in four terminated, the others completed, half
 * placed), invited for `wave`. Ids and addresses start with `prefix`. Pass a transaction for speed.
 */
export async function inviteEndedClients(db: Kysely<Database>, options: { count: number; wave: string; prefix: string; now?: Date }): Promise<Invited[]> {
	const providers = await db.selectFrom('providers').select('id').where('active', '=', 1).orderBy('code').execute();
	const organisation = (await db.selectFrom('organisations').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
	const now = options.now ?? new Date();
	const invited: Invited[] = [];
	for (let index = 0; index < options.count; index += 1) {
		const clientId = `${options.prefix}-client-${index}`;
		const trajectoryId = `${options.prefix}-trajectory-${index}`;
		await db
			.insertInto('users')
			.values({
				id: clientId,
				email: `${options.prefix}-${index}@bench.regie.test`,
				display_name: `Respondent ${index}`,
				role: 'client',
				password_hash: null,
				organisation_id: organisation,
				provider_id: null,
				benefit_type: 'WW',
				region: 'utrecht',
				created_at: now.toISOString(),
				activated_at: null
			})
			.execute();
		await db
			.insertInto('trajectories')
			.values({
				id: trajectoryId,
				client_id: clientId,
				provider_id: providers[index % providers.length]!.id,
				organisation_id: organisation,
				status: index % 4 === 0 ? 'terminated' : 'completed',
				chosen_at: now.toISOString(),
				updated_at: now.toISOString(),
				ended_at: now.toISOString(),
				placed: index % 2
			})
			.execute();
		const invitation = await createInvitation(db, trajectoryId, options.wave, now);
		if (!invitation) throw new Error(`no invitation for ${trajectoryId}`);
		invited.push({ invitationId: invitation.invitationId, trajectoryId, path: invitation.path });
	}
	return invited;
}

export async function publishedInstrument(db: Kysely<Database>): Promise<InstrumentVersion> {
	const instrument = await loadInstrument(db, await latestPublishedVersion(db));
	if (!instrument) throw new Error('no published instrument');
	return instrument;
}

/** What respondent `index` answers: per domain page every item but one (skipped), varied. */
export function answersOf(instrument: InstrumentVersion, index: number): Map<string, string>[] {
	const codes = ['ja', 'een_beetje', 'nee'];
	return surveyDomains.map((domain, page) => {
		const items = orderedItems(instrument, domain);
		const skipped = (index + page) % items.length;
		return new Map(items.filter((_, position) => position !== skipped).map((item, position) => [item.code, codes[(index + position) % 3]!]));
	});
}

/** The closing page of respondent `index`: an overall mark 1–10 and, for some, a comment. */
export function closingOf(index: number): { overall: number; comment: string } {
	return { overall: (index % 10) + 1, comment: index % 3 === 0 ? `Opmerking ${index}: prettig geholpen, ë en ü ook.` : '' };
}

/** The fields of domain page `page` (1-based) as the survey form posts them. */
export function pageFields(page: number, answers: Map<string, string>): Record<string, string> {
	const fields: Record<string, string> = { page: String(page), direction: 'next' };
	for (const [code, answer] of answers) fields[`item_${code}`] = answer;
	return fields;
}

export function closingFields(pageCount: number, closing: { overall: number; comment: string }): Record<string, string> {
	return { page: String(pageCount), direction: 'next', overall: String(closing.overall), comment: closing.comment };
}

/** Every post of one respondent, in order: the domain pages, then the closing page. */
export function surveyPosts(instrument: InstrumentVersion, index: number): { fields: Record<string, string>; expect: (path: string) => string }[] {
	const pages = answersOf(instrument, index);
	return [
		...pages.map((answers, position) => ({ fields: pageFields(position + 1, answers), expect: (path: string) => `${path}?stap=${position + 2}` })),
		// Completed: back to the link itself, which then thanks them.
		{ fields: closingFields(pages.length + 1, closingOf(index)), expect: (path: string) => path }
	];
}

export interface FormAnswer {
	status: number;
	location: string | null;
	ms: number;
	body: string;
}

/**
 * A form post as a browser without JavaScript sends it (SvelteKit checks the Origin; with another
 * Accept it answers as to an enhanced form). `path` may carry an action, `?/saveWork`.
 */
export async function postForm(origin: string, path: string, fields: Record<string, string>, options: { cookie?: string; signal?: AbortSignal } = {}): Promise<FormAnswer> {
	const started = performance.now();
	const headers: Record<string, string> = { Origin: origin, Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' };
	if (options.cookie) headers.Cookie = options.cookie;
	const response = await fetch(origin + path, { method: 'POST', headers, body: new URLSearchParams(fields), redirect: 'manual', signal: options.signal });
	const body = await response.text();
	return { status: response.status, location: response.headers.get('location'), ms: performance.now() - started, body };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstrumentVersion } from '$lib/domain/survey/instrument';
import type { Db } from '$lib/server/db';
import { serverWorkspace, type RunningServer, type ServerWorkspace } from '../../support/built-server';
import { clientsWithDraftPlans, connect, prepareDemo, sqliteChecks, type DraftPlanClient } from '../../support/server-data';
import { answersOf, closingOf, inviteEndedClients, postForm, publishedInstrument, surveyPosts, type Invited } from '../../support/survey-respondents';

// Issue 7, crash safety: 1,000 state-changing requests (survey pages and completions, plan saves)
// from 20 concurrent clients against the built server; `kill -9` after KILL_AFTER of them were
// answered; restart. Then every answered request is in the database exactly as sent, nothing is
// half-written, SQLite's integrity_check passes, and the requests that got no answer are sent
// again (as a person would) and succeed exactly once. On SQLite, or PostgreSQL with TEST_DATABASE_URL.

/** Survey posts in all: respondents × (domain pages + closing page), 120 × 5 with the demo instrument. */
const SURVEY_POSTS = 600;
const PLAN_CLIENTS = 10;
const SAVES_PER_PLAN = 40; // = 400 requests
const SURVEY_WORKERS = 10; // + PLAN_CLIENTS workers = 20 concurrent clients
const KILL_AFTER = 400;
const WAVE = 'crash-wave';

interface Op {
	kind: 'survey' | 'plan';
	/** Respondent index, or plan client index. */
	owner: number;
	/** Survey: page 1…6; plan: save number 0…SAVES_PER_PLAN-1. */
	step: number;
	path: string;
	fields: Record<string, string>;
	cookie?: string;
	expected: string;
	/** Answered as expected before the crash, after it, or not yet. */
	acknowledged: 'before' | 'after' | null;
	/** Sent when the server died, without an answer. */
	unanswered: boolean;
}

let ws: ServerWorkspace;
let server: RunningServer | undefined;
let db: Db;
let instrument: InstrumentVersion;
let invited: Invited[];
let respondents: number;
let planClients: DraftPlanClient[];

beforeAll(async () => {
	ws = await serverWorkspace('regie-crash');
	db = connect(ws.database);
	await prepareDemo(db);
	instrument = await publishedInstrument(db);
	respondents = Math.round(SURVEY_POSTS / surveyPosts(instrument, 0).length / SURVEY_WORKERS) * SURVEY_WORKERS;
	invited = await db.transaction().execute((trx) => inviteEndedClients(trx, { count: respondents, wave: WAVE, prefix: 'crash' }));
	planClients = await clientsWithDraftPlans(db, PLAN_CLIENTS);
});

afterAll(async () => {
	await server?.stop();
	await db?.destroy();
	await ws?.cleanUp();
});

/** What save n of plan client c writes on the work step: different every time. */
function planSave(client: number, save: number) {
	return {
		targetOccupation: `Beroep ${client}-${save}`,
		hoursPerWeek: String((save % 40) + 1),
		startingSituation: `Situatie van cliënt ${client}, opslag ${save}: "aanhalingstekens" & <tekens>.`,
		motivation: `Motivatie ${save}`
	};
}

function surveyOps(respondent: number): Op[] {
	const invitation = invited[respondent]!;
	return surveyPosts(instrument, respondent).map((post, index) => ({
		kind: 'survey',
		owner: respondent,
		step: index + 1,
		path: invitation.path,
		fields: post.fields,
		expected: post.expect(invitation.path),
		acknowledged: null,
		unanswered: false
	}));
}

function planOps(client: number): Op[] {
	const { cookie, version } = planClients[client]!;
	return Array.from({ length: SAVES_PER_PLAN }, (_, save) => ({
		kind: 'plan',
		owner: client,
		step: save,
		path: '/plan/werk?/saveWork',
		// Each save builds on the version the one before it made, as the next page would show.
		fields: { baseVersion: String(version + save), ...planSave(client, save) },
		cookie,
		expected: '/plan/activiteiten',
		acknowledged: null,
		unanswered: false
	}));
}

describe(`crash safety (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	it('keeps every answered request, half-writes nothing, and takes the unanswered ones again after kill -9', async () => {
		const started = performance.now();
		const first = await ws.start({ env: { MAIL_WORKER_INTERVAL_SECONDS: '3600' } });
		server = first;
		let origin = first.origin;

		// 20 clients: each survey worker answers every tenth respondent's survey, page by page; each
		// plan client saves its plan SAVES_PER_PLAN times in a row.
		const queues: Op[][] = [
			...Array.from({ length: SURVEY_WORKERS }, (_, worker) =>
				Array.from({ length: respondents / SURVEY_WORKERS }, (_, n) => surveyOps(worker + n * SURVEY_WORKERS)).flat()
			),
			...Array.from({ length: PLAN_CLIENTS }, (_, client) => planOps(client))
		];
		const ops = queues.flat();
		expect(ops.length).toBeGreaterThanOrEqual(950);

		let answered = 0;
		let killed = false;
		let restarted = false;
		let killing: Promise<void> | null = null;
		let parked = 0;
		let done = 0;
		let resume!: () => void;
		const resumed = new Promise<void>((resolve) => (resume = resolve));
		const problems: string[] = [];

		async function send(op: Op): Promise<'ok' | 'crashed'> {
			let answer;
			try {
				answer = await postForm(origin, op.path, op.fields, { cookie: op.cookie });
			} catch (error) {
				if (killed) return 'crashed';
				throw error;
			}
			if (answer.status !== 303 || answer.location !== op.expected) {
				throw new Error(`${op.kind} ${op.owner} step ${op.step}: HTTP ${answer.status} → ${answer.location} (expected 303 → ${op.expected})`);
			}
			return 'ok';
		}

		async function work(queue: Op[]): Promise<void> {
			try {
				for (const op of queue) {
					if ((await send(op)) === 'ok') {
						op.acknowledged = restarted ? 'after' : 'before';
						answered += 1;
						if (answered === KILL_AFTER && !killed) {
							killed = true;
							// A few ms later, at a moment nobody chose: the other requests are somewhere in flight.
							killing = new Promise((resolve) => setTimeout(resolve, Math.random() * 20)).then(() => first.kill());
						}
						continue;
					}
					// The server is gone: wait for it to come back, then send the same request again.
					op.unanswered = true;
					parked += 1;
					await resumed;
					if ((await send(op)) !== 'ok') throw new Error('the restarted server did not answer');
					op.acknowledged = 'after';
				}
			} catch (error) {
				problems.push(error instanceof Error ? error.message : String(error));
			} finally {
				done += 1;
			}
		}

		const workers = queues.map((queue) => work(queue));
		while (!killing && done < queues.length) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(problems).toEqual([]);
		expect(killing, 'the server was killed partway').not.toBeNull();
		await killing;
		const killedAt = performance.now();
		// Every client has either finished or is waiting with its unanswered request.
		while (parked + done < queues.length) await new Promise((resolve) => setTimeout(resolve, 20));
		const beforeKill = ops.filter((op) => op.acknowledged === 'before');
		const unanswered = ops.filter((op) => op.unanswered);

		// A new process on the same database; a new port, so that no client reuses a dead connection.
		const second = await ws.start({ env: { MAIL_WORKER_INTERVAL_SECONDS: '3600' } });
		server = second;
		origin = second.origin;
		const restartMs = performance.now() - killedAt;
		if (ws.database.file) expect(sqliteChecks(ws.database.file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
		await expectConsistent(beforeKill);
		// Which of the unanswered requests had been written before the process died.
		const writtenUnanswered = (await Promise.all(unanswered.map((op) => isWritten(op)))).filter(Boolean).length;

		restarted = true;
		resume();
		await Promise.all(workers);
		expect(problems).toEqual([]);
		expect(ops.every((op) => op.acknowledged !== null)).toBe(true);
		await expectConsistent(ops);
		await expectNothingElse();
		await second.stop();
		if (ws.database.file) expect(sqliteChecks(ws.database.file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });

		console.log(
			`crash safety (${ws.database.engine}): ${beforeKill.length} requests answered before kill -9, ${unanswered.length} without an answer ` +
				`(${writtenUnanswered} of them already written), all ${ops.length} answered in the end; restart ${(restartMs / 1000).toFixed(1)} s; ` +
				`whole run ${((performance.now() - started) / 1000).toFixed(1)} s`
		);
	});
});

/** Whether a request is in the database (for the requests that got no answer). */
async function isWritten(op: Op): Promise<boolean> {
	if (op.kind === 'plan') {
		const { trajectoryId, version } = planClients[op.owner]!;
		const plan = await db.selectFrom('plans').select('version').where('trajectory_id', '=', trajectoryId).executeTakeFirstOrThrow();
		return Number(plan.version) >= version + op.step + 1;
	}
	const response = await db.selectFrom('survey_responses').select(['progress', 'completed_at']).where('invitation_id', '=', invited[op.owner]!.invitationId).executeTakeFirst();
	return !!response && (response.completed_at !== null || Number(response.progress) >= op.step);
}

/**
 * Every acknowledged request is stored exactly as sent, and every plan and response is whole: what
 * the database holds is always a prefix of what its client sent, never part of a request.
 */
async function expectConsistent(acknowledged: Op[]): Promise<void> {
	const pageCount = answersOf(instrument, 0).length + 1;

	// Plans: version n+1 is exactly save n; the working copy is the latest revision; nothing skipped or doubled.
	for (const [index, client] of planClients.entries()) {
		const plan = await db.selectFrom('plans').select(['id', 'version', 'content']).where('trajectory_id', '=', client.trajectoryId).executeTakeFirstOrThrow();
		const revisions = await db.selectFrom('plan_revisions').select(['version', 'content']).where('plan_id', '=', plan.id).orderBy('version').execute();
		const saves = Number(plan.version) - client.version;
		expect(revisions.map((revision) => Number(revision.version)), `plan ${index}: revisions`).toEqual(Array.from({ length: saves + 1 }, (_, n) => client.version + n));
		expect(revisions.at(-1)!.content, `plan ${index}: working copy = latest revision`).toBe(plan.content);
		for (const revision of revisions.slice(1)) {
			const save = Number(revision.version) - client.version - 1;
			const content = JSON.parse(revision.content) as Record<string, unknown>;
			const sent = planSave(index, save);
			expect({ ...content, hoursPerWeek: String(content.hoursPerWeek) }, `plan ${index}: save ${save}`).toMatchObject(sent);
		}
		const last = Math.max(-1, ...acknowledged.filter((op) => op.kind === 'plan' && op.owner === index).map((op) => op.step));
		expect(saves, `plan ${index}: every answered save is stored`).toBeGreaterThanOrEqual(last + 1);
		const trajectory = await db.selectFrom('trajectories').select('status').where('id', '=', client.trajectoryId).executeTakeFirstOrThrow();
		expect(trajectory.status).toBe('draft');
	}

	// Survey responses: the answers are exactly those of the pages up to `progress`; a completed
	// response has all of them and its closing page, and its invitation is completed with it.
	const responses = await db
		.selectFrom('survey_responses')
		.innerJoin('survey_invitations', 'survey_invitations.id', 'survey_responses.invitation_id')
		.select(['survey_responses.id', 'survey_responses.invitation_id', 'progress', 'overall', 'comment', 'survey_responses.completed_at', 'survey_invitations.completed_at as invitation_completed_at'])
		.where('survey_responses.wave', '=', WAVE)
		.execute();
	const answers = await db
		.selectFrom('survey_answers')
		.innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
		.select(['survey_answers.response_id', 'item_code', 'answer'])
		.where('survey_responses.wave', '=', WAVE)
		.execute();
	const byInvitation = new Map(responses.map((response) => [response.invitation_id, response]));
	expect(byInvitation.size, 'one response per invitation').toBe(responses.length);
	for (const [respondent, invitation] of invited.entries()) {
		const response = byInvitation.get(invitation.invitationId);
		const last = Math.max(0, ...acknowledged.filter((op) => op.kind === 'survey' && op.owner === respondent).map((op) => op.step));
		if (!response) {
			expect(last, `respondent ${respondent}: answered pages are stored`).toBe(0);
			continue;
		}
		const progress = Number(response.progress);
		const completed = response.completed_at !== null;
		expect(progress, `respondent ${respondent}: every answered page is stored`).toBeGreaterThanOrEqual(last);
		expect(completed, `respondent ${respondent}: completed only with the closing page`).toBe(progress === pageCount);
		expect(response.invitation_completed_at !== null, `respondent ${respondent}: invitation completed with its response`).toBe(completed);
		const pages = answersOf(instrument, respondent).slice(0, Math.min(progress, pageCount - 1));
		const expected = Object.fromEntries(pages.flatMap((page) => [...page.entries()]));
		const stored = Object.fromEntries(answers.filter((answer) => answer.response_id === response.id).map((answer) => [answer.item_code, answer.answer]));
		expect(stored, `respondent ${respondent}: answers of pages 1–${pages.length}`).toEqual(expected);
		if (completed) {
			const closing = closingOf(respondent);
			expect({ overall: Number(response.overall), comment: response.comment ?? '' }).toEqual(closing);
		} else {
			expect(response.overall).toBeNull();
		}
	}
}

/** No response of another wave, no plan elsewhere touched: the run wrote only what was sent. */
async function expectNothingElse(): Promise<void> {
	const completed = await db.selectFrom('survey_responses').select('id').where('wave', '=', WAVE).where('completed_at', 'is not', null).execute();
	expect(completed).toHaveLength(respondents);
	const revisions = await db
		.selectFrom('plan_revisions')
		.innerJoin('plans', 'plans.id', 'plan_revisions.plan_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('plans.trajectory_id', 'in', planClients.map((client) => client.trajectoryId))
		.executeTakeFirstOrThrow();
	expect(Number(revisions.n)).toBe(PLAN_CLIENTS * (SAVES_PER_PLAN + 1));
}

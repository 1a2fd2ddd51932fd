import { config } from './config';
import { migrateToLatest, openDatabase, type Db } from './db';
import { seedDemo } from './demo/seed';
import { startMailWorker, type MailWorkerHandle, type PeriodicJob } from './mail/scheduler';
import { configuredTransport } from './mail/transport';
import { remindPlanDeadlines } from './services/plan-deadlines';
import { scoreUnscoredResponses } from './services/survey-scores';

/**
 * The running portal's database: opened once per process, migrated before the first request, and
 * filled with demo data only when REGIE_DEMO asks for it.
 */

let database: Db | undefined;

export function appDatabase(): Db {
	database ??= openDatabase({ url: config().DATABASE_URL }).db;
	return database;
}

export async function prepareApp(): Promise<void> {
	const settings = config();
	const db = appDatabase();
	await migrateToLatest(db);
	if (settings.REGIE_DEMO) {
		const { created } = await seedDemo(db);
		if (created) console.log('Regie: demo data loaded (password of every demo account: demo-wachtwoord)');
	}
	// Responses completed before their scores were stored (migration 08) are scored now, at start,
	// rather than by the first research page that needs them.
	const scored = await scoreUnscoredResponses(db);
	if (scored > 0) console.log(`Regie: stored the scale scores of ${scored} earlier survey responses`);
}

/** Jobs of the background timer that write mails to the outbox before the worker sends them. */
const periodicJobs: PeriodicJob[] = [remindPlanDeadlines];

let worker: MailWorkerHandle | undefined;

/**
 * Start the server's background timer once per process: the periodic jobs, then the outbox worker
 * (every MAIL_WORKER_INTERVAL_SECONDS, 30 s by default; unref'd). Only the running server calls this (hooks `init`); tests and the tsx
 * command-line tools never do.
 */
export function startBackgroundWork(): void {
	if (worker) return;
	const transport = configuredTransport();
	if (!transport) console.log('Regie: SMTP_URL is not set; mails stay in the outbox (/beheer/outbox)');
	worker = startMailWorker(appDatabase(), transport, { jobs: periodicJobs });
	void worker.tick();
}

/**
 * Stop cleanly. adapter-node emits `sveltekit:shutdown` on SIGTERM or SIGINT once the server takes
 * no more requests and has answered the open ones (hooks `init` listens): the background timer
 * finishes its current tick, then the database closes, so the process ends at once. A PostgreSQL
 * pool would otherwise keep it alive until its idle connections time out.
 */
export async function stopApp(): Promise<void> {
	await worker?.stop();
	worker = undefined;
	await database?.destroy();
	database = undefined;
}

export function sessionPolicy() {
	const settings = config();
	return { inactivityDays: settings.SESSION_INACTIVITY_DAYS, maxAgeDays: settings.SESSION_MAX_AGE_DAYS };
}

export function throttlePolicy() {
	const settings = config();
	return { maxFailures: settings.SIGN_IN_MAX_FAILURES, windowMinutes: settings.SIGN_IN_WINDOW_MINUTES };
}

export function invitationPolicy() {
	return { invitationValidDays: config().INVITATION_VALID_DAYS };
}

/** Below this many respondents (or completed trajectories) no figure of a single provider is shown. */
export function publicationMinimum(): number {
	return config().PUBLICATION_MIN_RESPONDENTS;
}

/** The survey wave new invitations belong to: SURVEY_WAVE, or the quarter of `now` (`2026-Q4`). */
export function currentSurveyWave(now = new Date()): string {
	return config().SURVEY_WAVE ?? `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

import type { Kysely } from 'kysely';
import { config } from '$lib/server/config';
import type { Database } from '$lib/server/db';
import type { MailTransport } from './transport';
import { runMailWorkerOnce } from './worker';

/**
 * The server's background timer: every `intervalMs` (default MAIL_WORKER_INTERVAL_SECONDS, 30 s)
 * it runs the periodic jobs (which write mails to the outbox, e.g. plan deadline reminders) and
 * then the outbox worker. Started once, from the server hook's `init` — never in tests or the
 * command-line tools. The timer is unref'd, so it never keeps a stopping process alive, and a tick
 * is skipped while the previous one still runs.
 */

export type PeriodicJob = (db: Kysely<Database>, now: Date) => Promise<unknown>;

export interface MailWorkerHandle {
	/** Run one tick now (what the timer does), e.g. right after start. */
	tick(): Promise<void>;
	/** No more ticks; resolves once a tick that is running has finished. */
	stop(): Promise<void>;
}

export function startMailWorker(
	db: Kysely<Database>,
	transport: MailTransport | null,
	options: { intervalMs?: number; jobs?: PeriodicJob[]; log?: (message: string) => void } = {}
): MailWorkerHandle {
	const log = options.log ?? ((message: string) => console.error(message));
	let running: Promise<void> | null = null;
	function tick(): Promise<void> {
		if (running) return Promise.resolve();
		running = runOnce().finally(() => {
			running = null;
		});
		return running;
	}
	async function runOnce(): Promise<void> {
		try {
			for (const job of options.jobs ?? []) {
				try {
					await job(db, new Date());
				} catch (error) {
					log(`Regie: periodic job failed: ${error instanceof Error ? error.message : String(error)}`);
				}
			}
			const run = await runMailWorkerOnce(db, transport, new Date());
			if (run.failed > 0) log(`Regie: gave up on ${run.failed} mail(s); see /beheer/outbox`);
		} catch (error) {
			log(`Regie: mail worker failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	const timer = setInterval(() => void tick(), options.intervalMs ?? config().MAIL_WORKER_INTERVAL_SECONDS * 1000);
	timer.unref();
	return {
		tick,
		async stop() {
			clearInterval(timer);
			await running;
			transport?.close();
		}
	};
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { notify } from '$lib/server/services/notifications';
import { startMailWorker } from './scheduler';
import type { MailTransport, OutgoingMail } from './transport';

let testDb: TestDatabase;
let clientId: string;

beforeAll(async () => {
	testDb = await freshDatabase();
	clientId = (await (await seededActors(testDb.db))('client@demo.regie.nl')).id;
});
afterAll(() => testDb.close());

describe('the background timer', () => {
	it('runs the periodic jobs, then sends what they wrote, in one tick; a failing job stops nothing', async () => {
		const delivered: OutgoingMail[] = [];
		const transport: MailTransport = { send: async (mail) => void delivered.push(mail), close() {} };
		const logged: string[] = [];
		const worker = startMailWorker(testDb.db, transport, {
			intervalMs: 60 * 60_000,
			log: (message) => logged.push(message),
			jobs: [
				async () => {
					throw new Error('job broke');
				},
				(db, now) => db.transaction().execute((trx) => notify(trx, [clientId], { event: 'plan_approved', trajectoryId: null, path: '/plan', params: { clientName: 'Sanne' } }, now))
			]
		});
		try {
			// Two ticks at once: the second is skipped while the first runs.
			await Promise.all([worker.tick(), worker.tick()]);
			expect(delivered.map((mail) => mail.subject)).toEqual(['Regie: Het plan van Sanne is goedgekeurd. Het traject kan beginnen.']);
			expect(logged).toEqual(['Regie: periodic job failed: job broke']);
		} finally {
			await worker.stop();
		}
	});

	it('stops after the tick that is running, and closes the transport only then', async () => {
		const events: string[] = [];
		let finishJob!: () => void;
		const transport: MailTransport = { send: async () => undefined, close: () => void events.push('transport closed') };
		const worker = startMailWorker(testDb.db, transport, {
			intervalMs: 60 * 60_000,
			jobs: [() => new Promise<void>((resolve) => (finishJob = resolve)).then(() => void events.push('job done'))]
		});
		const tick = worker.tick();
		const stopped = worker.stop().then(() => void events.push('stopped'));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(events).toEqual([]);
		finishJob();
		await Promise.all([tick, stopped]);
		expect(events).toEqual(['job done', 'transport closed', 'stopped']);
	});
});

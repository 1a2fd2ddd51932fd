import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
	it('gives the documented defaults for an empty environment', () => {
		const config = parseConfig({});
		expect(config.DATABASE_URL).toBeUndefined();
		expect(config.REGIE_DEMO).toBe(false);
		expect(config.SESSION_INACTIVITY_DAYS).toBe(30);
		expect(config.INVITATION_VALID_DAYS).toBe(14);
		expect(config.SIGN_IN_MAX_FAILURES).toBe(5);
		expect(config.SIGN_IN_WINDOW_MINUTES).toBe(15);
	});

	it('accepts a PostgreSQL URL and the demo flag', () => {
		const config = parseConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/regie', REGIE_DEMO: '1' });
		expect(config.DATABASE_URL).toBe('postgres://u@127.0.0.1:5432/regie');
		expect(config.REGIE_DEMO).toBe(true);
	});

	it('names every bad variable', () => {
		expect(() => parseConfig({ DATABASE_URL: 'mysql://x', SESSION_INACTIVITY_DAYS: 'soon' })).toThrow(
			/DATABASE_URL[\s\S]*SESSION_INACTIVITY_DAYS/
		);
	});

	it('takes the interval of the mail worker in whole seconds, 1 to 3600', () => {
		expect(parseConfig({}).MAIL_WORKER_INTERVAL_SECONDS).toBe(30);
		expect(parseConfig({ MAIL_WORKER_INTERVAL_SECONDS: '1' }).MAIL_WORKER_INTERVAL_SECONDS).toBe(1);
		for (const bad of ['0', '0.5', '3601', 'often']) expect(() => parseConfig({ MAIL_WORKER_INTERVAL_SECONDS: bad })).toThrow(/MAIL_WORKER_INTERVAL_SECONDS/);
	});

	it('refuses demo data in production mode', () => {
		expect(() => parseConfig({ REGIE_DEMO: '1', NODE_ENV: 'production' })).toThrow(/REGIE_DEMO/);
	});
});

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

	it('refuses demo data in production mode', () => {
		expect(() => parseConfig({ REGIE_DEMO: '1', NODE_ENV: 'production' })).toThrow(/REGIE_DEMO/);
	});
});

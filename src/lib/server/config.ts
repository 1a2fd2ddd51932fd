import { z } from 'zod';

/**
 * Environment configuration, validated once at start. Reads `process.env` (not `$env/*`) so that the
 * same module works in the built server, in vitest and in the tsx command-line tools.
 */
const flag = z
	.enum(['0', '1', 'true', 'false', ''])
	.optional()
	.transform((value) => value === '1' || value === 'true');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = z
	.object({
		DATABASE_URL: z
			.string()
			.trim()
			.optional()
			.transform((value) => (value ? value : undefined))
			.refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value) || value.startsWith('file:'), {
				message: 'must start with postgres:// or file: (or be unset for ./data/regie.db)'
			}),
		REGIE_DEMO: flag,
		NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
		ORIGIN: z.url().optional(),
		SESSION_INACTIVITY_DAYS: positiveInt(30),
		SESSION_MAX_AGE_DAYS: positiveInt(90),
		INVITATION_VALID_DAYS: positiveInt(14),
		SIGN_IN_MAX_FAILURES: positiveInt(5),
		SIGN_IN_WINDOW_MINUTES: positiveInt(15),
		PUBLICATION_MIN_RESPONDENTS: positiveInt(30),
		// Mail: without SMTP_URL mails stay in the outbox (readable at /beheer/outbox); nothing fails.
		SMTP_URL: z
			.string()
			.trim()
			.optional()
			.transform((value) => (value ? value : undefined))
			.refine((value) => value === undefined || /^smtps?:\/\//.test(value), { message: 'must start with smtp:// or smtps://' }),
		MAIL_FROM: z.string().trim().default('Regie <noreply@regie.localhost>'),
		// The survey wave new invitations belong to, e.g. 2026-Q4; unset: the current quarter.
		SURVEY_WAVE: z
			.string()
			.trim()
			.max(50)
			.optional()
			.transform((value) => (value ? value : undefined)),
		SURVEY_REMINDER_DAYS: positiveInt(7),
		// How often the background timer runs the periodic jobs and the outbox worker.
		MAIL_WORKER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30)
	})
	.refine((config) => !(config.REGIE_DEMO && config.NODE_ENV === 'production'), {
		message: 'REGIE_DEMO=1 loads demo accounts with a known password and is refused when NODE_ENV=production',
		path: ['REGIE_DEMO']
	});

export type Config = z.infer<typeof configSchema>;

/** Parse an environment; throws a readable multi-line error on bad config. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const result = configSchema.safeParse(env);
	if (!result.success) {
		const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
		throw new Error(`Regie: invalid configuration\n${lines.join('\n')}`);
	}
	return result.data;
}

let cached: Config | undefined;

/** The process's configuration. On bad config it prints why and exits, as an operator expects. */
export function config(): Config {
	if (!cached) {
		try {
			cached = parseConfig(process.env);
		} catch (error) {
			console.error((error as Error).message);
			process.exit(1);
		}
	}
	return cached;
}

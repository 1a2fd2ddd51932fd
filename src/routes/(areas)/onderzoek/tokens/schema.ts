import { z } from 'zod';

/** The "new API token" form: a name the researcher recognises and a lifetime of 30, 90 or 365 days. */
export const tokenFormSchema = z.object({
	name: z.string().trim().min(1, { error: 'apitoken_error_name' }).max(60, { error: 'apitoken_error_name' }),
	lifetimeDays: z.enum(['30', '90', '365'], { error: 'apitoken_error_lifetime' }).default('90')
});
export const tokenFieldOrder = ['name', 'lifetimeDays'];

import { z } from 'zod';

/**
 * The two forms of client erasure: finding a client by e-mail address (sent as POST, so that the
 * address stays out of URLs and logs) and confirming by typing that address again. Errors are
 * message keys; the page translates them.
 */

export const findClientSchema = z.object({
	email: z.string().trim().toLowerCase().min(1, 'erasure_error_email_required').max(254, 'erasure_error_email_required')
});

export const confirmErasureSchema = z.object({
	confirmation: z.string().trim().toLowerCase().max(254).default('')
});

/** Whether the typed confirmation is the client's address (case and spaces around it do not matter). */
export function confirms(typed: string, email: string): boolean {
	return typed !== '' && typed === email.trim().toLowerCase();
}

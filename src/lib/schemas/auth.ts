import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '$lib/domain/password-policy';

// Messages are functions so that they are rendered in the language of the request being parsed.

export const signInSchema = z.object({
	email: z
		.string({ error: () => m.error_email_required() })
		.trim()
		.min(1, { error: () => m.error_email_required() })
		.max(254, { error: () => m.error_email_invalid() }),
	password: z
		.string({ error: () => m.error_password_required() })
		.min(1, { error: () => m.error_password_required() })
		.max(PASSWORD_MAX_LENGTH, { error: () => m.error_sign_in_failed() })
});

export const newPasswordSchema = z
	.object({
		password: z.string({ error: () => m.error_password_required() }).superRefine((password, ctx) => {
			const problem = passwordProblem(password);
			if (!problem) return;
			const message =
				problem === 'too_short'
					? m.error_password_too_short({ min: PASSWORD_MIN_LENGTH })
					: problem === 'too_long'
						? m.error_password_too_long({ max: PASSWORD_MAX_LENGTH })
						: m.error_password_too_common();
			ctx.addIssue({ code: 'custom', message });
		}),
		passwordConfirm: z.string({ error: () => m.error_password_confirm() })
	})
	.refine((value) => value.password === value.passwordConfirm, {
		path: ['passwordConfirm'],
		error: () => m.error_password_confirm()
	});

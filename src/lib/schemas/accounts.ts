import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { benefitTypes, regions, roles } from '$lib/domain/reference';

/** Creating an account, by an admin (any role) or a reviewer (clients of their organisation). */
export const createAccountSchema = z
	.object({
		role: z.enum(roles, { error: () => m.error_role_required() }).default('client'),
		displayName: z
			.string({ error: () => m.error_name_required() })
			.trim()
			.min(2, { error: () => m.error_name_required() })
			.max(120, { error: () => m.error_name_too_long() }),
		email: z
			.string({ error: () => m.error_email_required() })
			.trim()
			.toLowerCase()
			.min(1, { error: () => m.error_email_required() })
			.max(254, { error: () => m.error_email_invalid() })
			.pipe(z.email({ error: () => m.error_email_invalid() })),
		benefitType: z.enum(benefitTypes, { error: () => m.error_benefit_required() }).optional(),
		organisationId: z.string().trim().max(64).optional(),
		providerId: z.string().trim().max(64).optional(),
		region: z.enum(regions, { error: () => m.error_region_required() }).optional()
	})
	.superRefine((value, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (value.role === 'client') {
			if (!value.benefitType) need('benefitType', m.error_benefit_required());
			if (!value.region) need('region', m.error_region_required());
		}
		if ((value.role === 'client' || value.role === 'reviewer') && !value.organisationId) {
			need('organisationId', m.error_organisation_required());
		}
		if (value.role === 'provider' && !value.providerId) need('providerId', m.error_provider_required());
	});

export type CreateAccountInput = z.infer<typeof createAccountSchema>;

import type { ProviderGroup } from '$lib/domain/reference';
import type { SurveyDomain } from '$lib/domain/survey/instrument';
import type { ScaleCategory } from '$lib/domain/survey/scoring';
import { messageFor, providerGroupLabel } from '$lib/i18n/labels';

/** Labels of the research views: domains as researchers name them, groups with the total row. */
export const researchDomainLabel = (domain: SurveyDomain) => messageFor(`research_domain_${domain}`);
export const categoryLabel = (category: ScaleCategory | 'total') => messageFor(`research_column_${category}`);
export const groupLabel = (group: ProviderGroup | 'total') => (group === 'total' ? messageFor('research_group_total') : providerGroupLabel(group));

/** Okabe–Ito colours, told apart with every common colour-vision deficiency: vermillion, orange, blue. */
export const categoryColours: Record<ScaleCategory, string> = { nee: '#D55E00', een_beetje: '#E69F00', ja: '#0072B2' };

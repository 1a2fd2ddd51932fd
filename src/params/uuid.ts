import type { ParamMatcher } from '@sveltejs/kit';

/** A trajectory id (a UUID, any version), so that named sub-pages such as `/beoordelen/clienten` stay theirs. */
export const match: ParamMatcher = (param) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(param);

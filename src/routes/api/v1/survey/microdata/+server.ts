import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { parseResearchQuery } from '$lib/schemas/research';
import { exportMicrodata } from '$lib/server/services/microdata';
import { problem, refusal } from '../tables/download';
import type { RequestHandler } from './$types';

/**
 * The microdata zip (`microdata.csv` + `datapackage.json`) of a selection: `wave` (required,
 * repeatable), optional `organisation`, `benefit`, `from`, `to`. For a researcher's session (the
 * portal's download button) and personal API tokens alike; every download is audit-logged.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const refused = refusal(locals.actor);
	if (refused) {
		if (refused.status === 401) refused.headers.set('WWW-Authenticate', 'Bearer realm="regie"');
		return refused;
	}
	const parsed = parseResearchQuery(url.searchParams);
	if (!parsed.success) return problem(400, parsed.problem.error, parsed.problem.parameter);
	const { selection, format } = parsed.query;
	if (format !== null) return problem(400, 'microdata come as a zip only', 'format');
	if (selection.waves.length === 0) return problem(400, 'choose at least one wave', 'wave');
	try {
		const result = await exportMicrodata(locals.db, locals.actor, selection, locals.sessionId ? 'portal' : 'api');
		return new Response(result.stream, {
			headers: {
				'Content-Type': 'application/zip',
				'Content-Disposition': `attachment; filename="${result.fileName}"`,
				'Cache-Control': 'private, no-store'
			}
		});
	} catch (caught) {
		if (caught instanceof NotFound) return problem(404, caught.message, caught.message.startsWith('unknown organisation') ? 'organisation' : 'wave');
		if (caught instanceof Invalid) return problem(400, 'choose at least one wave', 'wave');
		if (caught instanceof Forbidden) return problem(403, 'research data are for researchers only');
		throw caught;
	}
};

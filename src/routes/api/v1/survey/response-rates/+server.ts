import { responseRateExport } from '$lib/domain/survey/table-export';
import { responseRates } from '$lib/server/services/research';
import { surveyDownload } from '../tables/download';
import type { RequestHandler } from './$types';

/** Per wave and provider group: invitations sent, started, completed and the completion rate. */
export const GET: RequestHandler = (event) =>
	surveyDownload(event, 'response-rates', async (query) => {
		const result = await responseRates(event.locals.db, event.locals.actor, query.selection);
		return {
			body: {
				waves: result.waves,
				rows: result.rows.map((row) => ({ wave: row.wave, group: row.group, invitations_sent: row.sent, started: row.started, completed: row.completed, completion_rate_pct: row.rate }))
			},
			tables: [responseRateExport(result.rows)]
		};
	});

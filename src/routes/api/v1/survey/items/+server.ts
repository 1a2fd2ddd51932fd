import { itemTableExport } from '$lib/domain/survey/table-export';
import { itemTables } from '$lib/server/services/research';
import { surveyDownload } from '../tables/download';
import type { RequestHandler } from './$types';

/** Per statement the distribution after reverse coding, with its own n: JSON, CSV or XLSX. */
export const GET: RequestHandler = (event) =>
	surveyDownload(event, 'items', async (query) => {
		const result = await itemTables(event.locals.db, event.locals.actor, query.selection);
		return {
			body: {
				waves: result.waves,
				items: result.items.map((item) => ({ item: item.code, domain: item.domain, negative: item.negative, n: item.n, pct: item.pct }))
			},
			tables: [itemTableExport(result.items)]
		};
	});

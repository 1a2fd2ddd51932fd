import { json } from '@sveltejs/kit';
import { databaseAnswers } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** For load balancers and monitoring: 200 when the database answers, 503 otherwise. */
export const GET: RequestHandler = async ({ locals }) => {
	const ok = await databaseAnswers(locals.db);
	return json({ status: ok ? 'ok' : 'unavailable' }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
};

import { orHttpError } from '$lib/server/http/domain-errors';
import { listRegister, type RegisterStatus } from '$lib/server/services/provider-register';
import type { PageServerLoad } from './$types';

/** The register as the admin sees it: every provider, active or not. Filters live in the URL. */

const statusOfParam: Record<string, RegisterStatus> = { actief: 'active', 'niet-actief': 'inactive' };

export const load: PageServerLoad = async ({ locals, url }) => {
	const statusParam = url.searchParams.get('status') ?? '';
	const text = (url.searchParams.get('zoek') ?? '').slice(0, 100);
	const page = Number.parseInt(url.searchParams.get('pagina') ?? '1', 10) || 1;
	const result = await orHttpError(() => listRegister(locals.db, locals.actor, { status: statusOfParam[statusParam] ?? 'all', text, page }));
	return { result, filter: { status: statusOfParam[statusParam] ? statusParam : '', text } };
};

import type { Transport } from '@sveltejs/kit';
import { ServerOnly, serverOnlyValueInBrowser } from '$lib/server-only';

/** How page data that is not plain JSON travels from server to browser. */
export const transport: Transport = {
	ServerOnly: {
		encode: (value) => value instanceof ServerOnly && ['server-only'],
		decode: serverOnlyValueInBrowser
	}
};

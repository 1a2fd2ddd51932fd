import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import CompareTray from '$lib/components/providers/CompareTray.svelte';
import { htmlKeeper } from './kept-html';

type TrayProps = { providers: { code: string; name: string }[]; returnTo: string };

/** A keeper in a language the test sets, and a count of the renders it asked props for. */
function setUp(maxChars = 1_000_000) {
	const state = { language: 'nl', renders: 0 };
	const keeper = htmlKeeper(maxChars, () => state.language);
	const tray = (name: string) => (): TrayProps => {
		state.renders++;
		return { providers: [{ code: 'a', name }], returnTo: '/aanbieders' };
	};
	return { state, keeper, tray };
}

/** The length of one rendered part, to size a keeper in parts. */
async function onePartSize(): Promise<number> {
	const probe = setUp();
	return (await probe.keeper.html({}, '', CompareTray, probe.tray('A'))).length;
}

describe('kept HTML', () => {
	it("is Svelte's own rendering, with every value escaped", async () => {
		const { keeper, tray } = setUp();
		const html = await keeper.html({}, '', CompareTray, tray('<script>alert(1)</script>'));
		expect(html).toBe(render(CompareTray, { props: tray('<script>alert(1)</script>')() }).body);
		expect(html).toContain('&lt;script>alert(1)&lt;/script>');
		expect(html).not.toContain('<script>');
	});

	it('renders once for the same source, key and language', async () => {
		const { state, keeper, tray } = setUp();
		const source = {};
		const first = await keeper.html(source, 'k', CompareTray, tray('Arbeidsbrug'));
		const second = await keeper.html(source, 'k', CompareTray, tray('something else'));
		expect(second).toBe(first);
		expect(state.renders).toBe(1);
	});

	it('renders again for another source, another key or another language', async () => {
		const { state, keeper, tray } = setUp();
		const source = {};
		await keeper.html(source, 'k', CompareTray, tray('Arbeidsbrug'));
		// A source with the same content is still another source: its identity is what counts.
		expect(await keeper.html({}, 'k', CompareTray, tray('Werkpad'))).toContain('Werkpad');
		expect(await keeper.html(source, 'other key', CompareTray, tray('Baanatelier'))).toContain('Baanatelier');
		state.language = 'en';
		expect(await keeper.html(source, 'k', CompareTray, tray('Jobpath'))).toContain('Jobpath');
		expect(state.renders).toBe(4);
	});

	it('keeps at most its size, forgetting the part used longest ago first', async () => {
		const { state, keeper, tray } = setUp(2 * (await onePartSize()));
		const source = {};
		await keeper.html(source, 'a', CompareTray, tray('A'));
		await keeper.html(source, 'b', CompareTray, tray('B'));
		await keeper.html(source, 'a', CompareTray, tray('A')); // a is now used more recently than b
		await keeper.html(source, 'c', CompareTray, tray('C')); // no room: b goes
		expect(state.renders).toBe(3);
		await keeper.html(source, 'a', CompareTray, tray('A'));
		await keeper.html(source, 'c', CompareTray, tray('C'));
		expect(state.renders).toBe(3);
		await keeper.html(source, 'b', CompareTray, tray('B'));
		expect(state.renders).toBe(4);
	});

	it('renders once for requests that ask for the same part at the same time, and counts it once', async () => {
		const { state, keeper, tray } = setUp(2 * (await onePartSize()));
		const source = {};
		// Props that wait for the database, as the list's do when nothing is found.
		const slowTray = (name: string) => async () => (await new Promise((resolve) => setTimeout(resolve, 5)), tray(name)());
		const [first, second] = await Promise.all([keeper.html(source, 'a', CompareTray, slowTray('A')), keeper.html(source, 'a', CompareTray, slowTray('A'))]);
		expect(second).toBe(first);
		expect(state.renders).toBe(1);
		// Room for exactly two parts: a and b are both kept.
		await keeper.html(source, 'b', CompareTray, tray('B'));
		await keeper.html(source, 'a', CompareTray, tray('A'));
		await keeper.html(source, 'b', CompareTray, tray('B'));
		expect(state.renders).toBe(2);
	});

	it('keeps nothing of a rendering that failed', async () => {
		const { state, keeper, tray } = setUp();
		const failing = async (): Promise<TrayProps> => {
			throw new Error('database gone');
		};
		await expect(keeper.html({}, 'k', CompareTray, failing)).rejects.toThrow('database gone');
		const source = {};
		await expect(keeper.html(source, 'k', CompareTray, failing)).rejects.toThrow('database gone');
		expect(await keeper.html(source, 'k', CompareTray, tray('Arbeidsbrug'))).toContain('Arbeidsbrug');
		expect(state.renders).toBe(1);
	});

	it('does not keep a part larger than its whole size, but still returns it', async () => {
		const { state, keeper, tray } = setUp(10);
		const source = {};
		expect(await keeper.html(source, 'k', CompareTray, tray('Arbeidsbrug'))).toContain('Arbeidsbrug');
		expect(await keeper.html(source, 'k', CompareTray, tray('Arbeidsbrug'))).toContain('Arbeidsbrug');
		expect(state.renders).toBe(2);
	});
});

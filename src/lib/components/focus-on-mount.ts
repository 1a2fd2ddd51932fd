/**
 * A Svelte action that moves focus to an element when it appears: the result of a form (an error
 * report, a success message) takes focus, so keyboard and screen-reader users land on it.
 */
export function focusOnMount(node: HTMLElement): void {
	node.focus();
}

import type { PlanChange } from '$lib/domain/plan/diff';
import { autosave } from './format';

/** What the save-status line under a form says. */
export type SavedState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed' };

export interface ConflictDetails {
	changedBy: string;
	changedAt: string;
	changes: PlanChange[];
	currentVersion: number;
}

/**
 * "Save on blur" for a step form (JavaScript only): when focus leaves a changed field for anything
 * but the form's own button (which saves anyway), the form is sent in the background; the new
 * version goes into the form's hidden base version, a conflict is shown like a refused save.
 */
export class BlurSave {
	state: SavedState = $state({ kind: 'idle' });
	conflict: ConflictDetails | null = $state(null);
	#dirty = false;
	#running: Promise<void> = Promise.resolve();
	readonly setBaseVersion: (version: number) => void;

	constructor(setBaseVersion: (version: number) => void) {
		this.setBaseVersion = setBaseVersion;
	}

	changed = () => {
		this.#dirty = true;
	};

	left = async (event: FocusEvent) => {
		const form = event.currentTarget as HTMLFormElement;
		const next = event.relatedTarget;
		if (!this.#dirty || (next instanceof HTMLElement && form.contains(next) && next.tagName === 'BUTTON')) return;
		this.#dirty = false;
		this.state = { kind: 'saving' };
		// One save at a time, each with the version the one before it made.
		const previous = this.#running;
		let done = () => {};
		this.#running = new Promise<void>((resolve) => (done = resolve));
		await previous;
		const answer = await autosave(form, form.action).finally(done);
		if (answer.kind === 'saved') {
			this.setBaseVersion(answer.version);
			this.state = { kind: 'saved', at: answer.at };
		} else if (answer.kind === 'conflict') {
			this.conflict = answer.conflict as ConflictDetails;
			this.setBaseVersion(this.conflict.currentVersion);
			this.state = { kind: 'idle' };
		} else this.state = { kind: 'failed' };
	};
}

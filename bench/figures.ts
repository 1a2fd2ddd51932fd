import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The figures a benchmark measured against its targets, in one shape for every benchmark, so that
 * `npm run bench` can print one summary table. Each benchmark prints its own details as it likes
 * and then hands its figures to `recordFigures`, which prints PASS/MISS lines and writes
 * bench/.output/figures-<bench>.json.
 */

export interface Figure {
	/** What was measured, e.g. "list page p99". */
	figure: string;
	measured: number;
	target: number;
	unit: string;
	/** Whether the measured value must stay at or under the target ('max') or reach it ('min'). */
	kind: 'max' | 'min';
}

export interface RecordedFigures {
	bench: string;
	at: string;
	figures: Figure[];
}

export const FIGURES_DIR = 'bench/.output';

export function targetMet(figure: Figure): boolean {
	return figure.kind === 'max' ? figure.measured <= figure.target : figure.measured >= figure.target;
}

/** measured / target: below 1 is good for a maximum, above 1 for a minimum; null for a target of 0. */
export function ratioToTarget(figure: Figure): number | null {
	return figure.target === 0 ? null : figure.measured / figure.target;
}

export function formatNumber(value: number, unit: string): string {
	const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
	return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

export function describeTarget(figure: Figure): string {
	return `${figure.kind === 'max' ? '≤' : '≥'} ${formatNumber(figure.target, figure.unit)}`;
}

export function recordFigures(bench: string, figures: Figure[]): boolean {
	console.log('');
	for (const figure of figures) {
		console.log(`${targetMet(figure) ? 'PASS' : 'MISS'}  ${figure.figure}: ${formatNumber(figure.measured, figure.unit)} (target ${describeTarget(figure)})`);
	}
	mkdirSync(FIGURES_DIR, { recursive: true });
	const recorded: RecordedFigures = { bench, at: new Date().toISOString(), figures };
	writeFileSync(join(FIGURES_DIR, `figures-${bench}.json`), `${JSON.stringify(recorded, null, 2)}\n`);
	return figures.every(targetMet);
}

export function readFigures(bench: string): RecordedFigures | null {
	try {
		return JSON.parse(readFileSync(join(FIGURES_DIR, `figures-${bench}.json`), 'utf8')) as RecordedFigures;
	} catch {
		return null;
	}
}

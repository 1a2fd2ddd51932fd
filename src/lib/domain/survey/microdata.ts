/**
 * Microdata for researchers (issue 6): one row per completed response, built from the raw answers
 * by the one scoring module. What a row holds is listed in `microdataColumns`; what it never holds
 * (names, e-mail, comments, exact dates, tokens, trajectory or response ids) is simply not an input.
 *
 * The respondent id is random per export (48 bits from the platform's CSPRNG), so two exports of
 * the same data cannot be linked by id. A gemeente is named only when it has at least
 * `GEMEENTE_MINIMUM` responses in the selection; otherwise the row says only "gemeente".
 */
import { providerGroupOf, type BenefitType, type OrganisationKind, type ProviderType } from '$lib/domain/reference';
import { surveyDomains, type InstrumentItem, type InstrumentVersion, type RawAnswers } from './instrument';
import { answerValue, codedAnswer, rawAnswer, scaleScore } from './scoring';

export const GEMEENTE_MINIMUM = 30;

/** What the export reads of one completed response; nothing else reaches the file. */
export interface MicrodataResponse {
	answers: RawAnswers;
	instrumentVersion: number;
	providerCode: string;
	providerType: ProviderType;
	/** Null for responses without a trajectory (paper imports). */
	payerKind: OrganisationKind | null;
	/** The paying organisation's code; used only to name a gemeente that has enough responses. */
	payerCode: string | null;
	benefitType: BenefitType | null;
	wave: string;
	/** ISO-8601; only its year and month are exported. */
	completedAt: string;
	overall: number | null;
}

export const fixedColumnsBefore = [
	'respondent_id',
	'provider_code',
	'provider_type',
	'provider_group',
	'payer_kind',
	'gemeente',
	'benefit_type',
	'wave',
	'completed_month',
	'instrument_version'
] as const;

/** `<item>` raw answer and `<item>_r` reverse-coded value (0, 1, 2). */
export const codedSuffix = '_r';

/**
 * The items of the instruments in the export, each once, in questionnaire order of the newest
 * version that has it (items only in older versions follow, in their own order).
 */
export function microdataItems(instruments: readonly InstrumentVersion[]): InstrumentItem[] {
	const newestFirst = [...instruments].sort((a, b) => b.version - a.version);
	const seen = new Map<string, InstrumentItem>();
	for (const instrument of newestFirst) {
		for (const item of [...instrument.items].sort((a, b) => a.order - b.order)) {
			if (!seen.has(item.code)) seen.set(item.code, item);
		}
	}
	return [...seen.values()];
}

export function microdataColumns(items: readonly InstrumentItem[]): string[] {
	return [
		...fixedColumnsBefore,
		...items.flatMap((item) => [item.code, `${item.code}${codedSuffix}`]),
		...surveyDomains.flatMap((domain) => [`${domain}_score`, `${domain}_category`]),
		'overall'
	];
}

/** The gemeenten that may be named: at least `minimum` responses in the selection. */
export function namedGemeenten(responsesPerGemeente: ReadonlyMap<string, number>, minimum = GEMEENTE_MINIMUM): Set<string> {
	return new Set([...responsesPerGemeente].filter(([, count]) => count >= minimum).map(([code]) => code));
}

/** A fresh pseudonym source for one export: 12 hex digits from the CSPRNG, never repeated within it. */
export function pseudonyms(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): () => string {
	const used = new Set<string>();
	return () => {
		for (;;) {
			const id = Array.from(random(new Uint8Array(6)), (byte) => byte.toString(16).padStart(2, '0')).join('');
			if (!used.has(id)) {
				used.add(id);
				return id;
			}
		}
	};
}

/** A mean kept as a fraction, written with at most four decimals (1, 1.5, 1.3333). */
function decimal(num: number, den: number): string {
	return String(Math.round((num / den) * 10000) / 10000);
}

/** One CSV row (values as text; empty = missing) in the order of `microdataColumns(items)`. */
export function microdataRow(
	response: MicrodataResponse,
	instrument: InstrumentVersion,
	items: readonly InstrumentItem[],
	context: { respondentId: string; namedGemeenten: ReadonlySet<string> }
): string[] {
	const inVersion = new Map(instrument.items.map((item) => [item.code, item]));
	const gemeente =
		response.payerKind === 'gemeente' && response.payerCode && context.namedGemeenten.has(response.payerCode) ? response.payerCode : '';
	const row: string[] = [
		context.respondentId,
		response.providerCode,
		response.providerType,
		providerGroupOf(response.providerType),
		response.payerKind ?? '',
		gemeente,
		response.benefitType ?? '',
		response.wave,
		response.completedAt.slice(0, 7),
		String(instrument.version)
	];
	for (const item of items) {
		const own = inVersion.get(item.code);
		const raw = own ? rawAnswer(response.answers, own.code) : null;
		const coded = own ? codedAnswer(response.answers, own) : null;
		row.push(raw ?? '', coded === null ? '' : String(answerValue(coded)));
	}
	for (const domain of surveyDomains) {
		const score = scaleScore(response.answers, instrument, domain);
		row.push(score.mean ? decimal(score.mean.num, score.mean.den) : '', score.category ?? '');
	}
	row.push(response.overall === null ? '' : String(response.overall));
	return row;
}

/** RFC 4180: quote a value only when it holds a comma, quote or line break. */
export function csvLine(values: readonly string[]): string {
	return values.map((value) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(',') + '\r\n';
}

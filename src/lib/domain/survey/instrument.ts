/**
 * The satisfaction survey instrument (product brief §4): versioned lists of statements ("items"),
 * each in one of four domains, answered with `ja` / `een_beetje` / `nee` or skipped. Negatively
 * worded items are reverse-coded before any aggregation (see scoring.ts).
 */

export const surveyDomains = ['maatwerk', 'kwaliteit', 'meerwaarde', 'vaardigheden'] as const;
export type SurveyDomain = (typeof surveyDomains)[number];

/** Answer codes as ticked, before reverse coding. */
export const answerCodes = ['ja', 'een_beetje', 'nee'] as const;
export type AnswerCode = (typeof answerCodes)[number];

/** A raw answer to one item; empty, null or absent means skipped (missing, never "nee"). */
export type RawAnswer = AnswerCode | '' | null | undefined;
/** Raw answers of one respondent, keyed by item code. */
export type RawAnswers = Readonly<Record<string, RawAnswer>>;

export interface Wording {
	nl: string;
	en: string;
}

export interface InstrumentItem {
	code: string;
	domain: SurveyDomain;
	/** Worded negatively: reverse-coded before any aggregation. */
	negative: boolean;
	wording: Wording;
	/** Position in the questionnaire, 1-based. */
	order: number;
}

export interface InstrumentVersion {
	version: number;
	items: readonly InstrumentItem[];
}

/** `overall` (whole number 1–10, optional) and `comment` (optional free text) are not items. */
export const overallMin = 1;
export const overallMax = 10;

export function isValidOverall(value: unknown): value is number {
	return Number.isInteger(value) && (value as number) >= overallMin && (value as number) <= overallMax;
}

export function isAnswerCode(value: unknown): value is AnswerCode {
	return typeof value === 'string' && (answerCodes as readonly string[]).includes(value);
}

export function isSurveyDomain(value: unknown): value is SurveyDomain {
	return typeof value === 'string' && (surveyDomains as readonly string[]).includes(value);
}

/**
 * Names an item code may not take: the other fields of a response, and the non-item columns of the
 * paper-response import, where every item code is a column of its own.
 */
export const reservedCodes = ['overall', 'comment', 'provider', 'completed_on', 'instrument_version'] as const;

const codePattern = /^[a-z][a-z0-9_]*$/;

type Row = [code: string, domain: SurveyDomain, negative: boolean, nl: string, en: string];

const version1Rows: Row[] = [
	['mw1', 'maatwerk', false, 'Ik kreeg persoonlijke aandacht.', 'I got personal attention.'],
	['mw2', 'maatwerk', false, 'Er werd rekening gehouden met wat ik kan.', 'They took into account what I am able to do.'],
	['mw3', 'maatwerk', false, 'Ik mocht meebeslissen over wat er in mijn traject zat.', 'I had a say in what my trajectory included.'],
	['mw4', 'maatwerk', false, 'Het traject paste bij mijn wensen.', 'The trajectory suited what I wanted.'],
	['mw5', 'maatwerk', true, 'Het traject was te beperkt.', 'The trajectory was too limited.'],
	['mw6', 'maatwerk', true, 'Er zaten onderdelen in waar ik niets aan had.', 'Some parts of it were of no use to me.'],
	['mw7', 'maatwerk', false, 'Het traject was wat ik nodig had.', 'The trajectory was what I needed.'],
	['kd1', 'kwaliteit', false, 'Ik kreeg genoeg informatie.', 'I got enough information.'],
	['kd2', 'kwaliteit', false, 'Mijn contactpersoon was goed bereikbaar.', 'My contact person was easy to reach.'],
	['kd3', 'kwaliteit', false, 'Afspraken werden nagekomen.', 'They did what they agreed to do.'],
	['kd4', 'kwaliteit', false, 'Er was genoeg tijd en aandacht voor mij.', 'There was enough time and attention for me.'],
	['kd5', 'kwaliteit', false, 'Ik werd netjes behandeld.', 'I was treated with respect.'],
	['kd6', 'kwaliteit', true, 'Ik moest vaak wachten tussen onderdelen van het traject.', 'I often had to wait between parts of the trajectory.'],
	['mv1', 'meerwaarde', false, 'Door het traject vind ik sneller werk.', 'Because of the trajectory, I will find work sooner.'],
	['mv2', 'meerwaarde', false, 'Ik maak nu meer kans op werk.', 'I now have a better chance of finding work.'],
	['mv3', 'meerwaarde', false, 'Ik heb meer zin om te werken.', 'I am more motivated to work.'],
	['mv4', 'meerwaarde', false, 'Ik voel me meer verplicht om te werken.', 'I feel more obliged to work.'],
	['mv5', 'meerwaarde', true, 'Het traject was weggegooid geld.', 'The trajectory was a waste of money.'],
	['vh1', 'vaardigheden', false, 'Ik heb dingen geleerd die ik in een baan kan gebruiken.', 'I learned things I can use in a job.'],
	['vh2', 'vaardigheden', false, 'Ik kan beter solliciteren dan voor het traject.', 'I am better at applying for jobs than before the trajectory.'],
	['vh3', 'vaardigheden', false, 'Ik heb dingen geleerd die ik nog niet wist.', 'I learned things I did not know before.']
];

/** Instrument version 1, the default, exactly as the table in the product brief §4. */
export const instrumentVersion1: InstrumentVersion = {
	version: 1,
	items: version1Rows.map(([code, domain, negative, nl, en], index) => ({
		code,
		domain,
		negative,
		wording: { nl, en },
		order: index + 1
	}))
};

/** The items of an instrument in questionnaire order, optionally of one domain only. */
export function orderedItems(instrument: InstrumentVersion, domain?: SurveyDomain): InstrumentItem[] {
	return instrument.items
		.filter((item) => domain === undefined || item.domain === domain)
		.sort((a, b) => a.order - b.order);
}

export type InstrumentProblem =
	| { kind: 'invalid_version'; version: number }
	| { kind: 'invalid_code'; code: string }
	| { kind: 'reserved_code'; code: string }
	| { kind: 'duplicate_code'; code: string }
	| { kind: 'unknown_domain'; code: string; domain: string }
	| { kind: 'missing_wording'; code: string; locale: keyof Wording }
	| { kind: 'invalid_order'; code: string; order: number }
	| { kind: 'duplicate_order'; order: number }
	| { kind: 'empty_domain'; domain: SurveyDomain };

/**
 * Everything wrong with an instrument (for example a draft about to be published); empty when it
 * is valid. Checked at run time because drafts come from the database and the admin's edits.
 */
export function validateInstrument(instrument: InstrumentVersion): InstrumentProblem[] {
	const problems: InstrumentProblem[] = [];
	if (!Number.isInteger(instrument.version) || instrument.version < 1) {
		problems.push({ kind: 'invalid_version', version: instrument.version });
	}
	const codes = new Set<string>();
	const orders = new Set<number>();
	const domains = new Set<string>();
	for (const item of instrument.items) {
		if (!codePattern.test(item.code)) problems.push({ kind: 'invalid_code', code: item.code });
		if ((reservedCodes as readonly string[]).includes(item.code)) problems.push({ kind: 'reserved_code', code: item.code });
		if (codes.has(item.code)) problems.push({ kind: 'duplicate_code', code: item.code });
		codes.add(item.code);
		if (!isSurveyDomain(item.domain)) problems.push({ kind: 'unknown_domain', code: item.code, domain: String(item.domain) });
		domains.add(item.domain);
		for (const locale of ['nl', 'en'] as const) {
			const text = item.wording?.[locale];
			if (typeof text !== 'string' || text.trim() === '') problems.push({ kind: 'missing_wording', code: item.code, locale });
		}
		if (!Number.isInteger(item.order) || item.order < 1) {
			problems.push({ kind: 'invalid_order', code: item.code, order: item.order });
		} else if (orders.has(item.order)) {
			problems.push({ kind: 'duplicate_order', order: item.order });
		}
		orders.add(item.order);
	}
	for (const domain of surveyDomains) {
		if (!domains.has(domain)) problems.push({ kind: 'empty_domain', domain });
	}
	return problems;
}

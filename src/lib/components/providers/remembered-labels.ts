/**
 * Labels of reference codes, remembered per language: a list page shows a few hundred of them
 * (ten cards of about twenty labels, forty filter options) and each is a message lookup; the text of a code in a
 * language never changes while the server runs.
 */
export function rememberedLabels<C extends string>(label: (code: C) => string): (code: C, locale: string) => string {
	const perLocale = new Map<string, Map<C, string>>();
	return (code, locale) => {
		let texts = perLocale.get(locale);
		if (!texts) perLocale.set(locale, (texts = new Map()));
		let text = texts.get(code);
		if (text === undefined) texts.set(code, (text = label(code)));
		return text;
	};
}

/** Options of a choice list (value and label) per language, built once per language. */
export function rememberedOptions<C extends string>(codes: readonly C[], label: (code: C) => string): (locale: string) => { value: C; label: string }[] {
	const perLocale = new Map<string, { value: C; label: string }[]>();
	return (locale) => {
		let options = perLocale.get(locale);
		if (!options) perLocale.set(locale, (options = codes.map((value) => ({ value, label: label(value) }))));
		return options;
	};
}

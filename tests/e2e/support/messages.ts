import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The UI texts, read from the message catalogue, so a test says *which* text it expects
 * (`t('error_403_title')`) and a wording change does not break it. Placeholders as in Paraglide:
 * `t('invite_intro', { name: 'Sanne' })`.
 */

type Catalogue = Record<string, string>;

function load(locale: 'nl' | 'en'): Catalogue {
	const file = fileURLToPath(new URL(`../../../src/lib/i18n/messages/${locale}.json`, import.meta.url));
	return JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
}

const catalogues = { nl: load('nl'), en: load('en') };

export function t(key: string, params: Record<string, string | number> = {}, locale: 'nl' | 'en' = 'nl'): string {
	const text = catalogues[locale][key];
	if (text === undefined) throw new Error(`no message "${key}" in ${locale}.json`);
	return text.replaceAll(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const en = (key: string, params: Record<string, string | number> = {}) => t(key, params, 'en');

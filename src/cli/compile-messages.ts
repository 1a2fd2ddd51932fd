// Compiles the message catalogue (Dutch and English) into src/lib/paraglide for the tsx command-line
// tools and type checking; Vite does the same through its plugin. Fails when no message came out:
// Paraglide reports success even when its plugin could not be loaded and the output is empty.
import { compile } from '@inlang/paraglide-js';
import { readFileSync, readdirSync } from 'node:fs';
import { paraglideOptions } from '../lib/i18n/paraglide-options.js';

await compile(paraglideOptions);

const expected = Object.keys(JSON.parse(readFileSync('src/lib/i18n/messages/nl.json', 'utf8'))).filter((key) => !key.startsWith('$'));
const compiled = readdirSync('src/lib/paraglide/messages').filter((file) => file.endsWith('.js') && !file.startsWith('_'));
if (expected.length === 0 || compiled.length < expected.length) {
	console.error(`compile-messages: ${compiled.length} messages compiled, ${expected.length} expected`);
	process.exit(1);
}
console.log(`compile-messages: ${expected.length} messages in nl and en`);

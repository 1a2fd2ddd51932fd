// Paraglide compiler options, shared by the Vite plugin and the `compile-messages` CLI
// so that dev, build, tests and command-line tools all see the same messages.
// Locale: the cookie set by the language switch, else Dutch. No locale in URLs, so every
// redirect and link stays the same in both languages.
/** @type {{ project: string; outdir: string; strategy: ('cookie' | 'baseLocale')[]; cookieName: string; emitGitIgnore: boolean }} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'baseLocale'],
	cookieName: 'regie_lang',
	emitGitIgnore: false
};

// Deep imports of single French name lists, so bundles skip the package's other dictionaries.
declare module '@zxcvbn-ts/language-fr/dist/firstnames.json.mjs' {
	const words: string[];
	export default words;
}
declare module '@zxcvbn-ts/language-fr/dist/lastnames.json.mjs' {
	const words: string[];
	export default words;
}

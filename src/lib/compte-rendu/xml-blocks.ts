// Paragraph text out of an office document's XML part (DOCX `word/*.xml`, ODT `content.xml`), by a
// small tag scanner: the same code in the browser, a worker or Node (no DOMParser needed), linear
// in the part's size. Paragraphs nest (a text box or a note inside a paragraph): each is its own
// block, emitted when it closes.

export interface XmlTextRules {
	/** elements that are paragraphs */
	paragraph: ReadonlySet<string>;
	/** elements whose text is the document's text (DOCX `w:t`); all text inside paragraphs if absent */
	text?: ReadonlySet<string>;
	/** empty elements standing for characters: `w:tab` → tab, `text:s` → spaces… */
	chars: (name: string, attrs: string) => string | null;
	/** elements whose content is skipped (ODT `text:note-citation`) */
	skip?: ReadonlySet<string>;
	/** when set, `chars` apply only inside these elements (DOCX runs: not the tab stops of a style) */
	run?: ReadonlySet<string>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
	if (!s.includes('&')) return s;
	return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
		if (e[0] !== '#') return ENTITIES[e];
		const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
		return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
	});
}

const TOKEN =
	/<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][^>]*>|([^<]+)/g;

/** The paragraphs of an XML part, in document order of their end, each trimmed of its ends. */
export function xmlParagraphs(xml: string, rules: XmlTextRules): string[] {
	const out: string[] = [];
	const stack: string[] = [];
	let depthText = 0;
	let depthRun = 0;
	let skipDepth = 0;
	let current: string | null = null;
	const add = (s: string) => {
		if (current !== null && skipDepth === 0 && (!rules.text || depthText > 0)) current += s;
	};
	const addChar = (s: string) => {
		if (current !== null && skipDepth === 0 && (!rules.run || depthRun > 0)) current += s;
	};
	for (const m of xml.matchAll(TOKEN)) {
		const [, close, name, attrs, selfClose, cdata, text] = m;
		if (text !== undefined) {
			add(decodeEntities(text));
			continue;
		}
		if (cdata !== undefined) {
			add(cdata);
			continue;
		}
		if (!name) continue;
		if (close) {
			if (rules.skip?.has(name)) skipDepth = Math.max(0, skipDepth - 1);
			else if (rules.run?.has(name)) depthRun = Math.max(0, depthRun - 1);
			else if (rules.text?.has(name)) depthText = Math.max(0, depthText - 1);
			else if (rules.paragraph.has(name) && current !== null) {
				out.push(current.replace(/^[ \t\n]+|[ \t\n]+$/g, ''));
				current = stack.pop() ?? null;
			}
			continue;
		}
		if (selfClose) {
			if (rules.paragraph.has(name)) {
				if (current === null) out.push('');
				continue;
			}
			const c = rules.chars(name, attrs);
			if (c !== null) addChar(c);
			continue;
		}
		if (rules.skip?.has(name)) skipDepth++;
		else if (rules.run?.has(name)) depthRun++;
		else if (rules.text?.has(name)) depthText++;
		else if (rules.paragraph.has(name)) {
			if (current !== null) stack.push(current);
			current = '';
		} else {
			const c = rules.chars(name, attrs);
			if (c !== null) addChar(c);
		}
	}
	return out;
}

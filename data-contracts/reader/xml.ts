// A small streaming XML tokenizer for the parts of XLSX and ODS workbooks: fed text in pieces, it
// reports start tags (name and raw attribute text), end tags and text runs, keeping only an
// unfinished token between pieces. No DTD, so no entity expansion ("billion laughs"): a document
// type declaration is refused; only the five XML entities and character references are decoded.
// Fast because tags are found with indexOf and attributes are read only when asked. IO-free.
import { SheetError } from './zip';

export interface XmlSink {
	/** `tag` is the whole start tag text between < and >, `name` its qualified name */
	open(name: string, tag: string, selfClosing: boolean): void;
	close(name: string): void;
	/** raw text (entities not decoded) between two tags; only called when `wantText` is true */
	text(raw: string): void;
	wantText: boolean;
}

/** Longest token kept between pieces (a tag or a text run). */
const MAX_TOKEN = 16 * 1024 * 1024;

const TOO_BIG =
	'Ce classeur contient une cellule ou une balise démesurée : il n’a pas été lu. Enregistrez-le à nouveau depuis votre tableur, ou au format CSV.';

export class XmlScanner {
	private rest = '';
	constructor(private readonly sink: XmlSink) {}

	push(piece: string): void {
		const s = this.rest ? this.rest + piece : piece;
		this.rest = '';
		const sink = this.sink;
		const n = s.length;
		let i = 0;
		let nextQuote = 0;
		while (i < n) {
			const lt = s.indexOf('<', i);
			if (lt === -1) break;
			if (lt > i && sink.wantText) sink.text(s.slice(i, lt));
			i = lt;
			const c = s.charCodeAt(lt + 1);
			if (c !== c) break; // NaN: "<" at the end
			if (c === 33 /* ! */) {
				if (s.startsWith('<!--', lt)) {
					const e = s.indexOf('-->', lt + 4);
					if (e === -1) break;
					i = e + 3;
				} else if (s.startsWith('<![CDATA[', lt)) {
					const e = s.indexOf(']]>', lt + 9);
					if (e === -1) break;
					if (sink.wantText) sink.text(escapeText(s.slice(lt + 9, e)));
					i = e + 3;
				} else if (n - lt < 9) break;
				else
					throw new SheetError(
						'file.corrupt',
						'Ce classeur contient une déclaration de type de document (DTD), refusée par sécurité : enregistrez-le à nouveau depuis votre tableur.'
					);
				continue;
			}
			if (c === 63 /* ? */) {
				const e = s.indexOf('?>', lt + 2);
				if (e === -1) break;
				i = e + 2;
				continue;
			}
			// the closing ">" outside quoted attribute values
			let gt = s.indexOf('>', lt + 1);
			if (gt === -1) break;
			// the next quote is searched once per piece, not once per tag (tags without attributes
			// would otherwise each scan to the end of the piece)
			if (c !== 47 && nextQuote !== -1 && nextQuote <= lt) nextQuote = s.indexOf('"', lt + 1);
			let q = c === 47 ? -1 : nextQuote;
			while (q !== -1 && q < gt) {
				const q2 = s.indexOf('"', q + 1);
				if (q2 === -1) {
					gt = -1;
					break;
				}
				if (q2 > gt) {
					gt = s.indexOf('>', q2 + 1);
					if (gt === -1) break;
				}
				q = s.indexOf('"', q2 + 1);
			}
			if (c !== 47) nextQuote = q;
			if (gt === -1) break;
			if (c === 47 /* / */) {
				sink.close(s.slice(lt + 2, gt).trimEnd());
			} else {
				const self = s.charCodeAt(gt - 1) === 47;
				let e = lt + 1;
				while (e < gt) {
					const k = s.charCodeAt(e);
					if (k === 32 || k === 47 || k === 9 || k === 10 || k === 13) break;
					e++;
				}
				sink.open(s.slice(lt + 1, e), s.slice(lt + 1, self ? gt - 1 : gt), self);
			}
			i = gt + 1;
		}
		if (i < n) {
			if (n - i > MAX_TOKEN) throw new SheetError('file.too_large_cell', TOO_BIG);
			this.rest = s.slice(i);
		}
	}

	/** Call after the last piece: text left over is passed on. */
	end(): void {
		if (this.rest && this.sink.wantText && !this.rest.includes('<')) this.sink.text(this.rest);
		this.rest = '';
	}
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The value of attribute `name` in a start tag's text, raw (entities not decoded), or null. */
export function attr(tag: string, name: string): string | null {
	let from = 0;
	for (;;) {
		const at = tag.indexOf(name, from);
		if (at === -1) return null;
		const before = tag.charCodeAt(at - 1);
		const eq = at + name.length;
		if (
			(before === 32 || before === 9 || before === 10 || before === 13) &&
			tag.charCodeAt(eq) === 61 /* = */
		) {
			const quote = tag[eq + 1];
			const end = tag.indexOf(quote, eq + 2);
			if (end === -1) return null;
			return tag.slice(eq + 2, end);
		}
		from = at + 1;
	}
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and character references. */
export function decodeXml(s: string): string {
	if (s.indexOf('&') === -1) return s;
	return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
		if (e[0] === '#') {
			const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
		}
		return ENTITIES[e] ?? m;
	});
}

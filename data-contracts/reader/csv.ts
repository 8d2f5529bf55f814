// Incremental RFC 4180 parser: fed text chunks, it calls back once per record with the record's
// first line number, so a file is validated without holding its rows in memory.
// Lenient where spreadsheets are (CR, LF or CRLF; stray quotes inside unquoted fields).

export type Delimiter = ';' | ',';

export interface CsvSink {
	/** `line` is the 1-based line where the record starts. */
	row(fields: string[], line: number): void;
	/**
	 * A record without quotes, [start, end) of `text`, no line break in it: when given, called
	 * instead of `row` so the sink reads the cells in place.
	 */
	plain?(text: string, start: number, end: number, line: number): void;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvParser {
	private readonly delim: number;
	private readonly delimChar: string;
	private fields: string[] = [];
	private field = '';
	private inQuotes = false;
	private quoteClosed = false;
	private atFieldStart = true;
	private pendingCR = false;
	/** A CR inside a quoted field ended the last chunk: a line, unless the next chunk starts with LF. */
	private quotedCR = false;
	private line = 1;
	private recordLine = 1;
	private quoteLine = 0;

	constructor(
		delimiter: Delimiter,
		private readonly sink: CsvSink
	) {
		this.delim = delimiter.charCodeAt(0);
		this.delimChar = delimiter;
	}

	// Long because: the RFC 4180 state machine over one chunk (quotes, doubled quotes, CR/LF split
	// across chunks, line numbers), a per-character hot loop kept in one piece.
	push(chunk: string): void {
		this.chunkNo++;
		const n = chunk.length;
		const d = this.delim;
		const delim = this.delimChar;
		let i = 0;
		if (this.pendingCR) {
			this.pendingCR = false;
			if (n > 0 && chunk.charCodeAt(0) === LF) i = 1;
		}
		if (this.quotedCR && n > 0) {
			this.quotedCR = false;
			if (chunk.charCodeAt(0) !== LF) this.line++;
		}
		while (i < n) {
			if (
				this.fields.length === 0 &&
				this.field === '' &&
				this.atFieldStart &&
				!this.inQuotes &&
				!this.maybeDoubled &&
				!this.quoteClosed
			) {
				i = this.plainRecords(chunk, i);
				if (i >= n) return;
			}
			if (this.inQuotes) {
				const q = chunk.indexOf('"', i);
				if (q === -1) {
					this.countLines(chunk, i, n);
					this.field += chunk.slice(i, n);
					return;
				}
				if (q + 1 >= n) {
					// Need the next char to know whether the quote is doubled.
					this.countLines(chunk, i, q);
					this.field += chunk.slice(i, q);
					this.inQuotes = false;
					this.quoteClosed = true;
					this.maybeDoubled = true;
					return;
				}
				this.countLines(chunk, i, q);
				this.field += chunk.slice(i, q);
				if (chunk.charCodeAt(q + 1) === QUOTE) {
					this.field += '"';
					i = q + 2;
				} else {
					this.inQuotes = false;
					this.quoteClosed = true;
					i = q + 1;
				}
				continue;
			}
			if (this.maybeDoubled) {
				this.maybeDoubled = false;
				if (chunk.charCodeAt(i) === QUOTE) {
					this.field += '"';
					this.inQuotes = true;
					this.quoteClosed = false;
					i++;
					continue;
				}
			}
			// a quote opens a quoted field only at its very start
			if (this.atFieldStart && this.field === '' && chunk.charCodeAt(i) === QUOTE) {
				this.inQuotes = true;
				this.atFieldStart = false;
				this.quoteLine = this.line;
				i++;
				continue;
			}
			// Unquoted: up to the next delimiter or line break (indexOf beats a loop per character)
			let j = this.nextBreak(chunk, i);
			if (this.nextDelim < i) {
				const k = chunk.indexOf(delim, i);
				this.nextDelim = k === -1 ? n : k;
			}
			if (this.nextDelim < j) j = this.nextDelim;
			if (j > i) {
				this.field += chunk.slice(i, j);
				this.atFieldStart = false;
			}
			if (j >= n) return;
			const c = chunk.charCodeAt(j);
			if (c === d) {
				this.endField();
				i = j + 1;
				continue;
			}
			// newline
			this.endField();
			this.endRecord();
			this.line++;
			this.recordLine = this.line;
			if (c === CR) {
				if (j + 1 < n) {
					i = chunk.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
				} else {
					this.pendingCR = true;
					i = j + 1;
				}
			} else i = j + 1;
		}
	}

	/**
	 * From the start of a record: the following records that end in this chunk and hold no quote
	 * and no lone CR, each split in one call (most lines of most files); returns where it stopped.
	 */
	private plainRecords(chunk: string, i: number): number {
		const n = chunk.length;
		for (;;) {
			const b = this.nextBreak(chunk, i);
			const lf = this.nextLF;
			if (lf >= n) return i;
			if (this.nextQuote < i) {
				const k = chunk.indexOf('"', i);
				this.nextQuote = k === -1 ? n : k;
			}
			if (this.nextQuote < lf) return i;
			// a CR only just before the LF
			if (b < lf && b !== lf - 1) return i;
			if (this.sink.plain) this.sink.plain(chunk, i, b, this.recordLine);
			else this.sink.row(chunk.slice(i, b).split(this.delimChar), this.recordLine);
			this.line++;
			this.recordLine = this.line;
			i = lf + 1;
		}
	}

	private maybeDoubled = false;

	/** pushed chunks, and the one whose next line breaks, delimiter and quote are cached
	 * (positions, length if none): each search then scans a chunk once, whatever its lines */
	private chunkNo = 0;
	private breaksIn = -1;
	private nextLF = 0;
	private nextCR = 0;
	private nextDelim = 0;
	private nextQuote = 0;

	/** Position of the first LF or CR at or after `from` in the current chunk `s`, else its length. */
	private nextBreak(s: string, from: number): number {
		if (this.breaksIn !== this.chunkNo) {
			this.breaksIn = this.chunkNo;
			this.nextLF = -1;
			this.nextCR = -1;
			this.nextDelim = -1;
			this.nextQuote = -1;
		}
		if (this.nextLF < from) {
			const k = s.indexOf('\n', from);
			this.nextLF = k === -1 ? s.length : k;
		}
		if (this.nextCR < from) {
			const k = s.indexOf('\r', from);
			this.nextCR = k === -1 ? s.length : k;
		}
		return this.nextLF < this.nextCR ? this.nextLF : this.nextCR;
	}

	private countLines(s: string, from: number, to: number) {
		if (this.nextBreak(s, from) >= to) return; // no line break in [from, to)
		for (let k = from; k < to; k++) {
			const c = s.charCodeAt(k);
			if (c === LF) this.line++;
			else if (c === CR) {
				if (k + 1 === s.length) this.quotedCR = true;
				else if (s.charCodeAt(k + 1) !== LF) this.line++;
			}
		}
	}

	private endField() {
		this.fields.push(this.field);
		this.field = '';
		this.atFieldStart = true;
		this.quoteClosed = false;
	}

	private endRecord() {
		const f = this.fields;
		this.fields = [];
		this.sink.row(f, this.recordLine);
	}

	/** Flushes the last record; returns the line of an unclosed quote, if any. */
	end(): { unclosedQuoteLine: number | null } {
		this.maybeDoubled = false;
		if (this.inQuotes) {
			const line = this.quoteLine;
			this.inQuotes = false;
			this.fields = [];
			this.field = '';
			return { unclosedQuoteLine: line };
		}
		if (this.field !== '' || this.fields.length > 0 || this.quoteClosed) {
			this.endField();
			this.endRecord();
		}
		return { unclosedQuoteLine: null };
	}
}

/** Chooses `;` or `,` from the header line (outside quotes); `;` on a tie. */
export function sniffDelimiter(firstChunk: string): Delimiter {
	let semi = 0;
	let comma = 0;
	let inQ = false;
	for (let i = 0; i < firstChunk.length; i++) {
		const c = firstChunk[i];
		if (c === '"') inQ = !inQ;
		else if (!inQ && (c === '\n' || c === '\r')) break;
		else if (!inQ && c === ';') semi++;
		else if (!inQ && c === ',') comma++;
	}
	return comma > semi ? ',' : ';';
}

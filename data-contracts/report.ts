// The validator report of contract v1 ({ok, kind, rows, errors}) plus optional fields for the UI.
// Errors are capped so memory stays bounded on huge files; counts by code are always complete.
import type { RiskSummary } from './risk';

export interface ReportError {
	/** 1-based line of the file (header = 1); for bilan, the line within the text */
	row: number;
	/** canonical column name (bilan: section name) */
	column: string;
	code: string;
	/** French, for the group referent; never the offending value, at most a masked hint */
	message: string;
	/** spreadsheets: the sheet read, and the cell as the spreadsheet names it (« D8 ») */
	sheet?: string;
	cell?: string;
}

export interface ReportWarning {
	code: string;
	message: string;
	rows?: number[];
}

export interface Report {
	ok: boolean;
	kind: string;
	rows: number;
	errors: ReportError[];
	/** beyond the contract, for people and the UI */
	errorCount?: number;
	errorsByCode?: Record<string, number>;
	truncated?: boolean;
	warnings?: ReportWarning[];
	risk?: RiskSummary;
	encoding?: string;
	delimiter?: string;
	/** what was read: a CSV file or a workbook (and then which sheet) */
	format?: 'csv' | 'xlsx' | 'ods';
	sheet?: string;
}

export const DEFAULT_MAX_ERRORS = 1000;

const STRUCTURE = /^(?:file|header|csv|bilan)\.|^pii\.column$/;
export const isStructureCode = (code: string) => STRUCTURE.test(code);

export class ErrorCollector {
	private structure: ReportError[] = [];
	private cells: ReportError[] = [];
	readonly byCode: Record<string, number> = {};
	total = 0;
	constructor(readonly max = DEFAULT_MAX_ERRORS) {}
	add(e: ReportError) {
		this.total++;
		this.byCode[e.code] = (this.byCode[e.code] ?? 0) + 1;
		if (isStructureCode(e.code)) {
			if (this.structure.length < this.max) this.structure.push(e);
		} else if (this.structure.length + this.cells.length < this.max) this.cells.push(e);
	}
	list(): ReportError[] {
		const s = [...this.structure].sort((a, b) => a.row - b.row);
		return [...s, ...this.cells].slice(0, this.max);
	}
	get truncated() {
		return this.total > this.list().length;
	}
}

/** The contract's exact shape (for the CLI and the API), extra fields dropped. */
export function contractView(r: Report): Pick<Report, 'ok' | 'kind' | 'rows' | 'errors'> {
	return {
		ok: r.ok,
		kind: r.kind,
		rows: r.rows,
		errors: r.errors.map(({ row, column, code, message, sheet, cell }) => ({
			row,
			column,
			code,
			message,
			...(sheet !== undefined ? { sheet } : {}),
			...(cell !== undefined ? { cell } : {})
		}))
	};
}

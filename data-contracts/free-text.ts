// Free text typed in a form (bilan sections and drafts, the annual commentary, group names…),
// scanned for personal identifiers line by line with the same detector as the files' cells, and
// reported as a file would be: one error per identifier type and line, pointing at the field.
import { scanText } from './pii/detect';
import { ErrorCollector, DEFAULT_MAX_ERRORS, type Report, type ReportError } from './report';

export interface FreeTextField {
	/** form field name: the report's column */
	name: string;
	value: string;
}

/** Identifier errors of one text, each line scanned on its own; `row` counts from `firstLine`. */
export function scanLines(text: string, column: string, firstLine = 1): ReportError[] {
	const out: ReportError[] = [];
	text.split(/\r\n|\r|\n/).forEach((line, i) => {
		const seen = new Set<string>();
		for (const f of scanText(line)) {
			if (seen.has(f.code)) continue;
			seen.add(f.code);
			out.push({ row: firstLine + i, column, code: f.code, message: f.message });
		}
	});
	return out;
}

/** The report of a form's free-text fields: refused when any line holds an identifier. */
export function scanFreeText(
	kind: string,
	fields: readonly FreeTextField[],
	maxErrors = DEFAULT_MAX_ERRORS
): Report {
	const c = new ErrorCollector(maxErrors);
	for (const f of fields) for (const e of scanLines(f.value, f.name)) c.add(e);
	const errors = c.list();
	return {
		ok: c.total === 0,
		kind,
		rows: fields.length,
		errors,
		errorCount: c.total,
		errorsByCode: c.byCode,
		truncated: c.total > errors.length,
		warnings: []
	};
}

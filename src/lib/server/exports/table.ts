// The shape every export writer takes: a titled table of typed columns whose cells are already
// protected. A hidden cell is a marker object without any value, so no writer can leak a count.
import { HIDDEN_KEY } from '$lib/format';

/** `percent` columns hold percentages (12.5 for 12,5 %), not ratios. */
export type ColumnKind = 'text' | 'count' | 'rate' | 'percent' | 'number';

export interface ExportColumn {
	header: string;
	kind?: ColumnKind;
	/** decimals of numbers (default: 0 for counts, 1 for rates and percents) */
	decimals?: number;
}

/** A masked cell: only the threshold travels, never the value. */
export interface HiddenCell {
	hidden: true;
}

export type ExportCell = string | number | null | HiddenCell;

export interface ExportTable {
	/** sheet name / file title (French) */
	title: string;
	columns: ExportColumn[];
	rows: ExportCell[][];
	/** lines written under the table (source, period, legend) */
	notes?: string[];
}

export const HIDDEN: HiddenCell = Object.freeze({ hidden: true });

export function isHiddenCell(c: ExportCell): c is HiddenCell {
	return typeof c === 'object' && c !== null && (c as HiddenCell).hidden === true;
}

export function decimalsOf(col: ExportColumn): number {
	if (col.decimals !== undefined) return col.decimals;
	return col.kind === 'rate' || col.kind === 'percent' ? 1 : 0;
}

/** The legend line every export with hidden cells carries. */
export function hiddenNote(): string {
	return `${HIDDEN_KEY} (valeur non publiée).`;
}

export function hasHidden(table: ExportTable): boolean {
	return table.rows.some((r) => r.some(isHiddenCell));
}

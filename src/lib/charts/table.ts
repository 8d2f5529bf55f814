// The data table behind every chart (its text alternative, and what exports write): the same
// normalised spec, so a hidden cell reads « s » here exactly as on the chart.
import { formatCell, HIDDEN_MARKER, isHidden } from '$lib/format';
import type { ChartDatum, ChartSpec } from './spec';

export interface TableCell {
	text: string;
	hidden: boolean;
	/** nothing transmitted: a blank cell (explained by the legend), never a zero */
	missing?: boolean;
	/** Published value (null when hidden or missing), for exports that write raw numbers. */
	value: number | null;
}

export interface TableRow {
	header: string;
	cells: TableCell[];
}

export interface ChartTableModel {
	caption: string;
	/** Header of the first column, then of each value column. */
	columns: string[];
	rows: TableRow[];
	hiddenCount: number;
	hiddenLabel: string;
	/** some cells are blank because nothing was transmitted */
	missingCount: number;
}

const labelOf = (d: ChartDatum) => d.label ?? d.category;

export function chartTable(spec: ChartSpec): ChartTableModel {
	const cell = (
		d: { value: number | null; status: ChartDatum['status']; missing?: boolean } | undefined
	): TableCell =>
		d?.missing && !isHidden(d.status)
			? { text: '', hidden: false, missing: true, value: null }
			: d
				? {
						text: formatCell(d, spec.valueKind, spec.decimals),
						hidden: isHidden(d.status),
						value: isHidden(d.status) ? null : d.value
					}
				: { text: '', hidden: false, value: null };
	let columns: string[];
	let rows: TableRow[];
	if (spec.kind === 'line') {
		columns = [
			spec.categoryLabel,
			...spec.periods.map((p) => (spec.provisional.includes(p) ? `${p} (incomplète)` : p))
		];
		rows = spec.facets.map((f) => ({
			header: f.label,
			cells: spec.periods.map((p) =>
				cell(spec.data.find((d) => d.facet === f.key && d.period === p))
			)
		}));
	} else if (spec.kind === 'grouped') {
		columns = [spec.categoryLabel, ...spec.series.map((s) => s.label)];
		const categories = [...new Map(spec.data.map((d) => [d.category, labelOf(d)])).entries()];
		rows = categories.map(([key, label]) => ({
			header: label,
			cells: spec.series.map((s) =>
				cell(spec.data.find((d) => d.category === key && d.series === s.key))
			)
		}));
	} else {
		columns = [spec.categoryLabel, spec.valueLabel];
		rows = spec.data.map((d) => ({ header: labelOf(d), cells: [cell(d)] }));
	}
	return {
		caption: spec.title,
		columns,
		rows,
		hiddenCount: spec.data.filter((d) => isHidden(d.status)).length,
		hiddenLabel: spec.hiddenLabel || HIDDEN_MARKER,
		missingCount: rows.reduce((n, r) => n + r.cells.filter((c) => c.missing).length, 0)
	};
}

// Test fixtures: small tables built from value grids.
import { buildModel, crossTable, type Model, type TableSpec } from './model';

export function grid(
	name: string,
	rows: { dim: string; values: string[] },
	cols: { dim: string; values: string[] },
	values: number[][],
	measure = 'n'
): TableSpec {
	const counts = new Map<string, number>();
	rows.values.forEach((r, i) =>
		cols.values.forEach((c, j) => counts.set(`${r}|${c}`, values[i][j]))
	);
	return crossTable({
		name,
		measure,
		dims: [
			{ name: rows.dim, values: rows.values },
			{ name: cols.dim, values: cols.values }
		],
		counts
	});
}

export function gridModel(values: number[][], rowNames?: string[], colNames?: string[]): Model {
	const r = rowNames ?? values.map((_, i) => `r${i}`);
	const c = colNames ?? values[0].map((_, j) => `c${j}`);
	return buildModel([grid('t', { dim: 'r', values: r }, { dim: 'c', values: c }, values)]);
}

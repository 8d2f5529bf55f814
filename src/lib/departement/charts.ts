// Chart specs of the comparison page, built the same way on the server (first paint) and in the
// browser (after a DuckDB query): rates per 1,000 by territory, and the trend small multiples.
import { periodLabel } from '$contracts/period';
import { hbarChart, trendChart } from '$lib/charts/spec';
import {
	INDICATOR_BY_ID,
	INDICATORS,
	trendUnits,
	type CompareFilters,
	type CompareRow,
	type CompareUnit,
	type TrendRow
} from './compare';

export function rateChart(rows: CompareRow[], f: CompareFilters, k: number) {
	const indicator = INDICATOR_BY_ID.get(f.indicator) ?? INDICATORS[0];
	return hbarChart({
		id: 'taux',
		title: `${indicator.label} pour 1 000 habitants — ${periodLabel(f.period)}`,
		k,
		valueKind: 'per1000',
		decimals: 1,
		valueLabel: 'Taux pour 1 000 habitants',
		categoryLabel: 'Territoire',
		data: rows.slice(0, 25).map((r) => ({
			category: r.id,
			label: r.label,
			value: r.rate,
			status: r.status ?? 'published',
			missing: r.missing
		}))
	});
}

export function trendSpec(
	rows: TrendRow[],
	units: CompareUnit[],
	f: CompareFilters,
	periods: string[],
	k: number,
	provisional: string[] = []
) {
	const ids = trendUnits(units, f.reference);
	const indicator = INDICATOR_BY_ID.get(f.indicator) ?? INDICATORS[0];
	return trendChart({
		id: 'evolutions',
		title: `Évolution — ${indicator.label} pour 1 000 habitants`,
		k,
		valueKind: 'per1000',
		decimals: 1,
		categoryLabel: 'Territoire',
		periods,
		provisional,
		facets: ids.map((id) => ({ key: id, label: units.find((u) => u.id === id)?.label ?? id })),
		data: rows.map((r) => ({
			facet: r.id,
			facetLabel: r.label,
			period: r.period,
			value: r.rate,
			status: r.status,
			missing: r.missing
		}))
	});
}

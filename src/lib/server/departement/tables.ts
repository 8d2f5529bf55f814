// The comparison page's filters (from the URL) and its tables as exports: the same rows the page
// shows, hidden counts as « s » markers and never a rate computed from them.
import { periodLabel } from '$contracts/codes';
import {
	compareRows,
	INDICATOR_BY_ID,
	INDICATORS,
	protocolRows,
	SIZE_CLASSES,
	trendRows,
	type CompareFilters,
	type CompareUnit,
	type MeetingRow,
	type PeriodCell,
	type SortKey
} from '$lib/departement/compare';
import { isHidden } from '$lib/format';
import { HIDDEN, type ExportCell, type ExportTable } from '../exports/table';

export function compareFilters(params: URLSearchParams, periods: string[]): CompareFilters {
	const period = params.get('periode') ?? '';
	const indicator = params.get('indicateur') ?? '';
	const sort = params.get('tri') ?? '';
	const clean = (v: string | null) => (v ?? '').slice(0, 200);
	return {
		period: periods.includes(period) ? period : (periods.at(-1) ?? ''),
		indicator: INDICATOR_BY_ID.has(indicator) ? indicator : INDICATORS[0].id,
		sizeClass: SIZE_CLASSES.some((c) => c.id === params.get('taille'))
			? clean(params.get('taille'))
			: '',
		epci: clean(params.get('epci')),
		arrondissement: clean(params.get('arrondissement')),
		reference: clean(params.get('reference')),
		sort: (['taux', 'population', 'nom'] as SortKey[]).includes(sort as SortKey)
			? (sort as SortKey)
			: 'taux'
	};
}

const sizeLabel = (id: string) => SIZE_CLASSES.find((c) => c.id === id)?.label ?? id;

export function compareTable(
	cells: PeriodCell[],
	units: CompareUnit[],
	f: CompareFilters,
	k: number
): ExportTable {
	const indicator = INDICATOR_BY_ID.get(f.indicator) ?? INDICATORS[0];
	const rows = compareRows(cells, units, f);
	const hiddenOr = (status: string | null, v: number | null): ExportCell =>
		isHidden(status as never) ? HIDDEN : v;
	return {
		title: `Comparaison ${periodLabel(f.period)}`,
		k,
		columns: [
			{ header: 'Territoire' },
			{ header: 'EPCI' },
			{ header: 'Arrondissement' },
			{ header: 'Taille' },
			{ header: 'Population légale', kind: 'count' },
			{ header: indicator.label, kind: 'count' },
			{ header: 'Taux pour 1 000 habitants', kind: 'rate', decimals: 2 }
		],
		rows: rows.map((r) => [
			r.label,
			r.epciLabel,
			r.arrondissementLabel,
			sizeLabel(r.sizeClass),
			r.population,
			hiddenOr(r.status, r.n),
			hiddenOr(r.status, r.rate)
		]),
		notes: [
			`${indicator.label} — ${periodLabel(f.period)}. Taux pour 1 000 habitants (population légale).`,
			'Un taux n’est jamais calculé à partir d’un effectif masqué.'
		]
	};
}

export function protocolTable(
	cells: PeriodCell[],
	meetings: MeetingRow[],
	units: CompareUnit[],
	f: CompareFilters,
	k: number
): ExportTable {
	const rows = protocolRows(cells, meetings, units, f);
	return {
		title: `Protocole ${periodLabel(f.period)}`,
		k,
		columns: [
			{ header: 'Territoire' },
			{ header: 'Séances', kind: 'count' },
			{ header: 'Ordre du jour préalable (%)', kind: 'percent' },
			{ header: 'Compte rendu (%)', kind: 'percent' },
			{ header: 'Personnes informées (%)', kind: 'percent' },
			{ header: 'Transmissions sans accord du groupe', kind: 'count' },
			{ header: 'Transmissions sans accord pour 1 000 hab.', kind: 'rate', decimals: 2 }
		],
		rows: rows.map((r) => [
			r.label,
			r.seances,
			r.odjPct,
			r.crPct,
			r.informedHidden ? HIDDEN : r.informedPct,
			r.sansAccordHidden ? HIDDEN : r.sansAccord,
			r.sansAccordHidden ? HIDDEN : r.sansAccordRate
		]),
		notes: [
			`Indicateurs du protocole — ${periodLabel(f.period)}. Les incidents ne sont publiés qu’à l’échelle du département.`
		]
	};
}

export function trendTable(
	cells: PeriodCell[],
	units: CompareUnit[],
	indicator: string,
	ids: string[],
	periods: string[],
	k: number
): ExportTable {
	const rows = trendRows(cells, units, indicator, ids);
	const label = (INDICATOR_BY_ID.get(indicator) ?? INDICATORS[0]).label;
	return {
		title: 'Évolutions',
		k,
		columns: [
			{ header: 'Territoire' },
			...periods.map((p) => ({ header: periodLabel(p), kind: 'rate' as const, decimals: 2 }))
		],
		rows: ids.map((id) => {
			const u = units.find((x) => x.id === id);
			return [
				u?.label ?? id,
				...periods.map((p): ExportCell => {
					const r = rows.find((x) => x.id === id && x.period === p);
					if (!r) return null;
					return isHidden(r.status) ? HIDDEN : r.rate;
				})
			];
		}),
		notes: [`${label} pour 1 000 habitants, par période.`]
	};
}

// The comparison page's filters (from the URL) and its tables as exports: the same rows the page
// shows, hidden counts as « s » markers and never a rate computed from them, territories that
// transmitted nothing blank (never 0), and whether the period is provisional.
import { periodLabel } from '$contracts/period';
import { completenessText, type Completeness } from '$lib/completeness';
import { MISSING_LEGEND } from '$lib/charts/spec';
import {
	compareRows,
	INDICATOR_BY_ID,
	INDICATORS,
	markCompareRows,
	markProtocolRows,
	markTrendRows,
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

/** What the exports of a period say beyond the rows: completeness, untransmitted territories. */
export interface PeriodContext {
	completeness: Completeness;
	missing: readonly string[];
}

function contextNotes(c: PeriodContext, rows: { missing?: boolean }[]): string[] {
	return [
		completenessText(c.completeness),
		...(rows.some((r) => r.missing) ? [MISSING_LEGEND] : [])
	];
}

/** The filters of the URL; without a period, `fallback` (the last complete period). */
export function compareFilters(
	params: URLSearchParams,
	periods: string[],
	fallback = periods.at(-1) ?? ''
): CompareFilters {
	const period = params.get('periode') ?? '';
	const indicator = params.get('indicateur') ?? '';
	const sort = params.get('tri') ?? '';
	const clean = (v: string | null) => (v ?? '').slice(0, 200);
	return {
		period: periods.includes(period) ? period : fallback,
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
	context: PeriodContext
): ExportTable {
	const indicator = INDICATOR_BY_ID.get(f.indicator) ?? INDICATORS[0];
	const rows = markCompareRows(compareRows(cells, units, f), context.missing, f.sort);
	const hiddenOr = (status: string | null, v: number | null): ExportCell =>
		isHidden(status as never) ? HIDDEN : v;
	return {
		title: `Comparaison ${periodLabel(f.period)}`,
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
			'Un taux n’est jamais calculé à partir d’un effectif masqué.',
			...contextNotes(context, rows)
		]
	};
}

export function protocolTable(
	cells: PeriodCell[],
	meetings: MeetingRow[],
	units: CompareUnit[],
	f: CompareFilters,
	context: PeriodContext
): ExportTable {
	const rows = markProtocolRows(protocolRows(cells, meetings, units, f), context.missing);
	return {
		title: `Protocole ${periodLabel(f.period)}`,
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
			r.missing ? null : r.seances,
			r.odjPct,
			r.crPct,
			r.informedHidden ? HIDDEN : r.informedPct,
			r.sansAccordHidden ? HIDDEN : r.sansAccord,
			r.sansAccordHidden ? HIDDEN : r.sansAccordRate
		]),
		notes: [
			`Indicateurs du protocole — ${periodLabel(f.period)}. Les incidents ne sont publiés qu’à l’échelle du département.`,
			...contextNotes(context, rows)
		]
	};
}

export function trendTable(
	cells: PeriodCell[],
	units: CompareUnit[],
	indicator: string,
	ids: string[],
	periods: string[],
	trend: { missing: Record<string, string[]>; provisional: string[] }
): ExportTable {
	const rows = markTrendRows(trendRows(cells, units, indicator, ids), trend.missing);
	const label = (INDICATOR_BY_ID.get(indicator) ?? INDICATORS[0]).label;
	return {
		title: 'Évolutions',
		columns: [
			{ header: 'Territoire' },
			...periods.map((p) => ({
				header: `${periodLabel(p)}${trend.provisional.includes(p) ? ' (incomplète)' : ''}`,
				kind: 'rate' as const,
				decimals: 2
			}))
		],
		rows: ids.map((id) => {
			const u = units.find((x) => x.id === id);
			return [
				u?.label ?? id,
				...periods.map((p): ExportCell => {
					const r = rows.find((x) => x.id === id && x.period === p);
					if (!r || r.missing) return null;
					return isHidden(r.status) ? HIDDEN : r.rate;
				})
			];
		}),
		notes: [
			`${label} pour 1 000 habitants, par période.`,
			...(trend.provisional.length
				? [
						'(incomplète) : période publiée sans tous les groupes attendus, qui ne sont comptés nulle part ; ses chiffres ne sont pas une baisse.'
					]
				: []),
			...(rows.some((r) => r.missing) ? [MISSING_LEGEND] : [])
		]
	};
}

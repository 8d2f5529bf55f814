// Assembles the plenary page (and its print variant) from the commune's protected releases: the
// current period's, the previous one's for the changes, and every period's for the trend. Only
// release cells are read here (hidden cells have no value), plus the groups' qualitative bilans
// re-scanned for personal data. Charts are drawn on the server for the first paint.
import type { Kysely } from 'kysely';
import { INSTANCE_TYPES, KIND_LABELS, KINDS } from '$contracts/codes';
import { periodLabel, periodRange, previousPeriod } from '$contracts/period';
import type { ChartSpec } from '$lib/charts/spec';
import { printVariant } from '$lib/charts/spec';
import { keepServerSvg } from '$lib/charts/served';
import type { Release } from '$lib/release';
import { periodChoiceLabel, type Completeness } from '$lib/completeness';
import {
	ageSexChart,
	CellIndex,
	comparableUnits,
	filteredCharts,
	keyFigures,
	protocolIndicators,
	situationProfile,
	type CellRow,
	type Filters
} from '$lib/plenary/model';
import { renderChartSvg } from '../charts';
import { completenessOf } from '../completeness';
import type { Database } from '../db/schema';
import { getRelease, isPeriodNotPublished } from '../releases';
import { groupBilans } from './bilans';
import { presentationDates } from './sessions';
import type { DrawnChart, GroupView, PlenaryPage } from '$lib/plenary/types';

export type { DrawnChart, GroupView, PlenaryPage };

export function cellRows(release: Release): CellRow[] {
	return release.cells.map((c) => ({ period: release.period, ...c }));
}

export function readFilters(url: URL, periods: string[]): Filters {
	const p = (name: string) => url.searchParams.get(name)?.trim() ?? '';
	const from = p('de');
	const to = p('a');
	return {
		group: p('groupe'),
		type: p('type'),
		from: periods.includes(from) ? from : (periods[0] ?? ''),
		to: periods.includes(to) ? to : (periods[periods.length - 1] ?? '')
	};
}

export interface PlenaryRequest {
	code: string;
	period: string;
	periods: string[];
	filters: Filters;
	/** paper variant of the charts */
	print?: boolean;
	/**
	 * Page rendered to HTML: keep the charts' SVG out of the returned data (which is serialised for
	 * hydration) and aside for `Chart.svelte`, so the markup is sent once, in the HTML.
	 */
	svgAside?: boolean;
}

/** The other periods' releases (trend, previous period), unpublished ones left out: built in
 * sequence, they are cached. */
async function otherReleases(
	db: Kysely<Database>,
	code: string,
	period: string,
	periods: string[]
): Promise<Release[]> {
	const others: Release[] = [];
	for (const p of new Set(periods))
		if (p !== period) {
			const other = await getRelease(db, { audience: 'commune', scope: code, period: p }).catch(
				(e: unknown) => {
					if (isPeriodNotPublished(e)) return null;
					throw e;
				}
			);
			if (other) others.push(other);
		}
	return others;
}

/** The commune's groups as listed on the page: type, unit, files sent and qualitative bilan. */
async function groupViews(
	db: Kysely<Database>,
	release: Release,
	period: string
): Promise<GroupView[]> {
	const unitOf = new Map(release.units.map((u) => [u.id, u]));
	const [bilans, presented] = await Promise.all([
		groupBilans(db, release.groups, period),
		presentationDates(
			db,
			release.groups.map((g) => g.id),
			period
		)
	]);
	return release.groups.map((g) => ({
		id: g.id,
		name: g.name,
		instanceType: g.instanceType,
		instanceLabel:
			(INSTANCE_TYPES.labels as Record<string, string>)[g.instanceType] ?? g.instanceType,
		unit: unitOf.get(g.id)?.parent === 'autres' ? 'autres' : g.id,
		withheld: g.withheld === true,
		submitted: KINDS.filter((kind) => g.versions[kind]).map((kind) => ({
			kind,
			label: KIND_LABELS[kind],
			version: g.versions[kind]
		})),
		bilan: bilans.find((b) => b.groupId === g.id) ?? null,
		plenary: presented.get(g.id) ?? null
	}));
}

/** The evolution's bounds among the published periods (the latest by default). */
function boundedFilters(f: Filters, published: string[]): Filters {
	const within = (p: string, fallback: string) => (published.includes(p) ? p : fallback);
	return {
		...f,
		from: within(f.from, published[0]),
		to: within(f.to, published[published.length - 1])
	};
}

/** Draws a chart as the request asks: paper variant, none (client-only), SVG kept aside. */
function chartDrawer(r: PlenaryRequest): (spec: ChartSpec) => DrawnChart {
	return (spec) => {
		const s = r.print ? printVariant(spec) : spec;
		const svg = renderChartSvg(s);
		if (!r.svgAside) return { spec: s, svg };
		keepServerSvg(s, svg);
		return { spec: s };
	};
}

export async function plenaryPage(db: Kysely<Database>, r: PlenaryRequest): Promise<PlenaryPage> {
	// served only once published (getRelease refuses otherwise: see releases/publish.ts)
	const release = await getRelease(db, { audience: 'commune', scope: r.code, period: r.period });
	const prevCode = previousPeriod(r.period);
	const complete = await completenessOf(db, { commune: r.code }, [
		...new Set([...r.periods, r.period, ...(prevCode ? [prevCode] : [])])
	]);
	// the trend and the changes read published periods only: an unpublished one is not shown
	const shown = (p: string) => complete.get(p)?.provisional === false;
	const published = r.periods.filter((p) => p === r.period || shown(p));
	const filters = boundedFilters(r.filters, published);
	const trendPeriods = periodRange(published, filters.from, filters.to);
	const others = await otherReleases(db, r.code, r.period, [
		...trendPeriods,
		...(prevCode && shown(prevCode) ? [prevCode] : [])
	]);
	const previous = others.find((o) => o.period === prevCode) ?? null;
	const index = new CellIndex([release, ...others].flatMap(cellRows));
	const completeness = complete.get(r.period) as Completeness;
	// published periods some expected groups were missing from: marked on the trend
	const provisional = r.periods.filter((p) => {
		const c = complete.get(p);
		return !!c && shown(p) && c.transmitted < c.expected;
	});
	const previousGroups = prevCode ? (complete.get(prevCode)?.groups ?? []) : [];
	const k = release.k;
	const groups = await groupViews(db, release, r.period);
	const types = [...new Set(groups.map((g) => g.instanceType))];
	const chartOptions = { k, print: r.print, prefix: r.print ? 'p-' : '' };
	const filtered = filteredCharts(index, groups, r.period, published, filters, {
		...chartOptions,
		provisional
	});
	const draw = chartDrawer(r);
	const current = { index, period: r.period, meetings: release.meetings };
	return {
		commune: { code: r.code, nom: release.scopeLabel },
		period: r.period,
		periodLabel: periodLabel(r.period),
		periods: r.periods.map((code) => ({
			code,
			label: periodChoiceLabel(periodLabel(code), complete.get(code))
		})),
		published: published.map((code) => ({ code, label: periodLabel(code) })),
		completeness,
		provisional,
		previousPeriod: prevCode ? { code: prevCode, label: periodLabel(prevCode) } : null,
		k,
		generatedAt: release.generatedAt,
		groups,
		instanceTypes: types.map((code) => ({
			code,
			label: (INSTANCE_TYPES.labels as Record<string, string>)[code] ?? code
		})),
		figures: keyFigures(
			current,
			previous ? { index, period: previous.period, meetings: previous.meetings } : null,
			previous
				? comparableUnits(
						index,
						{ period: r.period, groups: completeness.groups },
						{ period: previous.period, groups: previousGroups }
					)
				: undefined
		),
		protocol: protocolIndicators(index, r.period, release.meetings),
		profile: situationProfile(index, r.period),
		filters,
		selection: filtered.selection,
		breakdowns: filtered.breakdowns.map(draw),
		trend: draw(filtered.trend),
		ageSex: draw(ageSexChart(index, r.period, chartOptions)),
		stats: {
			hidden: release.stats.hidden,
			cells: release.stats.cells
		}
	};
}

// What the comparison page needs from the server: the period's release as territories, cells and
// meetings (first paint, DuckDB tables), its two tables computed once for the first paint, and the
// trend over the previous published periods (built lazily: each period is its own protected
// release), with which territories transmitted nothing (blank, never 0).
import type { Kysely } from 'kysely';
import {
	compareRows,
	markCompareRows,
	markProtocolRows,
	markTrendRows,
	protocolRows,
	trendRows,
	trendUnits,
	untransmittedUnits,
	type CompareFilters,
	type CompareUnit,
	type PeriodCell
} from '$lib/departement/compare';
import { rateChart, trendSpec } from '$lib/departement/charts';
import type { Database } from '../db/schema';
import { withSvg } from '../charts';
import { completenessOf } from '../completeness';
import { isPeriodNotPublished } from '../releases';
import { compareUnits, departementRelease, meetingRows, periodCells } from './data';
import { trendPeriods } from '$contracts/period';

type Db = Kysely<Database>;

export async function comparePage(db: Db, code: string, f: CompareFilters) {
	const { release, frozenAt } = await departementRelease(db, code, f.period);
	const units = await compareUnits(db, release);
	const cells = periodCells(release);
	const meetings = meetingRows(release);
	const missing = untransmittedUnits(release);
	const rows = markCompareRows(compareRows(cells, units, f), missing, f.sort);
	const completeness = (await completenessOf(db, { departement: code }, [f.period])).get(f.period)!;
	return {
		completeness,
		missing,
		release: {
			k: release.k,
			period: release.period,
			dataVersion: release.dataVersion,
			frozenAt,
			recoded: release.recoded ?? {},
			incidents:
				release.cells
					.filter((c) => c.measure === 'incidents' && c.variable === '*' && c.unit === '*')
					.map((c) => ({ value: c.value, status: c.status }))[0] ?? null
		},
		units,
		meetings,
		rows,
		protocol: markProtocolRows(protocolRows(cells, meetings, units, f), missing),
		chart: withSvg(rateChart(rows, f, release.k))
	};
}

/**
 * Cells of the trend periods that are published (each period's release, cut from the versions
 * recorded at its publication; a period not published has no figure), the territories that
 * transmitted nothing in each, and the periods published without every expected group.
 */
export async function trendData(db: Db, code: string, periods: string[]) {
	const cells: PeriodCell[] = [];
	const missing: Record<string, string[]> = {};
	const complete = await completenessOf(db, { departement: code }, periods);
	for (const p of periods) {
		if (complete.get(p)?.provisional !== false) continue;
		const release = await departementRelease(db, code, p).then(
			(r) => r.release,
			(e: unknown) => {
				if (isPeriodNotPublished(e)) return null;
				throw e;
			}
		);
		if (!release) continue;
		cells.push(...periodCells(release));
		missing[p] = untransmittedUnits(release);
	}
	const provisional = periods.filter((p) => {
		const c = complete.get(p);
		return !!c && c.provisional === false && c.transmitted < c.expected;
	});
	return { cells, missing, provisional };
}

export async function compareTrend(
	db: Db,
	code: string,
	all: string[],
	units: CompareUnit[],
	f: CompareFilters,
	k: number
) {
	const periods = trendPeriods(all, f.period);
	const { cells, missing, provisional } = await trendData(db, code, periods);
	const ids = trendUnits(units, f.reference);
	const rows = markTrendRows(trendRows(cells, units, f.indicator, ids), missing);
	return {
		periods,
		missing,
		provisional,
		chart: withSvg(trendSpec(rows, units, f, periods, k, provisional))
	};
}

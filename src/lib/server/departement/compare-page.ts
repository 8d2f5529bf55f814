// What the comparison page needs from the server: the period's release as territories, cells and
// meetings (first paint, DuckDB tables), its two tables computed once for the first paint, and the
// trend over the previous periods (built lazily: each period is its own protected release).
import type { Kysely } from 'kysely';
import {
	compareRows,
	protocolRows,
	trendRows,
	trendUnits,
	type CompareFilters,
	type CompareUnit,
	type PeriodCell
} from '$lib/departement/compare';
import { rateChart, trendSpec } from '$lib/departement/charts';
import type { Database } from '../db/schema';
import { withSvg } from '../charts';
import { compareUnits, departementRelease, meetingRows, periodCells, trendPeriods } from './data';

type Db = Kysely<Database>;

export async function comparePage(db: Db, code: string, f: CompareFilters) {
	const { release, frozenAt } = await departementRelease(db, code, f.period);
	const units = await compareUnits(db, release);
	const cells = periodCells(release);
	const meetings = meetingRows(release);
	const rows = compareRows(cells, units, f);
	return {
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
		protocol: protocolRows(cells, meetings, units, f),
		chart: withSvg(rateChart(rows, f, release.k))
	};
}

/** Cells of the trend periods (each period's release, frozen when its campaign closed). */
export async function trendCells(db: Db, code: string, periods: string[]): Promise<PeriodCell[]> {
	const out: PeriodCell[] = [];
	for (const p of periods)
		out.push(...periodCells((await departementRelease(db, code, p)).release));
	return out;
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
	const cells = await trendCells(db, code, periods);
	const ids = trendUnits(units, f.reference);
	const rows = trendRows(cells, units, f.indicator, ids);
	return { periods, chart: withSvg(trendSpec(rows, units, f, periods, k)) };
}

// The département's data as its pages read it: the release of a published period (cut from the
// versions recorded at its publication; refused before, see releases/publish.ts), the territories with their legal
// population, EPCI, arrondissement and size class, and the Parquet the browser's DuckDB loads.
import type { Kysely } from 'kysely';
import { parsePeriod } from '$contracts/period';
import type { Release } from '$lib/release';
import {
	sizeClassOf,
	type CompareUnit,
	type MeetingRow,
	type PeriodCell
} from '$lib/departement/compare';
import type { Database } from '../db/schema';
import { currentSubmissions } from '../submissions';
import { getRelease } from '../releases';
import { publishedAt } from './campaigns';

type Db = Kysely<Database>;

export interface DepartementRelease {
	release: Release;
	/** when the period was published: the release reads the versions recorded then */
	frozenAt: string | null;
}

export async function departementRelease(
	db: Db,
	code: string,
	period: string
): Promise<DepartementRelease> {
	const [release, frozenAt] = await Promise.all([
		getRelease(db, { audience: 'departement', scope: code, period }),
		publishedAt(db, code, period)
	]);
	return { release, frozenAt };
}

/** Semester (or quarter) periods for which groups of the département have sent files. */
export async function departementPeriods(db: Db, code: string): Promise<string[]> {
	const rows = await currentSubmissions(db)
		.innerJoin('groups', 'groups.id', 'submissions.group_id')
		.select('submissions.period')
		.distinct()
		.where('groups.departement', '=', code)
		.execute();
	return rows
		.map((r) => r.period)
		.filter((p) => parsePeriod(p) && p.includes('-'))
		.sort();
}

/** Years with at least one semester of data. */
export function yearsOf(periods: string[]): number[] {
	return [...new Set(periods.map((p) => Number(p.slice(0, 4))))].sort((a, b) => a - b);
}

/** The comparison rows of a release: every territory (merged ones inside their residual unit). */
export async function compareUnits(db: Db, release: Release): Promise<CompareUnit[]> {
	const rows = release.units.filter(
		(u) => u.level === 'territoire' && !(u.parent ?? '').startsWith('autres:')
	);
	const codes = [...new Set(rows.flatMap((u) => u.communes))];
	const communes = codes.length
		? await db
				.selectFrom('communes')
				.leftJoin('arrondissements', 'arrondissements.code', 'communes.arrondissement')
				.select(['communes.code', 'communes.arrondissement', 'arrondissements.nom'])
				.where('communes.code', 'in', codes)
				.execute()
		: [];
	const arr = new Map(communes.map((c) => [c.code, c]));
	const label = new Map(release.units.map((u) => [u.id, u.label]));
	return rows.map((u) => {
		const epci = (u.parent ?? '').replace(/^autres:/, '');
		const arrs = new Set(u.communes.map((c) => arr.get(c)?.arrondissement ?? ''));
		const one = arrs.size === 1 ? [...arrs][0] : 'plusieurs';
		const population = u.population ?? 0;
		return {
			id: u.id,
			label: u.label,
			epci,
			epciLabel: label.get(epci) ?? epci,
			arrondissement: one,
			arrondissementLabel:
				one === 'plusieurs'
					? 'Plusieurs arrondissements'
					: (arr.get(u.communes[0])?.nom ?? (one || 'Sans arrondissement')),
			population,
			sizeClass: sizeClassOf(population)
		};
	});
}

export function periodCells(release: Release): PeriodCell[] {
	return release.cells.map((c) => ({ ...c, period: release.period }));
}

export function meetingRows(release: Release): MeetingRow[] {
	return release.meetings.map((m) => ({
		period: release.period,
		unit: m.unit,
		seances: m.seances,
		avec_odj: m.avecOrdreDuJour,
		avec_cr: m.avecCompteRendu
	}));
}

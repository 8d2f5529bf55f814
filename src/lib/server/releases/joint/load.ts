// Reads what the joint table set of a département-year is built from: its groups and communes,
// the current submission of each group for each period of the year, and those submissions' rows
// (rows of a stored version never change, so they are read by submission id). A published period
// reads the versions recorded at its publication, not the latest ones (see ../publications.ts).
import type { Kysely } from 'kysely';
import { yearPeriods } from '$contracts/period';
import { VARIABLES } from '$lib/release';
import type { Database } from '../../db/schema';
import { currentSubmissions } from '../../submissions';
import { publicationsOf, yearPlan, type Publication } from '../publications';
import { communesWithEpci, foldGroups, groupCommunePairs } from '../territory-rows';
import { DERIVED_SOURCES, withDerived } from './derived';
import type { Plan, Row, RowSource, Snapshot, YearCommune, YearGroup } from './plan';

export interface YearData {
	departement: { code: string; nom: string };
	groups: YearGroup[];
	communes: Map<string, YearCommune>;
	snapshot: Snapshot;
	rows: RowSource;
	/** published periods of the year, with the versions they were published from */
	publications: Map<string, Publication>;
	/** the year's regroupings as fixed by its first publication */
	frozenPlan: Plan | null;
}

const SITUATION_COLUMNS = VARIABLES.filter((v) => v.measure === 'situations').map((v) => v.name);
const INCIDENT_COLUMNS = VARIABLES.filter((v) => v.measure === 'incidents').map((v) => v.name);

/** The département's groups (one row per group and commune), communes, current submissions of
 * the year and publications. */
function readIndexRows(db: Kysely<Database>, departement: string, year: string) {
	return Promise.all([
		groupCommunePairs(db).where('groups.departement', '=', departement).execute(),
		communesWithEpci(db).where('communes.departement', '=', departement).execute(),
		currentSubmissions(db)
			.innerJoin('groups', 'groups.id', 'submissions.group_id')
			.select(['submissions.id', 'submissions.group_id', 'submissions.kind', 'submissions.period'])
			.where('groups.departement', '=', departement)
			.where('submissions.period', 'in', yearPeriods(year))
			.where('submissions.kind', 'in', ['situations', 'incidents'])
			.execute(),
		publicationsOf(db, departement, yearPeriods(year))
	]);
}

type IndexRows = Awaited<ReturnType<typeof readIndexRows>>;

function groupsOf(rows: IndexRows[0]): YearGroup[] {
	const groups = foldGroups(
		rows,
		(r): YearGroup => ({ id: r.id, name: r.name, instanceType: r.instance_type, communes: [] }),
		(r) => r.commune_code
	);
	return [...groups.values()];
}

function communesOf(rows: IndexRows[1]): Map<string, YearCommune> {
	return new Map<string, YearCommune>(
		rows.map((c) => [
			c.code,
			{
				code: c.code,
				nom: c.nom,
				population: Number(c.population ?? 0),
				epci: c.epci ?? null,
				epciNom: c.epci_nom ?? null
			}
		])
	);
}

/** Current submissions of the periods not published, the published ones' recorded versions. */
function snapshotOf(submissions: IndexRows[2], publications: IndexRows[3]): Snapshot {
	const snapshot: Snapshot = {};
	for (const s of submissions) {
		if (publications.has(s.period)) continue;
		const byPeriod = (snapshot[s.group_id] ??= {});
		(byPeriod[s.period] ??= {})[s.kind] = s.id;
	}
	for (const [period, p] of publications) {
		for (const [groupId, kinds] of Object.entries(p.ids)) {
			for (const kind of ['situations', 'incidents']) {
				const id = kinds[kind];
				if (id) ((snapshot[groupId] ??= {})[period] ??= {})[kind] = id;
			}
		}
	}
	return snapshot;
}

/** Groups, communes and current submissions of a département-year (rows not read). */
export async function loadYearIndex(
	db: Kysely<Database>,
	departement: string,
	year: string
): Promise<Omit<YearData, 'rows'> | null> {
	const dep = await db
		.selectFrom('departements')
		.select(['code', 'nom'])
		.where('code', '=', departement)
		.executeTakeFirst();
	if (!dep) return null;
	const [groupRows, communeRows, submissions, publications] = await readIndexRows(
		db,
		departement,
		year
	);
	return {
		departement: dep,
		groups: groupsOf(groupRows),
		communes: communesOf(communeRows),
		snapshot: snapshotOf(submissions, publications),
		publications,
		frozenPlan: yearPlan(publications)
	};
}

/** The submissions a snapshot reads, by kind. */
export function snapshotIds(snapshot: Snapshot): { situations: string[]; incidents: string[] } {
	const ids = { situations: [] as string[], incidents: [] as string[] };
	for (const byPeriod of Object.values(snapshot)) {
		for (const kinds of Object.values(byPeriod)) {
			if (kinds.situations) ids.situations.push(kinds.situations);
			if (kinds.incidents) ids.incidents.push(kinds.incidents);
		}
	}
	return ids;
}

/** Rows of the given submissions, by submission id. */
export async function loadRows(
	db: Kysely<Database>,
	ids: { situations: string[]; incidents: string[] }
): Promise<RowSource> {
	const [situations, incidents] = await Promise.all([
		ids.situations.length
			? db
					.selectFrom('situation_rows')
					.select([
						'submission_id',
						'ref_situation',
						...SITUATION_COLUMNS.map((c) => c as 'problematique'),
						...DERIVED_SOURCES,
						'date_cloture'
					])
					.where('submission_id', 'in', ids.situations)
					.orderBy('submission_id')
					.orderBy('line')
					.execute()
			: [],
		ids.incidents.length
			? db
					.selectFrom('incident_rows')
					.select(['submission_id', ...INCIDENT_COLUMNS.map((c) => c as 'motif')])
					.where('submission_id', 'in', ids.incidents)
					.orderBy('submission_id')
					.orderBy('line')
					.execute()
			: []
	]);
	const group = (list: Array<Record<string, unknown>>, derive = false) => {
		const out = new Map<string, Row[]>();
		for (const r of list) {
			const { submission_id, ...rest } = r;
			const id = String(submission_id);
			const row: Row = {};
			for (const [k, v] of Object.entries(rest)) row[k] = String(v ?? '');
			if (derive) withDerived(row);
			const bucket = out.get(id);
			if (bucket) bucket.push(row);
			else out.set(id, [row]);
		}
		return out;
	};
	return { situations: group(situations, true), incidents: group(incidents) };
}

/** Everything the joint table set of a département-year is built from. */
export async function loadYear(
	db: Kysely<Database>,
	departement: string,
	year: string
): Promise<YearData | null> {
	const index = await loadYearIndex(db, departement, year);
	if (!index) return null;
	return { ...index, rows: await loadRows(db, snapshotIds(index.snapshot)) };
}

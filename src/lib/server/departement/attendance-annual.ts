// The annual CDP bilan's attendance of the institutions at the groups' séances (protocol §3: « une
// liste des membres est définie pour chaque groupe »): for each institution, the séances of the
// groups that list it among their members, and how many of those it attended (`institutions_
// presentes` of the séances files). Only the séances files recorded at the year's publications
// are read (published is published), and only at the département's level: a group's own rate
// stays with its referents (`/groupe/[id]/membres`), as one representative's attendance would be
// a named professional's. Séances are meetings, not persons; the counts still follow the
// threshold rule of the charter section (1 to k − 1 read « s », and so does the rate).
import type { Kysely } from 'kysely';
import { INSTITUTIONS } from '$contracts/codes';
import { yearPeriods } from '$contracts/period';
import type { AttendanceAnnual } from '$lib/departement/types';
import type { Cell } from '$lib/format';
import type { Database } from '../db/schema';
import { publicationsOf } from '../releases/publications';
import { thresholdCell } from './charter-annual';

export type { AttendanceAnnual };

function rateCell(present: Cell, expected: Cell): Cell {
	if (present.status === 'hidden' || expected.status === 'hidden')
		return { value: null, status: 'hidden' };
	if (!expected.value) return { value: null, status: 'published' };
	return { value: (present.value ?? 0) / expected.value, status: 'published' };
}

export async function attendanceAnnual(
	db: Kysely<Database>,
	departement: string,
	year: number,
	k: number
): Promise<AttendanceAnnual> {
	const publications = await publicationsOf(db, departement, yearPeriods(String(year)));
	const seanceIds = new Map<string, string[]>();
	for (const p of publications.values())
		for (const [group, kinds] of Object.entries(p.ids))
			if (kinds.seances) seanceIds.set(group, [...(seanceIds.get(group) ?? []), kinds.seances]);
	const ids = [...seanceIds.values()].flat();
	const [rows, members] = await Promise.all([
		ids.length
			? db
					.selectFrom('seance_rows as r')
					.innerJoin('submissions as s', 's.id', 'r.submission_id')
					.select(['s.group_id', 'r.institutions_presentes'])
					.where('s.id', 'in', ids)
					.execute()
			: Promise.resolve([]),
		seanceIds.size
			? db
					.selectFrom('group_members')
					.select(['group_id', 'institution'])
					.distinct()
					.where('group_id', 'in', [...seanceIds.keys()])
					.execute()
			: Promise.resolve([])
	]);
	const listedBy = new Map<string, Set<string>>();
	for (const m of members) {
		const set = listedBy.get(m.group_id) ?? new Set<string>();
		set.add(m.institution);
		listedBy.set(m.group_id, set);
	}
	const expected = new Map<string, number>();
	const present = new Map<string, number>();
	let seances = 0;
	for (const r of rows) {
		const listed = listedBy.get(r.group_id);
		if (!listed) continue;
		seances++;
		const there = new Set(r.institutions_presentes.split('|').filter(Boolean));
		for (const code of listed) {
			expected.set(code, (expected.get(code) ?? 0) + 1);
			if (there.has(code)) present.set(code, (present.get(code) ?? 0) + 1);
		}
	}
	return {
		year,
		seances,
		groups: listedBy.size,
		lines: INSTITUTIONS.codes
			.filter((c) => expected.has(c))
			.map((c) => {
				const e = thresholdCell(expected.get(c) ?? 0, k);
				const p = thresholdCell(present.get(c) ?? 0, k);
				return {
					institution: c,
					label: INSTITUTIONS.labels[c],
					expected: e,
					present: p,
					rate: rateCell(p, e)
				};
			})
	};
}

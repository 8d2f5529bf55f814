// Which groups were expected for a period and which transmitted, for a commune (the groups covering
// it) or a département: read from the collection campaigns and the submissions, so a page can say
// « 1 groupe sur 5 a transmis » and never read a missing group as a fall to zero. A published
// period counts the groups its publication recorded (a file sent afterwards is held, not counted).
import type { Kysely } from 'kysely';
import { periodLastDay } from '$contracts/period';
import { landingPeriod, type Completeness } from '$lib/completeness';
import type { Database } from './db/schema';
import { currentSubmissions } from './submissions';
import { todayInParis } from './departement/campaigns/timer';
import { publicationsOf, type Publication } from './releases/publications';

export type CompletenessScope = { commune: string } | { departement: string };

/** Completeness of each period for the scope (semesters, quarters or years). */
export async function completenessOf(
	db: Kysely<Database>,
	scope: CompletenessScope,
	periods: readonly string[],
	today = todayInParis()
): Promise<Map<string, Completeness>> {
	const out = new Map<string, Completeness>();
	if (!periods.length) return out;
	let q = db.selectFrom('groups').select(['groups.id', 'groups.created_at', 'groups.departement']);
	q =
		'commune' in scope
			? q.where(
					'groups.id',
					'in',
					db
						.selectFrom('group_communes')
						.select('group_id')
						.where('commune_code', '=', scope.commune)
				)
			: q.where('groups.departement', '=', scope.departement);
	const groups = await q.execute();
	const ids = groups.map((g) => g.id);
	const departements = [...new Set(groups.map((g) => g.departement))];
	// A year is complete when its semesters are: its groups are those of any of its semesters.
	const semesters = (p: string) => (p.includes('-') ? [p] : [`${p}-S1`, `${p}-S2`]);
	const asked = [...new Set(periods.flatMap(semesters))];
	const [campaigns, sent, publications] = await Promise.all([
		departements.length
			? db
					.selectFrom('campaigns as c')
					.leftJoin('campaign_groups as cg', 'cg.campaign_id', 'c.id')
					.select(['c.period', 'c.status', 'cg.group_id'])
					.where('c.departement', 'in', departements)
					.where('c.period', 'in', asked)
					.execute()
			: [],
		ids.length
			? currentSubmissions(db)
					.select(['group_id', 'period'])
					.distinct()
					.where('kind', '=', 'situations')
					.where('period', 'in', asked)
					.where('group_id', 'in', ids)
					.execute()
			: [],
		Promise.all(departements.map((d) => publicationsOf(db, d, asked)))
	]);
	// a commune's period is published with its département's: complete only when the département is
	const departementWide =
		'commune' in scope && departements.length === 1
			? await completenessOf(db, { departement: departements[0] }, asked, today)
			: null;
	const publishedOf = (p: string): Publication[] =>
		publications.map((m) => m.get(p)).filter((x): x is Publication => !!x);
	const inScope = new Set(ids);
	const semester = (p: string): Completeness => {
		const campaign = campaigns.filter((c) => c.period === p);
		const end = periodLastDay(p);
		const expected = new Set(
			campaign.length
				? campaign.map((c) => c.group_id).filter((g): g is string => !!g && inScope.has(g))
				: groups.filter((g) => g.created_at.slice(0, 10) <= end).map((g) => g.id)
		);
		const pubs = publishedOf(p);
		const published = pubs.length > 0 && pubs.length === departements.length;
		const transmitted = new Set(
			published
				? pubs.flatMap((pub) =>
						Object.entries(pub.ids)
							.filter(([g, kinds]) => inScope.has(g) && kinds.situations)
							.map(([g]) => g)
					)
				: sent.filter((s) => s.period === p).map((s) => s.group_id)
		);
		// A group that sent without being asked counts as expected too.
		for (const g of transmitted) expected.add(g);
		const open = campaign.some((c) => c.status === 'open');
		const ongoing = today <= end;
		const complete = departementWide
			? departementWide.get(p)?.provisional === false
			: !open && !ongoing && transmitted.size >= expected.size;
		return {
			period: p,
			expected: expected.size,
			transmitted: transmitted.size,
			groups: [...transmitted].sort(),
			open,
			ongoing,
			provisional: !published && !complete,
			published
		};
	};
	for (const p of periods) {
		const parts = semesters(p).map(semester);
		if (parts.length === 1) {
			out.set(p, parts[0]);
			continue;
		}
		// A year: the groups expected in any semester; transmitted = sent for every semester expected.
		const groupsSent = [...new Set(parts.flatMap((s) => s.groups))].sort();
		out.set(p, {
			period: p,
			expected: Math.max(...parts.map((s) => s.expected)),
			transmitted: Math.min(...parts.map((s) => s.transmitted)),
			groups: groupsSent,
			open: parts.some((s) => s.open),
			ongoing: parts.some((s) => s.ongoing),
			provisional: parts.some((s) => s.provisional),
			published: parts.every((s) => s.published)
		});
	}
	return out;
}

/** Completeness of one period. */
export async function periodCompleteness(
	db: Kysely<Database>,
	scope: CompletenessScope,
	period: string,
	today?: string
): Promise<Completeness> {
	return (await completenessOf(db, scope, [period], today)).get(period) as Completeness;
}

/** Where a page opens without a period: the last complete one (the latest when none is). */
export async function landing(
	db: Kysely<Database>,
	scope: CompletenessScope,
	periods: readonly string[]
): Promise<string> {
	const complete = await completenessOf(db, scope, periods);
	return landingPeriod(periods, (p) => complete.get(p) as Completeness);
}

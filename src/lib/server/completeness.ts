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

type GroupRow = { id: string; created_at: string; departement: string };

/** What a period's completeness is computed from, read once for every period asked. */
interface Facts {
	groups: GroupRow[];
	inScope: Set<string>;
	departements: string[];
	campaigns: { period: string; status: string; group_id: string | null }[];
	sent: { group_id: string; period: string }[];
	publications: Map<string, Publication>[];
	/** for a commune, its département's completeness (a commune's period is published with it) */
	departementWide: Map<string, Completeness> | null;
	today: string;
}

/** A year is complete when its semesters are: its groups are those of any of its semesters. */
const semesters = (p: string) => (p.includes('-') ? [p] : [`${p}-S1`, `${p}-S2`]);

/** Completeness of each period for the scope (semesters, quarters or years). */
export async function completenessOf(
	db: Kysely<Database>,
	scope: CompletenessScope,
	periods: readonly string[],
	today = todayInParis()
): Promise<Map<string, Completeness>> {
	const out = new Map<string, Completeness>();
	if (!periods.length) return out;
	const asked = [...new Set(periods.flatMap(semesters))];
	const facts = await readFacts(db, scope, asked, today);
	for (const p of periods) {
		const parts = semesters(p).map((s) => semesterCompleteness(s, facts));
		out.set(p, parts.length === 1 ? parts[0] : yearCompleteness(p, parts));
	}
	return out;
}

/** The scope's groups, the campaigns, transmissions and publications of the semesters asked. */
async function readFacts(
	db: Kysely<Database>,
	scope: CompletenessScope,
	asked: string[],
	today: string
): Promise<Facts> {
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
	const inScope = new Set(ids);
	return { groups, inScope, departements, campaigns, sent, publications, departementWide, today };
}

/** One semester (or quarter): its expected and transmitting groups, published or complete. */
function semesterCompleteness(p: string, f: Facts): Completeness {
	const campaign = f.campaigns.filter((c) => c.period === p);
	const end = periodLastDay(p);
	const expected = new Set(
		campaign.length
			? campaign.map((c) => c.group_id).filter((g): g is string => !!g && f.inScope.has(g))
			: f.groups.filter((g) => g.created_at.slice(0, 10) <= end).map((g) => g.id)
	);
	const pubs = f.publications.map((m) => m.get(p)).filter((x): x is Publication => !!x);
	const published = pubs.length > 0 && pubs.length === f.departements.length;
	const transmitted = new Set(
		published
			? pubs.flatMap((pub) =>
					Object.entries(pub.ids)
						.filter(([g, kinds]) => f.inScope.has(g) && kinds.situations)
						.map(([g]) => g)
				)
			: f.sent.filter((s) => s.period === p).map((s) => s.group_id)
	);
	// A group that sent without being asked counts as expected too.
	for (const g of transmitted) expected.add(g);
	const open = campaign.some((c) => c.status === 'open');
	const ongoing = f.today <= end;
	const complete = f.departementWide
		? f.departementWide.get(p)?.provisional === false
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
}

/** A year: the groups expected in any semester; transmitted = sent for every semester expected. */
function yearCompleteness(p: string, parts: Completeness[]): Completeness {
	return {
		period: p,
		expected: Math.max(...parts.map((s) => s.expected)),
		transmitted: Math.min(...parts.map((s) => s.transmitted)),
		groups: [...new Set(parts.flatMap((s) => s.groups))].sort(),
		open: parts.some((s) => s.open),
		ongoing: parts.some((s) => s.ongoing),
		provisional: parts.some((s) => s.provisional),
		published: parts.every((s) => s.published)
	};
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

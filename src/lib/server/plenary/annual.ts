// The annual CDP bilan's share of groups whose bilan went to a plenary session in the year
// (protocol §5), by instance type, by territory (arrondissement) and for the département.
//
// Why this goes through disclosure control although it counts groups, not persons: it is a count
// published to an audience, and the app's rule is that no small count is printed. The numbers of
// groups (n) are known to the intruder (the group registry) and published; what is protected is
// how many of them presented (p) and did not (n − p). The model is one linked table territory ×
// instance type × status (presented / not presented): the territory × type cells are latent
// (never published, unknowns ≥ 0), a type or territory with fewer than k groups is latent too
// (« shares only where the denominator is at least k »), primary suppression hides p or n − p
// from 1 to k − 1, and the library's Gaussian secondary suppression and LP audit (width set by
// the admin) make sure no hidden count is recomputed or narrowly bounded through the margins.
// When the audit fails, no share but those it proved is published (every share then reads « s »).
import type { Kysely } from 'kysely';
import { INSTANCE_TYPES } from '$contracts/codes';
import { cellKey, defineTables, protect } from '$lib/disclosure';
import { compareFr, elide } from '$lib/format';
import type { Database } from '../db/schema';
import { getSettings } from '../settings';
import { currentSubmissions } from '../submissions';
import type { ShareRow, PlenaryShare } from '$lib/plenary/types';

export type { ShareRow, PlenaryShare };

type Db = Kysely<Database>;

const MEASURE = 'pleniere';
const STATUS = ['presente', 'non_presente'] as const;
/** Territory of a group whose communes lie in several arrondissements. */
export const SEVERAL = 'plusieurs';

interface GroupFact {
	id: string;
	type: string;
	territory: string;
	presented: boolean;
}

/** Groups of the département active in the year, their type, territory and plenary status. */
export async function plenaryFacts(db: Db, departement: string, year: number) {
	const active = await currentSubmissions(db)
		.innerJoin('groups as g', 'g.id', 'submissions.group_id')
		.select(['g.id', 'g.instance_type'])
		.distinct()
		.where('g.departement', '=', departement)
		.where('submissions.period', 'like', `${year}-%`)
		.execute();
	const ids = active.map((g) => g.id);
	if (!ids.length) return { facts: [] as GroupFact[], territories: new Map<string, string>() };
	const [places, presented] = await Promise.all([
		db
			.selectFrom('group_communes as gc')
			.innerJoin('communes as c', 'c.code', 'gc.commune_code')
			.leftJoin('arrondissements as a', 'a.code', 'c.arrondissement')
			.select(['gc.group_id', 'c.arrondissement', 'a.nom'])
			.where('gc.group_id', 'in', ids)
			.execute(),
		db
			.selectFrom('plenary_presentations as p')
			.innerJoin('plenary_sessions as s', 's.id', 'p.session_id')
			.select('p.group_id')
			.distinct()
			.where('p.group_id', 'in', ids)
			.where('s.session_date', '>=', `${year}-01-01`)
			.where('s.session_date', '<=', `${year}-12-31`)
			.execute()
	]);
	const territories = new Map<string, string>([[SEVERAL, 'Plusieurs arrondissements']]);
	const arrs = new Map<string, Set<string>>();
	for (const p of places) {
		const a = p.arrondissement ?? 'inconnu';
		territories.set(a, p.nom ? `Arrondissement ${elide('de', p.nom)}` : 'Arrondissement inconnu');
		arrs.set(p.group_id, (arrs.get(p.group_id) ?? new Set()).add(a));
	}
	const went = new Set(presented.map((p) => p.group_id));
	const facts: GroupFact[] = active.map((g) => {
		const a = [...(arrs.get(g.id) ?? [])];
		return {
			id: g.id,
			type: g.instance_type,
			territory: a.length === 1 ? a[0] : SEVERAL,
			presented: went.has(g.id)
		};
	});
	return { facts, territories };
}

type Coords = Record<string, string>;
type Protected = Awaited<ReturnType<typeof protect>>;

interface ShareModel {
	model: ReturnType<typeof defineTables>;
	/** the group counts, published (the intruder knows them from the registry) */
	known: string[];
	/** the territory × type × status cells, never published */
	leaves: string[];
	margins: { coords: Coords; size: number }[];
}

const key = (coords: Coords) => cellKey(MEASURE, coords);
const statusKeys = (coords: Coords) => STATUS.map((s) => key({ ...coords, statut: s }));
/** The group count a status cell belongs to (its key without the status). */
const marginOf = (cell: string) =>
	cell
		.split('|')
		.filter((part) => !part.startsWith('statut='))
		.join('|');

/** Protects the counts and returns the publishable shares. */
export async function protectShares(
	facts: GroupFact[],
	labels: { territory: (code: string) => string; type: (code: string) => string },
	k: number,
	width: number
): Promise<Omit<PlenaryShare, 'year' | 'k'>> {
	const types = [...new Set(facts.map((f) => f.type))].sort();
	const territories = [...new Set(facts.map((f) => f.territory))].sort();
	const empty = (code: string, label: string): ShareRow => ({
		code,
		label,
		groups: 0,
		share: null,
		status: 'hidden'
	});
	if (!facts.length)
		return { byType: [], byTerritory: [], total: empty('*', 'Département'), protectedOk: true };

	const shares = shareModel(facts, territories, types);
	const { model } = shares;
	const { result, withdrawn } = await protectWithdrawing(shares, k, width);
	const row = (code: string, label: string, coords: Coords): ShareRow => {
		const groups = model.values[model.index.get(key(coords)) as number] ?? 0;
		const pKey = key({ ...coords, statut: STATUS[0] });
		const p = model.values[model.index.get(pKey) as number] ?? 0;
		const shown =
			result.ok &&
			groups >= k &&
			!withdrawn.has(key(coords)) &&
			result.statuses.get(pKey) === 'published';
		return {
			code,
			label,
			groups,
			share: shown ? p / groups : null,
			status: shown ? 'published' : 'hidden'
		};
	};
	const byLabel = (a: ShareRow, b: ShareRow) => compareFr(a.label, b.label);
	return {
		byType: types.map((ty) => row(ty, labels.type(ty), { type: ty })).sort(byLabel),
		byTerritory: territories
			.map((t) => row(t, labels.territory(t), { territoire: t }))
			.sort(byLabel),
		total: row('*', 'Département', {}),
		protectedOk: result.ok
	};
}

/** The linked table territory × instance type × status, and which of its cells are known. */
function shareModel(facts: GroupFact[], territories: string[], types: string[]): ShareModel {
	const n = (pred: (f: GroupFact) => boolean) => facts.filter(pred).length;
	const counts = [];
	for (const t of territories)
		for (const ty of types)
			for (const s of STATUS) {
				const count = n(
					(f) => f.territory === t && f.type === ty && f.presented === (s === STATUS[0])
				);
				counts.push({ territoire: t, type: ty, statut: s, count });
			}
	const model = defineTables([
		{
			name: MEASURE,
			dims: [
				{ name: 'territoire', values: territories },
				{ name: 'type', values: types },
				// a group's status is not a person's attribute: no group-disclosure rule on it
				{ name: 'statut', values: STATUS, groupDisclosure: false }
			],
			counts
		}
	]);
	const known: string[] = [];
	const leaves: string[] = [];
	for (const t of territories)
		for (const ty of types) {
			known.push(key({ territoire: t, type: ty }));
			leaves.push(...statusKeys({ territoire: t, type: ty }));
		}
	const margins: ShareModel['margins'] = [
		...territories.map((t) => ({ coords: { territoire: t }, size: n((f) => f.territory === t) })),
		...types.map((ty) => ({ coords: { type: ty }, size: n((f) => f.type === ty) })),
		{ coords: {}, size: facts.length }
	];
	for (const m of margins) known.push(key(m.coords));
	return { model, known, leaves, margins };
}

/**
 * Runs the protection. Margins of fewer than k groups are never published; a margin the audit
 * cannot protect is withdrawn too (its counts become latent) and the protection runs again,
 * until it passes or no new margin fails.
 */
async function protectWithdrawing(
	{ model, known, leaves, margins }: ShareModel,
	k: number,
	width: number
): Promise<{ result: Protected; withdrawn: Set<string> }> {
	const withdrawn = new Set(margins.filter((m) => m.size < k).map((m) => key(m.coords)));
	for (;;) {
		const latent = [
			...leaves,
			...margins.filter((m) => withdrawn.has(key(m.coords))).flatMap((m) => statusKeys(m.coords))
		];
		const result = await protect(model, {
			k,
			protectionWidth: width,
			publish: known,
			latent,
			insensitive: [...known, ...latent],
			hiddenNonZero: true,
			statusKnowledge: false,
			groupWhole: false,
			maxIterations: 20,
			stallAfter: 2,
			timeLimitMs: 20_000
		});
		const failing = result.audit.failures.map((f) => marginOf(f.key));
		const fresh = failing.filter((m) => !withdrawn.has(m));
		if (result.ok || !fresh.length) return { result, withdrawn };
		for (const m of fresh) withdrawn.add(m);
	}
}

/** The section of the annual bilan: shares by type, by territory and in total. */
export async function plenaryShare(
	db: Db,
	departement: string,
	year: number
): Promise<PlenaryShare> {
	const [{ facts, territories }, settings] = await Promise.all([
		plenaryFacts(db, departement, year),
		getSettings(db)
	]);
	const k = settings.disclosureThreshold;
	const width = Math.max(2, settings.protectionWidth);
	const shares = await protectShares(
		facts,
		{
			territory: (c) => territories.get(c) ?? c,
			type: (c) => (INSTANCE_TYPES.labels as Record<string, string>)[c] ?? c
		},
		k,
		width
	);
	return { year, k, ...shares };
}

// Why: the release builder, the joint tables' loader and the admin pages read the same territory
// rows (each commune with its EPCI's name; each group once per commune it covers) and fold them
// the same way; one query and one fold serve them all.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** The communes with their EPCI's name (null when the commune has none); filter and run it. */
export function communesWithEpci(db: Kysely<Database>) {
	return db
		.selectFrom('communes')
		.leftJoin('epci', 'epci.code', 'communes.epci')
		.select([
			'communes.code',
			'communes.nom',
			'communes.population',
			'communes.epci',
			'epci.nom as epci_nom'
		]);
}

/** The groups once per commune they cover, in name then commune order; filter and run it. */
export function groupCommunePairs(db: Kysely<Database>) {
	return db
		.selectFrom('groups')
		.innerJoin('group_communes', 'group_communes.group_id', 'groups.id')
		.select(['groups.id', 'groups.name', 'groups.instance_type', 'group_communes.commune_code'])
		.orderBy('groups.name')
		.orderBy('group_communes.commune_code');
}

/**
 * Rows of one (group, commune) pair each folded into one entry per group, in the rows' order:
 * `start` makes a group's entry from its first row, `commune` what each row adds to its communes
 * (null: nothing).
 */
export function foldGroups<R extends { id: string }, C, G extends { communes: C[] }>(
	rows: R[],
	start: (r: R) => G,
	commune: (r: R) => C | null
): Map<string, G> {
	const groups = new Map<string, G>();
	for (const r of rows) {
		const g = groups.get(r.id) ?? start(r);
		const c = commune(r);
		if (c !== null) g.communes.push(c);
		groups.set(r.id, g);
	}
	return groups;
}

/** What the release needs of a commune to name and place a territory. */
interface CommuneFacts {
	nom: string;
	epci: string | null;
	population: number | null;
}

/**
 * The territory a group covers: its commune, or its communes together (`inter:<group id>`,
 * « intercommunal »); its EPCI (`sans_epci`, or `plusieurs_epci` when they differ) and population.
 */
export function groupTerritory(
	g: { id: string; communes: string[] },
	communes: Map<string, CommuneFacts>
): { id: string; label: string; epci: string; population: number } {
	const id = g.communes.length === 1 ? g.communes[0] : `inter:${g.id}`;
	const epcis = new Set(g.communes.map((c) => communes.get(c)?.epci ?? 'sans_epci'));
	return {
		id,
		label:
			g.communes.length === 1
				? (communes.get(id)?.nom ?? id)
				: `${g.communes.map((c) => communes.get(c)?.nom ?? c).join(', ')} (intercommunal)`,
		epci: epcis.size === 1 ? [...epcis][0] : 'plusieurs_epci',
		population: g.communes.reduce((s, c) => s + (communes.get(c)?.population ?? 0), 0)
	};
}

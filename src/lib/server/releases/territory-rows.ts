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

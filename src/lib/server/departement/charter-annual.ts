// The annual CDP bilan's section on the groups' charters (protocole preamble, §3, §4): how many
// communes and groups had adopted a local protocol by the end of the year (versions are dated, so
// the count is the year's), and how many groups have a member list and a coordinator (the list is
// kept up to date, not versioned: its count is the current one, and the page says so).
// These are counts of groups and communes, not of persons; they still follow the app's threshold
// rule: a count from 1 to k − 1 reads « s », and so does its share.
import type { Kysely } from 'kysely';
import type { Cell } from '$lib/format';
import type { Database } from '../db/schema';
import type { CharterLine, CharterAnnual } from '$lib/departement/types';

export type { CharterLine, CharterAnnual };

type Db = Kysely<Database>;

/** A count under the threshold rule: 1 to k − 1 hidden (no value), 0 and ≥ k published. */
export function thresholdCell(n: number, k: number): Cell {
	return n > 0 && n < k ? { value: null, status: 'hidden' } : { value: n, status: 'published' };
}

function shareCell(count: Cell, of: number): Cell {
	if (count.status === 'hidden' || count.value === null || !of)
		return { value: null, status: count.status };
	return { value: count.value / of, status: 'published' };
}

/** The groups existing at the end of the year, their communes, protocols and member lists. */
async function charterFacts(db: Db, departement: string, end: string) {
	const groups = await db
		.selectFrom('groups')
		.select(['id', 'instance_type'])
		.where('departement', '=', departement)
		.where('created_at', '<=', `${end}T23:59:59.999Z`)
		.execute();
	const ids = groups.map((g) => g.id);
	const communeRows = ids.length
		? await db
				.selectFrom('group_communes')
				.select('commune_code')
				.distinct()
				.where('group_id', 'in', ids)
				.execute()
		: [];
	const communes = communeRows.map((c) => c.commune_code);
	const [protocols, members] = await Promise.all([
		db
			.selectFrom('local_protocols')
			.select(['scope_type', 'scope_id'])
			.distinct()
			.where('adopted_on', '<=', end)
			.execute(),
		ids.length
			? db
					.selectFrom('group_members')
					.select(['group_id', 'coordinator'])
					.where('group_id', 'in', ids)
					.execute()
			: Promise.resolve([])
	]);
	const adopted = (scope: string) =>
		new Set(protocols.filter((p) => p.scope_type === scope).map((p) => p.scope_id));
	return {
		ids,
		communes,
		groupProtocol: adopted('group'),
		communeProtocol: adopted('commune'),
		listed: new Set(members.map((m) => m.group_id)),
		coordinated: new Set(members.filter((m) => m.coordinator === 1).map((m) => m.group_id))
	};
}

export async function charterAnnual(
	db: Db,
	departement: string,
	year: number,
	k: number
): Promise<CharterAnnual> {
	const { ids, communes, ...facts } = await charterFacts(db, departement, `${year}-12-31`);
	/** the line of the entities (of `all`) found in `has`, and their share */
	const line = (
		id: CharterLine['id'],
		label: string,
		all: string[],
		has: Set<string>
	): CharterLine => {
		const count = thresholdCell(all.filter((x) => has.has(x)).length, k);
		return { id, label, count, share: shareCell(count, all.length), of: all.length };
	};
	return {
		year,
		groups: ids.length,
		communes: communes.length,
		lines: [
			line('protocole_groupe', 'Groupes ayant adopté un protocole local', ids, facts.groupProtocol),
			line('membres', 'Groupes dont la liste des membres est définie', ids, facts.listed),
			line('coordination', 'Groupes ayant désigné un coordonnateur', ids, facts.coordinated),
			line(
				'protocole_commune',
				'Communes ayant adopté un protocole local',
				communes,
				facts.communeProtocol
			)
		]
	};
}

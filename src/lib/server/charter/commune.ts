// The charters of a commune's groups as the élu reads them: each group's member institutions and
// coordinator's institution (never the members' names or contacts) and whether, and when, it
// adopted a local protocol.
import type { Kysely } from 'kysely';
import { INSTITUTIONS, type Institution } from '$contracts/codes';
import { sortFr } from '$lib/format';
import type { GroupCharter } from '$lib/charter/types';
import type { Database } from '../db/schema';

export async function communeCharters(db: Kysely<Database>, code: string): Promise<GroupCharter[]> {
	const groups = await db
		.selectFrom('group_communes')
		.innerJoin('groups', 'groups.id', 'group_communes.group_id')
		.select(['groups.id', 'groups.name'])
		.where('group_communes.commune_code', '=', code)
		.execute();
	if (!groups.length) return [];
	const ids = groups.map((g) => g.id);
	const [members, protocols] = await Promise.all([
		db
			.selectFrom('group_members')
			.select(['group_id', 'institution', 'coordinator'])
			.where('group_id', 'in', ids)
			.execute(),
		db
			.selectFrom('local_protocols')
			.select(['scope_id', 'version', 'adopted_on'])
			.where('scope_type', '=', 'group')
			.where('scope_id', 'in', ids)
			.execute()
	]);
	const label = (c: string) => INSTITUTIONS.labels[c as Institution] ?? c;
	return sortFr(
		groups.map((g) => {
			const mine = members.filter((m) => m.group_id === g.id);
			const codes = new Set(mine.map((m) => m.institution));
			const coord = mine.find((m) => m.coordinator === 1);
			const latest = protocols
				.filter((p) => p.scope_id === g.id)
				.sort((a, b) => b.version - a.version)[0];
			return {
				id: g.id,
				name: g.name,
				institutions: INSTITUTIONS.codes.filter((c) => codes.has(c)).map(label),
				coordinator: coord ? label(coord.institution) : null,
				protocolAdoptedOn: latest?.adopted_on ?? null
			};
		}),
		(g) => g.name
	);
}

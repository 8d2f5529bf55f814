// Plenary sessions of a commune (protocol §3, §5): the assembly chaired by the mayor records, on a
// date, which groups' period bilans it received, the orientations decided and the shared
// diagnosis. Portable types only, as in the initial schema.
import type { Migration } from 'kysely';
import { schemaMigration } from './migration-tables';

export function plenaryMigration(): Migration {
	return schemaMigration(`
		plenary_sessions: id pk, commune_code! >communes.code,
			session_date!, -- YYYY-MM-DD
			orientations!, diagnostic!, created_by, created_at!, updated_by, updated_at!;
		index plenary_sessions_commune on plenary_sessions: commune_code, session_date;
		plenary_presentations: session_id! >plenary_sessions.id cascade,
			group_id! >groups.id cascade, period!, primary key (session_id, group_id, period);
		index plenary_presentations_group on plenary_presentations: group_id, period;
	`);
}

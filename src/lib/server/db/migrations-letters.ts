// The incident procedure of the protocol (§4): each letter a group writes to an institution, or
// receives from one, recorded by the group's referents with its reply and closure dates; and the
// coded snapshot of a year's letters taken when the annual figures are first published, so the
// published tables never change afterwards (« ce qui est publié reste publié »).
import type { Migration } from 'kysely';
import { schemaMigration } from './migration-tables';

export function lettersMigration(): Migration {
	return schemaMigration(`
		incident_letters: id pk, group_id! >groups.id cascade,
			letter_date!, -- YYYY-MM-DD: a letter is not a person, day precision is fine
			direction!, institution!, reason!,
			note, -- free text, scanned for personal identifiers before it is stored
			reply_date, closed_date, created_by, created_at!, updated_by, updated_at!;
		index incident_letters_group on incident_letters: group_id, letter_date;
		letter_publications: departement! >departements.code, year! int,
			letters_json!, -- JSON array of coded letters (direction, reason, reply and closure bands), no group
			published_at!, primary key (departement, year);
	`);
}

// Each group's charter (protocole §3, §4, preamble): its member list (institutions and functions,
// an optional professional contact seen only by the group's referents and the admin, the
// coordinator as a named role of one member) and the local protocols of groups and communes,
// versioned: a new text is a new row, never an update of the one adopted before.
import type { Migration } from 'kysely';
import { schemaMigration } from './migration-tables';

export function charterMigration(): Migration {
	return schemaMigration(`
		group_members: id pk, group_id! >groups.id cascade,
			-- a code of the contract's institution list
			institution!,
			-- the member's function, e.g. « conseillère principale d’éducation »
			fonction!,
			-- professional contact, optional: referents of the group and the admin only
			contact_name, contact_email,
			-- 1 for the coordinator (§4), at most one per group (checked by the store)
			coordinator! int =0,
			created_at!, updated_at!, updated_by;
		index group_members_group on group_members: group_id;
		local_protocols: id pk,
			scope_type!, -- group or commune
			scope_id!, -- the group id or the commune code
			version! int, texte!,
			adopted_on!, -- AAAA-MM-JJ
			limites!, regulation!, lieu!, created_by, created_at!,
			unique local_protocols_version_uq (scope_type, scope_id, version);
	`);
}

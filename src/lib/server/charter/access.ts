// Who reads and who keeps a charter. Readers of a group's charter are those who read its bilan
// (its referents, the élus of its communes, the département's analyst and admin); only the group's
// referents change it, and only they and the admin read the members' contacts. A commune's local
// protocol is read by whoever reads the commune and recorded by its élus (commune or EPCI).
import { error, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '../auth/schema';
import { canReadGroupBilan, canReadGroupRows, departementsOf, requireUser } from '../auth/scopes';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request'>;

export interface CharterReader {
	user: SessionUser;
	/** a referent of the group: may change the list and the protocol, sees contacts */
	keeper: boolean;
	/** may read the members' names and e-mails (the group's referents, the admin) */
	seesContacts: boolean;
}

export async function charterReader(event: Event, groupId: string): Promise<CharterReader> {
	const user = requireUser(event);
	const db = event.locals.store.db;
	if (!(await canReadGroupBilan(user, db, groupId)))
		error(403, 'Accès refusé : ce groupe n’est pas dans votre périmètre.');
	const keeper = canReadGroupRows(user, groupId);
	let admin = false;
	if (!keeper) {
		const group = await db
			.selectFrom('groups')
			.select('departement')
			.where('id', '=', groupId)
			.executeTakeFirst();
		admin = !!group && departementsOf(user, 'admin').includes(group.departement);
	}
	return { user, keeper, seesContacts: keeper || admin };
}

/** An élu of the commune (or of its EPCI): who records the commune's local protocol. */
export async function canKeepCommuneProtocol(
	user: SessionUser,
	db: Event['locals']['store']['db'],
	code: string
): Promise<boolean> {
	const elu = user.roles.filter((g) => g.role === 'elu');
	if (elu.some((g) => g.scopeType === 'commune' && g.scopeValue === code)) return true;
	const epcis = elu.filter((g) => g.scopeType === 'epci').map((g) => g.scopeValue);
	if (!epcis.length) return false;
	const c = await db
		.selectFrom('communes')
		.select('epci')
		.where('code', '=', code)
		.executeTakeFirst();
	return !!c?.epci && epcis.includes(c.epci);
}

// A group's home for its referent: periods × kinds with their state, what is due next, history,
// and what the open collection campaigns expect of the group (with the reminders sent).
import { referentContext } from '$lib/server/referent/context';
import { groupHome } from '$lib/server/referent/home';
import { dueForGroups, remindersForGroups, todayInParis } from '$lib/server/departement/campaigns';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { groupId } = referentContext(event, event.params);
	const db = event.locals.store.db;
	const [due, reminders] = await Promise.all([
		dueForGroups(db, [groupId], todayInParis()),
		remindersForGroups(db, [groupId], 10)
	]);
	const dueDates = new Map(due.map((d) => [`${d.period}|${d.kind}`, d.dueDate]));
	const home = await groupHome(db, groupId, new Date(), dueDates);
	return { ...home, due, reminders };
}) satisfies PageServerLoad;

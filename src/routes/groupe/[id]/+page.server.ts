// A group's home for its referent: periods × kinds with their state, what is due next, history,
// what the open collection campaigns expect of the group (with the reminders sent), and the
// versions sent after their period was published (held: the published figures do not change).
import { referentContext } from '$lib/server/referent/context';
import { groupHome } from '$lib/server/referent/home';
import { heldRevisions } from '$lib/server/releases/publications';
import { dueForGroups, remindersForGroups, todayInParis } from '$lib/server/departement/campaigns';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { groupId } = referentContext(event, event.params);
	const db = event.locals.store.db;
	const [due, reminders, held] = await Promise.all([
		dueForGroups(db, [groupId], todayInParis()),
		remindersForGroups(db, [groupId], 10),
		heldRevisions(db, groupId)
	]);
	const dueDates = new Map(due.map((d) => [`${d.period}|${d.kind}`, d.dueDate]));
	const home = await groupHome(db, groupId, new Date(), dueDates);
	return { ...home, due, reminders, held };
}) satisfies PageServerLoad;

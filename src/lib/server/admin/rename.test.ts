// A renamed group is named anew in releases: at once on the server that saved it, within the
// release freshness window (1 s) on any other server sharing the database.
import { describe, expect, it } from 'vitest';
import { useDemoStore } from '../../../../tests/helpers/stores';
import { getRelease } from '../releases';
import { groupsOf, saveGroup } from './registry';

const KEY = { audience: 'commune', scope: '91228', period: '2025-S2' } as const;
const GROUP = 'evry-courcouronnes-cve';

describe('group renames reach releases', () => {
	const store = useDemoStore();
	const nameIn = async () =>
		(await getRelease(store.db, KEY)).groups.find((g) => g.id === GROUP)?.name;

	it('follows a rename saved here at once, and one saved elsewhere within a second', async () => {
		const db = store.db;
		const before = await nameIn();
		expect(before).toBeTruthy();
		const group = (await groupsOf(db, ['91'])).find((g) => g.id === GROUP);
		if (!group) throw new Error('demo group missing');
		await saveGroup(db, GROUP, '91', {
			name: 'Cellule renommée ici',
			instanceType: group.instance_type as never,
			coordinator: group.coordinator_institution as never,
			members: group.member_institutions as never,
			communes: group.communes.map((c) => c.code)
		});
		expect(await nameIn()).toBe('Cellule renommée ici');

		// Another app server renames it: this one only sees the database change.
		await db
			.updateTable('groups')
			.set({ name: 'Cellule renommée ailleurs' })
			.where('id', '=', GROUP)
			.execute();
		await new Promise((r) => setTimeout(r, 1100));
		expect(await nameIn()).toBe('Cellule renommée ailleurs');
	});
});

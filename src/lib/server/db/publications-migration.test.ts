// A release frozen by an earlier build (a campaign closed before publications existed) becomes
// the publication of the versions it was built from, on both databases.
import { describe, expect, it } from 'vitest';
import { insertGroup, testStores, useStore } from '../../../../tests/helpers/stores';
import { publicationsOf } from '../releases/publications';
import { storeSubmission } from '../submissions';
import { publicationsMigration } from './migrations-departement';

for (const backend of testStores()) {
	describe(`publications from frozen releases on ${backend.name}`, () => {
		const store = useStore(backend);

		it('records the versions each frozen release names', async () => {
			const db = store.db;
			await insertGroup(db, 'g-old', ['91228']);
			const send = (text: string) =>
				storeSubmission(db, {
					groupId: 'g-old',
					kind: 'situations',
					period: '2025-S1',
					filename: 'situations.csv',
					bytes: new TextEncoder().encode(text),
					rows: [],
					uploadedBy: null
				});
			const v1 = await send('v1');
			await send('v2');
			await db
				.insertInto('frozen_releases')
				.values({
					departement: '91',
					period: '2025-S1',
					campaign_id: null,
					release_json: JSON.stringify({
						groups: [{ id: 'g-old', versions: { situations: 1 } }]
					}),
					frozen_at: '2025-07-20T10:00:00.000Z',
					frozen_by: null
				})
				.execute();
			// run the migration again over the rows an older database holds
			await db.schema.dropTable('publications').execute();
			await publicationsMigration().up(db);

			const publication = (await publicationsOf(db, '91', ['2025-S1'])).get('2025-S1');
			expect(publication).toEqual({
				period: '2025-S1',
				publishedAt: '2025-07-20T10:00:00.000Z',
				ids: { 'g-old': { situations: v1.submission.id } },
				plan: null,
				// published before protection versions were recorded: the first protection
				protection: 1
			});
		});
	});
}

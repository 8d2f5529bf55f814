import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { generateRows, validRows } from '$contracts/generate';
import { testStores, useStore } from '../../../../tests/helpers/stores';
import { storeSubmission } from '../submissions';
import { migrationsFor, type MigrationDb } from './migrations';
import { repairStoredText } from './migrations-text';

const BROKEN = 'S\u009cur\u0085 l\u0092orientation d\u00e9cid\u00e9e\u0085 0 \u0080';
const MEANT = 'Sœur… l’orientation décidée… 0 €';

for (const backend of testStores()) {
	describe(`Windows-1252 repair on ${backend.name}`, () => {
		const store = useStore(backend);

		it('is a migration of the store', () => {
			expect(Object.keys(migrationsFor(store.dialect))).toContain('0006_text_win1252');
		});

		it('maps U+0080–U+009F back to the Windows-1252 characters, and leaves the rest', async () => {
			const db = store.db;
			await db
				.insertInto('groups')
				.values({
					id: 'g-1252',
					name: 'Cellule test',
					instance_type: 'cellule_veille_educative',
					departement: '91',
					coordinator_institution: 'commune',
					member_institutions: '["commune"]',
					demo: 0,
					created_at: new Date().toISOString()
				})
				.execute();
			const rows = [...generateRows('situations', { rows: 3, period: '2025-S1', seed: 1 })];
			rows[0].commentaire = BROKEN;
			rows[1].commentaire = 'Déjà juste : l’orientation…';
			const { submission } = await storeSubmission(db, {
				groupId: 'g-1252',
				kind: 'situations',
				period: '2025-S1',
				filename: 's.csv',
				bytes: new TextEncoder().encode('x'),
				rows: validRows('situations', rows),
				uploadedBy: null
			});
			const bilan = await storeSubmission(db, {
				groupId: 'g-1252',
				kind: 'bilan',
				period: '2025-S1',
				filename: 'b.txt',
				bytes: new TextEncoder().encode('y'),
				bilan: {
					institution_designee: 'commune',
					faits_marquants: BROKEN,
					difficultes: 'Néant',
					bonnes_pratiques: 'Néant',
					perspectives: `${BROKEN}\n${BROKEN}`
				},
				uploadedBy: null
			});
			const plain = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
			await plain
				.insertInto('bilan_drafts')
				.values({
					group_id: 'g-1252',
					period: '2025-S2',
					content: JSON.stringify({ faits_marquants: BROKEN }),
					updated_at: new Date().toISOString()
				})
				.execute();

			expect(await repairStoredText(db as unknown as MigrationDb, store.dialect)).toBe(3);
			const comments = await db
				.selectFrom('situation_rows')
				.select(['line', 'commentaire'])
				.where('submission_id', '=', submission.id)
				.orderBy('line')
				.execute();
			expect(comments.map((c) => c.commentaire)).toEqual([
				MEANT,
				'Déjà juste : l’orientation…',
				rows[2].commentaire ?? null
			]);
			const b = await db
				.selectFrom('bilan_rows')
				.selectAll()
				.where('submission_id', '=', bilan.submission.id)
				.executeTakeFirstOrThrow();
			expect(b).toMatchObject({
				faits_marquants: MEANT,
				difficultes: 'Néant',
				perspectives: `${MEANT}\n${MEANT}`
			});
			const draft = await plain
				.selectFrom('bilan_drafts')
				.select('content')
				.where('group_id', '=', 'g-1252')
				.executeTakeFirstOrThrow();
			expect(JSON.parse(String(draft.content))).toEqual({ faits_marquants: MEANT });
			// idempotent
			expect(await repairStoredText(db as unknown as MigrationDb, store.dialect)).toBe(0);
		});
	});
}

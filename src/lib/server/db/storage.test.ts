import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { generateRows, validRows } from '$contracts/generate';
import { testStores, useStore } from '../../../../tests/helpers/stores';
import { storeSubmission, currentSubmission, ROW_TABLES } from '../submissions';
import type { TabularKind } from '$contracts/codes';
import { FIELDS } from '$contracts/fields';
import { audit } from '../audit/audit';
import { seedDemo, isDemoSeeded, DEMO_PERIODS } from '../demo/seed';

const group = (id = 'g-test') => ({
	id,
	name: 'Cellule de veille éducative — test',
	instance_type: 'cellule_veille_educative',
	departement: '91',
	coordinator_institution: 'commune',
	member_institutions: JSON.stringify(['commune', 'education_nationale']),
	demo: 0,
	created_at: new Date().toISOString()
});

const bytes = (text: string) => new TextEncoder().encode(text);

for (const backend of testStores()) {
	describe(`storage on ${backend.name}`, () => {
		const store = useStore(backend);

		it('has row tables whose columns are the contract fields, typed and nullable as they are', async () => {
			const tables = await store.db.introspection.getTables();
			const kinds = Object.keys(ROW_TABLES) as TabularKind[];
			for (const kind of kinds) {
				const table = tables.find((t) => t.name === ROW_TABLES[kind]);
				expect(table, ROW_TABLES[kind]).toBeDefined();
				const columns = Object.fromEntries(
					table!.columns.map((c) => [
						c.name,
						{ type: /int/i.test(c.dataType) ? 'integer' : 'text', nullable: c.isNullable }
					])
				);
				const expected = Object.fromEntries([
					['submission_id', { type: 'text', nullable: false }],
					['line', { type: 'integer', nullable: false }],
					...FIELDS[kind].map((f) => [
						f.name,
						{
							type: f.type === 'integer' || f.type === 'boolean' ? 'integer' : 'text',
							nullable: f.required !== true
						}
					])
				]);
				expect(columns, ROW_TABLES[kind]).toEqual(expected);
			}
		});

		it('migrates the reference geography of every département', async () => {
			const essonne = await store.db
				.selectFrom('communes')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.where('departement', '=', '91')
				.executeTakeFirstOrThrow();
			expect(Number(essonne.n)).toBe(194);
			const evry = await store.db
				.selectFrom('communes')
				.selectAll()
				.where('code', '=', '91228')
				.executeTakeFirstOrThrow();
			expect(evry).toMatchObject({
				nom: 'Évry-Courcouronnes',
				arrondissement: '912',
				epci: '200059228'
			});
			expect(evry.population).toBeGreaterThan(60000);
		});

		it('stores a submission with its bytes, hash and normalized rows, then versions it', async () => {
			await store.db.insertInto('groups').values(group()).execute();
			await store.db
				.insertInto('group_communes')
				.values({ group_id: 'g-test', commune_code: '91228' })
				.execute();
			const rows = [...generateRows('situations', { rows: 25, period: '2025-S1', seed: 3 })];
			const send = (filename: string, text: string, sent: typeof rows) =>
				storeSubmission(store.db, {
					groupId: 'g-test',
					kind: 'situations',
					period: '2025-S1',
					filename,
					bytes: bytes(text),
					rows: validRows('situations', sent),
					uploadedBy: 'user-1'
				});
			const first = await send('situations.csv', 'v1', rows);
			expect(first.duplicate).toBe(false);
			expect(first.submission).toMatchObject({ version: 1, status: 'submitted', row_count: 25 });
			expect(first.submission.sha256).toMatch(/^[0-9a-f]{64}$/);

			const again = await send('situations.csv', 'v1', rows);
			expect(again).toMatchObject({ duplicate: true, submission: { id: first.submission.id } });

			const second = await send('situations-corrige.csv', 'v2', rows.slice(0, 20));
			expect(second.submission).toMatchObject({
				version: 2,
				supersedes: first.submission.id,
				row_count: 20
			});
			const current = await currentSubmission(store.db, 'g-test', 'situations', '2025-S1');
			expect(current?.id).toBe(second.submission.id);
			const old = await store.db
				.selectFrom('submissions')
				.select('status')
				.where('id', '=', first.submission.id)
				.executeTakeFirstOrThrow();
			expect(old.status).toBe('superseded');
			const file = await store.db
				.selectFrom('submission_files')
				.select('bytes')
				.where('submission_id', '=', second.submission.id)
				.executeTakeFirstOrThrow();
			expect(new TextDecoder().decode(file.bytes)).toBe('v2');
			const stored = await store.db
				.selectFrom('situation_rows')
				.selectAll()
				.where('submission_id', '=', first.submission.id)
				.orderBy('line')
				.execute();
			expect(stored).toHaveLength(25);
			expect(stored[0]).toMatchObject({
				line: 2,
				ref_situation: rows[0].ref_situation,
				problematique: rows[0].problematique
			});
			expect(typeof stored[0].nb_examens).toBe('number');
		});

		it('stores every other kind', async () => {
			for (const kind of ['seances', 'incidents'] as const) {
				const rows = [...generateRows(kind, { rows: 4, period: '2025-S1' })];
				const { submission } = await storeSubmission(store.db, {
					groupId: 'g-test',
					kind,
					period: '2025-S1',
					filename: `${kind}.csv`,
					bytes: bytes(kind),
					rows: validRows(kind, rows),
					uploadedBy: null
				});
				expect(submission.row_count).toBe(4);
			}
			const seances = await store.db.selectFrom('seance_rows').selectAll().execute();
			expect(
				seances[0].ordre_du_jour_prealable === 0 || seances[0].ordre_du_jour_prealable === 1
			).toBe(true);
			const { submission } = await storeSubmission(store.db, {
				groupId: 'g-test',
				kind: 'bilan',
				period: '2025-S1',
				filename: 'bilan.md',
				bytes: bytes('# bilan'),
				uploadedBy: null,
				bilan: {
					institution_designee: 'commune',
					faits_marquants: 'a',
					difficultes: 'b',
					bonnes_pratiques: 'c',
					perspectives: 'd'
				}
			});
			const bilan = await store.db
				.selectFrom('bilan_rows')
				.selectAll()
				.where('submission_id', '=', submission.id)
				.executeTakeFirstOrThrow();
			expect(bilan.perspectives).toBe('d');
		});

		it('leaves nothing behind when a transaction fails half-way', async () => {
			const before = await store.db
				.selectFrom('submissions')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.executeTakeFirstOrThrow();
			const badRows = [...generateRows('situations', { rows: 450, period: '2025-S2' })];
			badRows[420] = { ...badRows[420], problematique: undefined as unknown as string };
			await expect(
				storeSubmission(store.db, {
					groupId: 'g-test',
					kind: 'situations',
					period: '2025-S2',
					filename: 'x.csv',
					bytes: bytes('x'),
					rows: validRows('situations', badRows),
					uploadedBy: null
				})
			).rejects.toThrow();
			const after = await store.db
				.selectFrom('submissions')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(after.n)).toBe(Number(before.n));
			const orphans = await store.db
				.selectFrom('situation_rows')
				.innerJoin('submissions', 'submissions.id', 'situation_rows.submission_id')
				.select('line')
				.where('submissions.period', '=', '2025-S2')
				.execute();
			expect(orphans).toHaveLength(0);
		});

		it('keeps the audit log append-only at the database level', async () => {
			await audit(store.db, { action: 'test.event', actorId: 'u1', details: { n: 1 } });
			const rows = await store.db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', 'test.event')
				.execute();
			expect(rows).toHaveLength(1);
			await expect(
				store.db.updateTable('audit_log').set({ action: 'forged' }).execute()
			).rejects.toThrow(/append-only/);
			await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
			await expect(
				sql`DELETE FROM audit_log WHERE id = ${rows[0].id}`.execute(store.db)
			).rejects.toThrow();
			const still = await store.db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', 'test.event')
				.execute();
			expect(still).toHaveLength(1);
		});

		it('seeds the demo department once, consistently', async () => {
			expect(await isDemoSeeded(store.db)).toBe(false);
			expect(await seedDemo(store.db)).toBe(true);
			expect(await seedDemo(store.db)).toBe(false);
			const groups = await store.db
				.selectFrom('groups')
				.select(['id', 'instance_type'])
				.where('demo', '=', 1)
				.execute();
			expect(new Set(groups.map((g) => g.instance_type)).size).toBe(5);
			const communes = await store.db
				.selectFrom('group_communes')
				.innerJoin('groups', 'groups.id', 'group_communes.group_id')
				.where('groups.demo', '=', 1)
				.select('commune_code')
				.distinct()
				.execute();
			expect(communes.length).toBeGreaterThanOrEqual(25);
			const periods = await store.db
				.selectFrom('submissions')
				.innerJoin('groups', 'groups.id', 'submissions.group_id')
				.where('groups.demo', '=', 1)
				.select('period')
				.distinct()
				.execute();
			expect(periods.map((p) => p.period).sort()).toEqual(DEMO_PERIODS);
			const closedWithoutMonth = await store.db
				.selectFrom('situation_rows')
				.select('line')
				.where('statut', '=', 'cloturee')
				.where('date_cloture', 'is', null)
				.execute();
			expect(closedWithoutMonth).toHaveLength(0);
			const badSeances = await store.db
				.selectFrom('seance_rows')
				.select('line')
				.whereRef('nb_nouvelles_situations', '>', 'nb_situations_examinees')
				.execute();
			expect(badSeances).toHaveLength(0);
			const tiny = await store.db
				.selectFrom('submissions')
				.where('group_id', '=', 'sud-essonne-clspd')
				.where('kind', '=', 'situations')
				.where('status', '=', 'submitted')
				.select('row_count')
				.execute();
			expect(tiny.some((s) => s.row_count < 5)).toBe(true);
		}, 120_000);
	});
}

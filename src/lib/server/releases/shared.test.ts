// Two servers on one PostgreSQL database, as two stores of this process: a committed submission
// is announced to the other store's listener (not before the commit), and a table set asked of
// both at once is built by one and read by the other, identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRows, validRows } from '$contracts/generate';
import {
	freshPostgresDatabase,
	insertGroup,
	type TestDatabase
} from '../../../../tests/helpers/stores';
import { migrate, openStore, type Store } from '../db';
import { onDataChange } from '../db/notify';
import { insertSubmission } from '../submissions';
import type { TableSet } from './joint/table-set';
import { sharedSet } from './shared';

const set = (n: number): TableSet => ({
	plan: {
		year: '2025',
		k: 5,
		periods: ['2025', '2025-S1'],
		recode: {},
		collapsed: [],
		epciMerges: [],
		dropped: [],
		withheld: []
	},
	cells: new Map([
		['situations|2025-S1|g1|', { value: n, hidden: false }],
		['situations|2025-S1|g1|sexe=F', { value: 2, hidden: true }]
	]),
	ok: true,
	failures: [],
	stats: { cells: 2, hidden: 1, primary: 1, blocks: 1, rounds: 1, perBlock: [], ms: 1 }
});

describe.runIf(process.env.TEST_DATABASE_URL || process.env.CI)(
	'table sets shared by the servers of one PostgreSQL database',
	() => {
		let database: TestDatabase;
		let a: Store;
		let b: Store;
		beforeAll(async () => {
			const url = process.env.TEST_DATABASE_URL;
			if (!url) throw new Error('TEST_DATABASE_URL is required in CI');
			database = await freshPostgresDatabase(url);
			a = openStore({ databaseUrl: database.url, dataDir: '' });
			await migrate(a);
			b = openStore({ databaseUrl: database.url, dataDir: '' });
		}, 120_000);
		afterAll(async () => {
			await a?.close();
			await b?.close();
			await database?.drop();
		});

		it('announces a submission to the other server once committed', async () => {
			const heard: string[] = [];
			onDataChange(b.db, (payload) => heard.push(payload));
			// the listener connects in the background: a change heard tells when it listens
			await insertGroup(a.db, 'g-notify', ['91228']);
			for (let i = 0; i < 100 && !heard.includes('groups:'); i++) {
				await a.db
					.updateTable('groups')
					.set({ name: `Groupe ${i}` })
					.execute();
				await new Promise((r) => setTimeout(r, 20));
			}
			expect(heard).toContain('groups:');
			let inside = -1;
			await a.db.transaction().execute(async (trx) => {
				await insertSubmission(trx, {
					groupId: 'g-notify',
					period: '2025-S1',
					kind: 'situations',
					filename: 'f.csv',
					bytes: new TextEncoder().encode('x'),
					rows: validRows(
						'situations',
						generateRows('situations', { seed: 1, rows: 6, period: '2025-S1' })
					),
					uploadedBy: null
				});
				await new Promise((r) => setTimeout(r, 100));
				inside = heard.filter((p) => p === 'submissions:2025-S1').length;
			});
			for (let i = 0; i < 100 && !heard.includes('submissions:2025-S1'); i++) {
				await new Promise((r) => setTimeout(r, 20));
			}
			expect(inside).toBe(0);
			expect(heard.filter((p) => p === 'submissions:2025-S1')).toHaveLength(1);
		});

		it('builds a set asked of both servers once, and serves the other the same set', async () => {
			let built = 0;
			const build = (n: number) => async () => {
				built++;
				await new Promise((r) => setTimeout(r, 200));
				return set(n);
			};
			const [x, y] = await Promise.all([
				sharedSet(a.db, 'test|2025-S1', build(7)),
				sharedSet(b.db, 'test|2025-S1', build(8))
			]);
			expect(built).toBe(1);
			expect([...y.cells]).toEqual([...x.cells]);
			expect(y.plan).toEqual(x.plan);
			// asked again later: read, not built
			const z = await sharedSet(b.db, 'test|2025-S1', build(9));
			expect(built).toBe(1);
			expect(z.cells.get('situations|2025-S1|g1|')?.value).toBe(
				x.cells.get('situations|2025-S1|g1|')?.value
			);
		});

		it('lets another server build a set whose build failed here', async () => {
			await expect(
				sharedSet(a.db, 'test|failed', async () => {
					throw new Error('échec');
				})
			).rejects.toThrow('échec');
			const again = await sharedSet(b.db, 'test|failed', async () => set(3));
			expect(again.cells.get('situations|2025-S1|g1|')?.value).toBe(3);
		});
	}
);

// Storing a referent's uploads and bilans on every test store: refused files store nothing,
// versions supersede with a change summary, duplicates are recognised, drafts round-trip.
import { describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv, type Row } from '$contracts/generate';
import { insertGroup, testStores, useStore } from '../../../../tests/helpers/stores';
import type { Store } from '../db';
import { getDraft, saveDraft, submitBilan, formatBilanText, EMPTY_FORM } from './bilan';
import { groupHome } from './home';
import { submitUpload, submissionRows } from './submit';
import { validateBytes, validateStream } from '$contracts/validate';

const enc = new TextEncoder();
const csv = (rows: Row[], kind: 'situations' | 'seances' = 'situations') =>
	enc.encode([...rowsToCsv(kind, rows)].join(''));
const situations = (n: number, seed = 7) => [
	...generateRows('situations', { seed, rows: n, period: '2026-S1' })
];

const seedGroup = (store: Pick<Store, 'db'>, id: string) => insertGroup(store.db, id, ['91228']);

const upload = (
	store: Pick<Store, 'db'>,
	bytes: Uint8Array,
	extra: Partial<Parameters<typeof submitUpload>[1]> = {}
) =>
	submitUpload(store.db, {
		groupId: 'g1',
		period: '2026-S1',
		kind: 'situations',
		filename: 'situations.csv',
		bytes,
		actorId: null,
		actorLabel: 'test',
		ip: null,
		...extra
	});

for (const ts of testStores()) {
	describe(`referent submissions (${ts.name})`, () => {
		const store = useStore(ts, { prepare: (db) => seedGroup({ db }, 'g1'), timeoutMs: 60_000 });

		const count = async (table: 'submissions' | 'situation_rows') =>
			Number(
				(
					await store.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);

		it('refuses a bad file with the same report as the contracts and stores nothing', async () => {
			const bad = enc.encode('ref_situation;nom\nSIT-1;Dupont\n');
			const out = await upload(store, bad);
			expect(out.kind).toBe('refused');
			if (out.kind === 'refused') expect(out.report).toEqual(validateBytes('situations', bad));
			const big = await upload(store, csv(situations(3)), { maxBytes: 100 });
			expect(big.kind).toBe('refused');
			if (big.kind === 'refused') expect(big.report.errors[0].code).toBe('file.too_large');
			expect(await count('submissions')).toBe(0);
			expect(await count('situation_rows')).toBe(0);
		});

		it('stores v1, then v2 with a change summary, and recognises a duplicate', async () => {
			const rows = situations(20);
			const v1 = await upload(store, csv(rows));
			expect(v1.kind).toBe('stored');
			if (v1.kind !== 'stored') return;
			expect(v1.submission.version).toBe(1);
			expect(v1.changes).toBeNull();
			const stored = await submissionRows(store.db, 'situations', v1.submission.id);
			expect(stored).toHaveLength(20);
			expect(stored[0].ref_situation).toBe(rows[0].ref_situation);

			const again = await upload(store, csv(rows));
			expect(again.kind).toBe('duplicate');
			if (again.kind === 'duplicate') expect(again.submission.version).toBe(1);

			const corrected = [
				...rows
					.slice(1)
					.map((r, i) => (i < 3 ? { ...r, evaluation: 'degradation', statut: r.statut } : r)),
				...situations(2, 99).map((r, i) => ({ ...r, ref_situation: `NEW-${i}` }))
			];
			const changedCount = rows.slice(1, 4).filter((r) => r.evaluation !== 'degradation').length;
			const v2 = await upload(store, csv(corrected));
			expect(v2.kind).toBe('stored');
			if (v2.kind !== 'stored') return;
			expect(v2.submission.version).toBe(2);
			expect(v2.changes).toMatchObject({
				previousVersion: 1,
				added: 2,
				removed: 1,
				changed: changedCount,
				byColumn: changedCount ? { evaluation: changedCount } : {}
			});
			const all = await store.db
				.selectFrom('submissions')
				.select(['version', 'status', 'change_summary'])
				.orderBy('version')
				.execute();
			expect(all.map((s) => [s.version, s.status])).toEqual([
				[1, 'superseded'],
				[2, 'submitted']
			]);
			expect(JSON.parse(all[1].change_summary!).added).toBe(2);
			const home = await groupHome(store.db, 'g1', new Date('2026-11-27T00:00:00Z'));
			const p = home.periods.find((x) => x.period === '2026-S1')!;
			expect(p.kinds.situations).toMatchObject({ state: 'envoye', version: 2 });
			expect(p.kinds.seances.state).toBe('en_retard');
			expect(p.history.situations[0].changes).toContain('2 lignes ajoutées');
			expect(home.next?.period).toBe('2025-S1');
		});

		it('keeps bilan drafts and stores a validated bilan as canonical text', async () => {
			const form = { ...EMPTY_FORM, faits_marquants: 'Rencontre avec Mme Dupont' };
			await saveDraft(store.db, 'g1', '2026-S1', form, null);
			expect((await getDraft(store.db, 'g1', '2026-S1'))?.form.faits_marquants).toBe(
				'Rencontre avec Mme Dupont'
			);
			await saveDraft(store.db, 'g1', '2026-S1', { ...form, difficultes: 'Aucune' }, null);
			expect((await getDraft(store.db, 'g1', '2026-S1'))?.form.difficultes).toBe('Aucune');
			const home = await groupHome(store.db, 'g1', new Date('2026-11-27T00:00:00Z'));
			expect(home.periods.find((x) => x.period === '2026-S1')!.kinds.bilan.state).toBe('brouillon');

			const refused = await submitBilan(store.db, {
				groupId: 'g1',
				period: '2026-S1',
				form: {
					...form,
					institution: 'commune',
					difficultes: 'x',
					bonnes_pratiques: 'x',
					perspectives: 'x'
				},
				actorId: null,
				actorLabel: null,
				ip: null
			});
			expect(refused.kind).toBe('refused');
			if (refused.kind === 'refused')
				expect(refused.report.errors.map((e) => e.code)).toContain('pii.name');

			const good = {
				institution: 'commune',
				faits_marquants: 'Rencontre avec les partenaires du quartier.',
				difficultes: 'Peu de retours de la santé.',
				bonnes_pratiques: 'Ordre du jour envoyé à l’avance.',
				perspectives: 'Élargir le groupe.'
			};
			const ok = await submitBilan(store.db, {
				groupId: 'g1',
				period: '2026-S1',
				form: good,
				actorId: null,
				actorLabel: null,
				ip: null
			});
			expect(ok.kind).toBe('stored');
			expect(await getDraft(store.db, 'g1', '2026-S1')).toBeNull();
			const file = await store.db
				.selectFrom('submission_files')
				.innerJoin('submissions', 'submissions.id', 'submission_files.submission_id')
				.select('bytes')
				.where('kind', '=', 'bilan')
				.executeTakeFirstOrThrow();
			const text = new TextDecoder().decode(file.bytes);
			expect(text).toBe(formatBilanText(good));
			// the stored text is itself a valid bilan file of the contract
			expect(validateBytes('bilan', enc.encode(text)).ok).toBe(true);
		});

		it('stores each row with the line the file holds it on, as the report counts lines', async () => {
			await seedGroup(store, 'g-lines');
			const [header, ...lines] = [...rowsToCsv('situations', situations(3, 11))];
			// a blank line, then a comment over two lines: the file's lines are 2, 4 and 6
			const second = lines[1].replace(/;[^;]*\r\n$/, ';"Suivi en cours\r\nreprise prévue"\r\n');
			const bytes = enc.encode([header, lines[0], '\r\n', second, lines[2]].join(''));
			const out = await upload(store, bytes, { groupId: 'g-lines' });
			expect(out.kind).toBe('stored');
			if (out.kind !== 'stored') return;
			const stored = await submissionRows(store.db, 'situations', out.submission.id);
			expect(stored.map((r) => r.line)).toEqual([2, 4, 6]);
			expect(stored.map((r) => r.line)).toEqual(
				[...validateStream('situations', bytes)].map((r) => r.line)
			);
			expect(stored[1].commentaire).toBe('Suivi en cours\r\nreprise prévue');
		});
	});
}

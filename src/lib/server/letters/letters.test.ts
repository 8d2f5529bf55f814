// Incident letters on every test store: the form refuses what the protocol cannot mean (future or
// out-of-order dates, codes outside the contract), the actions re-check that the user is a referent
// of the group and scan the free text, the list puts open letters first, a letter of another group
// is never read or changed; the annual tables publish no count from 1 to k − 1 and pin no hidden one
// (independent LP audit of what is shown), are deterministic, and never move once published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionUser } from '../../../../tests/helpers/users';
import { isHttpError } from '@sveltejs/kit';
import { audit, defineTables, type ProtectionStatus } from '$lib/disclosure';
import { CLOSURE_BANDS, DIRECTIONS, REASONS, REPLY_BANDS } from '$lib/letters';
import { insertGroup, testStores } from '../../../../tests/helpers/stores';
import type { Store } from '../db';
import type { SessionUser } from '../auth/schema';
import { parseLetter } from './form';
import { getLetter, listLetters, updateLetter, createLetter } from './store';
import { saveLetter } from './actions';
import {
	cellOf,
	codedLetters,
	lettersBilan,
	lettersTable,
	letterSpecs,
	protectLetters,
	publishOn,
	type PublishedLetter
} from './annual';
import { isHiddenCell } from '../exports/table';

const TODAY = '2026-06-15';

const fd = (o: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(o)) f.set(k, v);
	return f;
};
const valid = {
	date: '2026-02-03',
	sens: 'groupe_vers_institution',
	institution: 'bailleur',
	motif: 'transmission_sans_accord',
	precisions: 'Rappel des règles adressé au représentant.',
	date_reponse: '',
	date_cloture: ''
};

describe('incident letter form', () => {
	it('accepts a letter without reply nor closure, and reads empty dates as none', () => {
		const r = parseLetter(fd(valid), TODAY);
		expect(r.success).toBe(true);
		expect(r.data?.date_reponse).toBeNull();
		expect(r.data?.date_cloture).toBeNull();
	});
	it.each([
		[{ date: '2026-06-16' }, 'date', 'futur'],
		[{ date: '2026-02-30' }, 'date', 'date valide'],
		[{ date_reponse: '2026-01-10' }, 'date_reponse', 'précéder'],
		[{ date_cloture: '2026-01-10' }, 'date_cloture', 'précéder'],
		[{ sens: 'ailleurs' }, 'sens', 'sens'],
		[{ motif: 'inconnu' }, 'motif', 'motif'],
		[{ institution: 'mairie' }, 'institution', 'institution'],
		[{ precisions: 'x'.repeat(501) }, 'precisions', '500']
	])('refuses %o', (change, field, words) => {
		const r = parseLetter(fd({ ...valid, ...change }), TODAY);
		expect(r.success).toBe(false);
		expect(r.error?.issues[0].path[0]).toBe(field);
		expect(r.error?.issues[0].message).toContain(words);
	});
});

const user = (id: string, group: string) =>
	sessionUser(
		id,
		[{ role: 'referent', scopeType: 'group', scopeValue: group }],
		`${id}@example.fr`
	);

for (const ts of testStores()) {
	describe(`incident letters storage and actions (${ts.name})`, () => {
		let store: Store;
		beforeAll(async () => {
			store = await ts.open();
			await insertGroup(store.db, 'g1', ['91228']);
			await insertGroup(store.db, 'g2', ['91377']);
		}, 60_000);
		afterAll(async () => ts.dispose());

		const event = (who: SessionUser | null, group: string, body: object, lettre?: string) =>
			({
				locals: { store, user: who },
				url: new URL(`http://localhost/groupe/${group}/incidents`),
				request: new Request('http://localhost/', {
					method: 'POST',
					body: fd(body as Record<string, string>)
				}),
				getClientAddress: () => '127.0.0.1',
				params: { id: group, lettre }
			}) as unknown as Parameters<typeof saveLetter>[0];

		const status = async (p: Promise<unknown>) => {
			try {
				await p;
				return 'no error';
			} catch (e) {
				return isHttpError(e) ? e.status : String(e);
			}
		};

		it('refuses anyone but the group’s referents, before reading the form', async () => {
			expect(await status(saveLetter(event(user('u2', 'g2'), 'g1', valid)))).toBe(403);
			expect(await status(saveLetter(event(null, 'g1', valid)))).toBe(401);
			const elu: SessionUser = {
				...user('u3', 'g1'),
				roles: [{ role: 'elu', scopeType: 'commune', scopeValue: '91228' }]
			};
			expect(await status(saveLetter(event(elu, 'g1', valid)))).toBe(403);
			const n = await store.db
				.selectFrom('incident_letters')
				.select((e) => e.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(n.n)).toBe(0);
		});

		it('records a letter, audits it with codes only, and refuses a name in the precisions', async () => {
			const ok = (await saveLetter(event(user('u1', 'g1'), 'g1', valid))) as { saved: string };
			expect(ok.saved).toMatch(/^[0-9a-f-]{36}$/);
			const refused = (await saveLetter(
				event(user('u1', 'g1'), 'g1', {
					...valid,
					precisions: 'Lettre au sujet de Kevin Durand, tél. 06 12 34 56 78'
				})
			)) as { status: number; data: { report: { errors: { column: string; code: string }[] } } };
			expect(refused.status).toBe(400);
			expect(refused.data.report.errors.map((e) => e.code)).toContain('pii.phone');
			expect(refused.data.report.errors.every((e) => e.column === 'precisions')).toBe(true);
			const rows = await store.db.selectFrom('incident_letters').selectAll().execute();
			expect(rows).toHaveLength(1);
			const log = await store.db
				.selectFrom('audit_log')
				.select(['action', 'details'])
				.where('action', 'in', ['lettre.enregistree', 'texte.refuse'])
				.orderBy('id')
				.execute();
			expect(log.map((l) => l.action)).toEqual(['lettre.enregistree', 'texte.refuse']);
			for (const l of log) {
				expect(l.details).not.toContain('Durand');
				expect(l.details).not.toContain('Rappel');
			}
		});

		it('lists open letters first, oldest first, with days open; closed ones after', async () => {
			const f = (o: Partial<typeof valid>) => parseLetter(fd({ ...valid, ...o }), TODAY).data!;
			await createLetter(
				store.db,
				'g1',
				f({ date: '2026-01-05', date_cloture: '2026-02-04' }),
				'u1'
			);
			await createLetter(store.db, 'g1', f({ date: '2026-01-20' }), 'u1');
			await createLetter(store.db, 'g2', f({ date: '2025-12-01' }), 'u9');
			const list = await listLetters(store.db, 'g1', TODAY);
			expect(list.map((l) => [l.date, l.open, l.days])).toEqual([
				['2026-01-20', true, 146],
				['2026-02-03', true, 132],
				['2026-01-05', false, 30]
			]);
		});

		it('never reads nor changes another group’s letter', async () => {
			const [other] = await listLetters(store.db, 'g2', TODAY);
			expect(await getLetter(store.db, 'g1', other.id, TODAY)).toBeNull();
			const form = parseLetter(fd({ ...valid, date_cloture: '2026-03-01' }), TODAY).data!;
			expect(await updateLetter(store.db, 'g1', other.id, form, 'u1')).toBe(false);
			expect((await getLetter(store.db, 'g2', other.id, TODAY))?.open).toBe(true);
			expect(
				await status(
					saveLetter(
						event(user('u1', 'g1'), 'g1', { ...valid, date_cloture: '2026-03-01' }, other.id)
					)
				)
			).toBe(404);
		});

		it('edits a letter of the group: the reply and the closure', async () => {
			const [first] = await listLetters(store.db, 'g1', TODAY);
			const res = await saveLetter(
				event(
					user('u1', 'g1'),
					'g1',
					{ ...valid, date: first.date, date_reponse: '2026-02-01', date_cloture: '2026-03-01' },
					first.id
				)
			);
			expect(res).toEqual({ saved: first.id, created: false });
			const after = await getLetter(store.db, 'g1', first.id, TODAY);
			expect(after).toMatchObject({
				replyDate: '2026-02-01',
				closedDate: '2026-03-01',
				open: false
			});
		});

		it('publishes a year once, from 1 April of the next, and never moves it afterwards', async () => {
			const before = await lettersBilan(store.db, '91', 2026, '2027-03-31');
			expect(before).toEqual({ year: 2026, published: false, publishOn: '2027-04-01' });
			expect(await store.db.selectFrom('letter_publications').selectAll().execute()).toHaveLength(
				0
			);
			const first = await lettersBilan(store.db, '91', 2026, publishOn(2026));
			if (!first.published) throw new Error('not published');
			// three letters of 2026, all in g1 (k = 5): the total itself is hidden
			expect(first.total).toEqual({ value: null, status: 'hidden' });
			// a letter added and one edited afterwards change nothing published
			const [l] = await listLetters(store.db, 'g1', TODAY);
			await updateLetter(
				store.db,
				'g1',
				l.id,
				parseLetter(fd({ ...valid, date: l.date, motif: 'autre' }), TODAY).data!,
				'u1'
			);
			const again = await lettersBilan(store.db, '91', 2026, '2027-09-01');
			expect(again).toEqual(first);
			expect((await codedLetters(store.db, '91', 2026)).length).toBe(3);
			// the export writes the marker, never a value, for hidden cells
			const table = lettersTable(first, 'Essonne');
			expect(table.rows.flat().filter(isHiddenCell).length).toBeGreaterThan(0);
			for (const row of table.rows)
				for (const c of row.slice(2))
					if (typeof c === 'number') expect(c === 0 || c >= 5).toBe(true);
		});
	});
}

/** Letters drawn from a seeded generator: direction, reason and bands skewed as in real life. */
function letters(n: number, seed: number): PublishedLetter[] {
	let s = seed;
	const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * r() * xs.length)];
	return Array.from({ length: n }, () => ({
		direction: pick(DIRECTIONS.codes),
		reason: pick(REASONS.codes),
		reply: pick(REPLY_BANDS.codes),
		closure: pick(CLOSURE_BANDS.codes)
	}));
}

describe('protected letter tables', () => {
	const K = 5;
	const WIDTH = 2;
	for (const [n, seed] of [
		[3, 1],
		[12, 2],
		[27, 3],
		[60, 4],
		[140, 5]
	])
		it(`publishes no small count and pins no hidden one (${n} letters)`, async () => {
			const data = letters(n, seed);
			const p = await protectLetters(data, K, WIDTH);
			// what the analyst reads: values of published cells, « s » elsewhere
			const model = defineTables(
				// rebuilt independently of the protected object: same specs through the public API
				letterSpecs(data)
			);
			const statuses = new Map<string, ProtectionStatus>();
			for (const [i, key] of model.keys.entries()) {
				const coords = model.coords[i];
				const shown = cellOf(p, coords);
				if (shown.status === 'published') {
					expect(shown.value).toBe(model.values[i]);
					expect(shown.value === 0 || shown.value! >= K, key).toBe(true);
				}
				statuses.set(key, shown.status === 'published' ? 'published' : 'hidden-secondary');
			}
			const report = await audit(model, statuses, {
				k: K,
				protectionWidth: WIDTH,
				hiddenNonZero: true,
				boundsFor: 'all',
				groupWhole: false
			});
			let small = 0;
			for (const c of report.cells)
				if (c.status !== 'published' && c.value >= 1 && c.value < K) {
					small++;
					expect(c.exact, c.key).toBe(false);
					expect(c.upper - c.lower, c.key).toBeGreaterThanOrEqual(WIDTH);
				}
			// the check is not vacuous: small counts exist and were hidden; under k letters nothing
			// but zeros is published, from k on the tables still publish counts
			expect(small).toBeGreaterThan(0);
			const published = model.keys.filter(
				(key, i) => statuses.get(key) === 'published' && model.values[i] > 0
			).length;
			expect(published > 0).toBe(n >= K);
			expect(p.withdrawn).toBe(false);
		}, 60_000);

	it('is deterministic: the same letters in any order give the same hidden cells', async () => {
		const data = letters(45, 9);
		const a = await protectLetters(data, K, WIDTH);
		const b = await protectLetters([...data].reverse(), K, WIDTH);
		expect([...b.statuses.entries()].sort()).toEqual([...a.statuses.entries()].sort());
	});
});

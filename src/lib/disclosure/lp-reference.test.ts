import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditCodes, loadSolver, WitnessStore } from './audit';
import {
	count,
	countTable,
	pbAndSexe,
	percents,
	splitByPercent
} from '../../../tests/helpers/disclosure';
import type { Model } from './model';
import { naiveSuppression } from './naive';

/** A rows × cols table with its margins, and a second breakdown of the same rows. */
const tables = () =>
	fc
		.record({ rows: fc.integer({ min: 2, max: 5 }), cols: fc.integer({ min: 2, max: 4 }) })
		.chain(({ rows, cols }) =>
			fc.record({
				t: countTable(rows, cols, count(30, 3)),
				split: percents(rows),
				extra: fc.integer({ min: 0, max: 1000 })
			})
		)
		.map(({ t, split, extra }) => {
			const rows = { name: 'r', values: t.map((_, i) => `R${i}`) };
			return { model: pbAndSexe(rows, t, ['s0', 's1'], splitByPercent(split)), extra };
		});

/** The naive mask with some more non-zero cells hidden (a few chosen by `seed`). */
function mask(model: Model, k: number, seed: number, share: number): Uint8Array {
	const codes = naiveSuppression(model, { k }).codes.slice();
	for (let c = 0; c < codes.length; c++) {
		if (codes[c] === 0 && model.values[c] > 0 && (c * 7919 + seed) % share === 0) codes[c] = 2;
	}
	return codes;
}

/** The intruder's interval of every hidden cell from one LP over the whole model (every hidden
 * cell a variable ≥ 1, every relation an equality), written in LP format: no blocks, no
 * propagation, no witnesses. */
async function referenceBounds(model: Model, codes: Uint8Array): Promise<Map<string, number[]>> {
	const highs = await loadSolver();
	const x = (c: number) => `x${c}`;
	const rows: string[] = [];
	model.relations.forEach((r, i) => {
		let rhs = 0;
		const terms: string[] = [];
		for (const [c, sign] of [[r.total, 1] as const, ...r.parts.map((p) => [p, -1] as const)]) {
			if (codes[c]) terms.push(`${sign > 0 ? '+' : '-'} ${x(c)}`);
			else rhs -= sign * model.values[c];
		}
		if (terms.length) rows.push(` r${i}: ${terms.join(' ')} = ${rhs}`);
	});
	const hidden = model.keys.map((_, c) => c).filter((c) => codes[c]);
	const out = new Map<string, number[]>();
	for (const c of hidden) {
		const bounds: number[] = [];
		for (const sense of ['Minimize', 'Maximize']) {
			const lp = [
				sense,
				` obj: ${x(c)}`,
				'Subject To',
				...(rows.length ? rows : [` r: ${x(c)} >= 0`]),
				'Bounds',
				...hidden.map((h) => ` ${x(h)} >= 1`),
				'End'
			].join('\n');
			const res = highs.solve(lp, {});
			if (res.Status === 'Unbounded') bounds.push(Infinity);
			else {
				expect(res.Status).toBe('Optimal');
				const v = res.ObjectiveValue;
				bounds.push(sense === 'Minimize' ? Math.ceil(v - 1e-6) : Math.floor(v + 1e-6));
			}
		}
		out.set(model.keys[c], bounds);
	}
	return out;
}

describe('the audit against one LP over the whole model (fast-check)', () => {
	it('gives the same bounds, block by block, with sides settled by propagation', async () => {
		let settled = 0;
		await fc.assert(
			fc.asyncProperty(tables(), async ({ model, extra }) => {
				const codes = mask(model, 5, extra, 4);
				const exact = await auditCodes(model, codes, {
					k: 5,
					hiddenNonZero: true,
					boundsFor: 'all'
				});
				const reference = await referenceBounds(model, codes);
				expect(exact.cells).toHaveLength(reference.size);
				for (const c of exact.cells) {
					expect([c.lower, c.upper]).toEqual(reference.get(c.key));
					if (c.lower === c.value || c.upper === c.value) settled++;
				}
			}),
			{ numRuns: 30, seed: 18 }
		);
		// the shortcut was exercised
		expect(settled).toBeGreaterThan(0);
	}, 120_000);

	it('reuses LP optima as witnesses in later audits of wider masks without changing a verdict', async () => {
		let reused = 0;
		await fc.assert(
			fc.asyncProperty(tables(), async ({ model, extra }) => {
				const opts = { k: 5, hiddenNonZero: true } as const;
				const store = new WitnessStore();
				const first = mask(model, 5, extra, 5);
				await auditCodes(model, first, { ...opts, boundsFor: 'primary', witnesses: store });
				// the repair loop's next mask: the same hidden cells and a few more
				const wider = first.slice();
				for (let c = 0; c < wider.length; c++) {
					if (!wider[c] && model.values[c] > 0 && (c * 31 + extra) % 3 === 0) wider[c] = 2;
				}
				const fast = await auditCodes(model, wider, {
					...opts,
					boundsFor: 'primary',
					witnesses: store
				});
				const exact = await auditCodes(model, wider, { ...opts, boundsFor: 'all' });
				const keys = (r: typeof exact) => r.failures.map((f) => f.key).sort();
				expect(keys(fast)).toEqual(keys(exact));
				// a witness's bounds lie inside the intruder's interval
				const byKey = new Map(exact.cells.map((c) => [c.key, c]));
				for (const c of fast.cells) {
					if (c.method !== 'witness') continue;
					reused++;
					expect(c.lower).toBeGreaterThanOrEqual(byKey.get(c.key)!.lower);
					expect(c.upper).toBeLessThanOrEqual(byKey.get(c.key)!.upper);
				}
			}),
			{ numRuns: 60, seed: 19 }
		);
		expect(reused).toBeGreaterThan(0);
	}, 120_000);
});

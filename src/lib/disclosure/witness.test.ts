import { describe, expect, it } from 'vitest';
import { auditCodes, WitnessStore } from './audit';
import { gridModel } from './fixtures';

// A 2×3 table with published margins and its inner cells hidden: any cycle of ±1 moves is a
// table the intruder cannot rule out.
const values = [
	[2, 3, 20],
	[3, 2, 20]
];
const inner = (model: ReturnType<typeof gridModel>) =>
	model.keys
		.filter((_, i) => Object.keys(model.coords[i]).length === 2)
		.map((k) => model.index.get(k)!);

function hiddenCodes(model: ReturnType<typeof gridModel>) {
	const codes = new Uint8Array(model.keys.length);
	for (const c of inner(model)) codes[c] = model.values[c] < 5 ? 1 : 2;
	return codes;
}

describe('witness tables reused across audits', () => {
	it('are kept while valid and dropped when a moved cell is published or changes value', async () => {
		const model = gridModel(values);
		const codes = hiddenCodes(model);
		const store = new WitnessStore();
		const first = await auditCodes(model, codes, {
			k: 5,
			statusKnowledge: true,
			protectionWidth: 1,
			boundsFor: 'primary',
			witnesses: store
		});
		expect(first.ok).toBe(true);
		const small = inner(model).filter((c) => model.values[c] < 5);
		expect(first.cells.filter((c) => c.method === 'witness')).toHaveLength(small.length);

		const seen = () => new Map<number, boolean>();
		for (const c of small) expect(store.lookup(model, c, codes, seen())).toBeDefined();

		// the only moves among the small cells are ±1 cycles through all four of them: once one of
		// them is published, no witness holds any more
		const published = codes.slice();
		published[small[small.length - 1]] = 0;
		for (const c of small) expect(store.lookup(model, c, published, seen())).toBeUndefined();

		// the same keys with other values (another period, another regrouping): nothing is reused
		const other = gridModel([
			[2, 3, 21],
			[3, 2, 19]
		]);
		const moved = small.filter((c) => store.lookup(other, c, hiddenCodes(other), seen()));
		for (const c of moved) {
			// a reused witness must still balance every relation of the new model
			expect(other.values[c]).toBe(model.values[c]);
		}
		const recheck = await auditCodes(other, hiddenCodes(other), {
			k: 5,
			statusKnowledge: true,
			protectionWidth: 1,
			boundsFor: 'all'
		});
		const fast = await auditCodes(other, hiddenCodes(other), {
			k: 5,
			statusKnowledge: true,
			protectionWidth: 1,
			boundsFor: 'primary',
			witnesses: store
		});
		expect(fast.failures.map((f) => f.key)).toEqual(recheck.failures.map((f) => f.key));
	});
});

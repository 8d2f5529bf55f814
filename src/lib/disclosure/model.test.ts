import { describe, expect, it } from 'vitest';
import { buildModel, cellKey, crossTable, defineTables } from './model';
import { grid } from './fixtures';

const communes = () => ({
	name: 'commune',
	values: ['91001', '91002', '91003'],
	hierarchy: [{ name: 'epci', parentOf: { '91001': 'E1', '91002': 'E1', '91003': 'E2' } }]
});

describe('crossTable', () => {
	it('adds every margin, hierarchy level and the grand total', () => {
		const t = crossTable({
			name: 'pb',
			measure: 'situations',
			dims: [communes(), { name: 'pb', values: ['a', 'b'] }],
			counts: [
				{ commune: '91001', pb: 'a', count: 3 },
				{ commune: '91002', pb: 'b', count: 4 },
				{ commune: '91003', pb: 'a', count: 10 }
			]
		});
		const v = new Map(t.cells.map((c) => [c.key, c.value]));
		// 3 communes + 2 EPCI + total, times 2 categories + total
		expect(t.cells).toHaveLength(6 * 3);
		expect(v.get('situations')).toBe(17);
		expect(v.get('situations|epci=E1')).toBe(7);
		expect(v.get('situations|epci=E1|pb=a')).toBe(3);
		expect(v.get('situations|commune=91003|pb=b')).toBe(0);
		expect(v.get('situations|pb=a')).toBe(13);
		const rel = t.relations.find((r) => r.total === 'situations|epci=E1' && r.level === 'commune');
		expect(rel?.parts.sort()).toEqual(['situations|commune=91001', 'situations|commune=91002']);
	});

	it('reads counts keyed by leaf values and rejects unknown values', () => {
		const counts = new Map([['x|a', 2]]);
		const t = crossTable({
			name: 't',
			dims: [
				{ name: 'r', values: ['x'] },
				{ name: 'c', values: ['a'] }
			],
			counts
		});
		expect(t.cells.find((c) => c.key === 't|c=a|r=x')?.value).toBe(2);
		expect(() =>
			crossTable({ name: 't', dims: [{ name: 'r', values: ['x'] }], counts: new Map([['y', 1]]) })
		).toThrow(/inconnue/);
	});
});

describe('buildModel', () => {
	it('shares cells with the same measure and coordinates across tables', () => {
		const a = grid('a', { dim: 'commune', values: ['X', 'Y'] }, { dim: 'pb', values: ['p', 'q'] }, [
			[1, 2],
			[3, 4]
		]);
		const b = grid(
			'b',
			{ dim: 'commune', values: ['X', 'Y'] },
			{ dim: 'sexe', values: ['F', 'M'] },
			[
				[2, 1],
				[5, 2]
			]
		);
		const m = buildModel([a, b]);
		const x = m.index.get(cellKey('n', { commune: 'X' })) as number;
		expect(m.tables[x]).toEqual(['a', 'b']);
		expect(m.values[x]).toBe(3);
		expect(m.keys.length).toBe(9 + 9 - 3);
	});

	it('refuses shared cells whose values disagree', () => {
		const a = grid('a', { dim: 'commune', values: ['X'] }, { dim: 'pb', values: ['p'] }, [[1]]);
		const b = grid('b', { dim: 'commune', values: ['X'] }, { dim: 'sexe', values: ['F'] }, [[2]]);
		expect(() => buildModel([a, b])).toThrow(/incohérente/);
	});

	it('deduplicates relations repeated by several tables', () => {
		const m = defineTables([
			{ name: 'a', measure: 'n', dims: [communes(), { name: 'pb', values: ['p'] }], counts: [] },
			{ name: 'b', measure: 'n', dims: [communes(), { name: 'sexe', values: ['F'] }], counts: [] }
		]);
		const epci = m.relations.filter((r) => r.level === 'epci');
		expect(epci).toHaveLength(3);
	});
});

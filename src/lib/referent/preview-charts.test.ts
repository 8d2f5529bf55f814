import { describe, expect, it } from 'vitest';
import { previewCharts, previewStatements } from './preview-charts';

// Answers shaped as DuckDB returns them for previewStatements(['situations', 'incidents']).
const situations = [
	{ d: 'problematique', c: 'decrochage_scolaire', s: null, n: 3 },
	{ d: 'institution_pilote', c: 'education_nationale', s: null, n: 3 },
	{ d: 'age_sexe', c: '11-13', s: 'F', n: 2 },
	{ d: 'age_sexe', c: '11-13', s: 'M', n: 1 }
];
const ratios = { num0: 2, den0: 3, num1: 1, den1: 2, num2: 0, den2: 3, num3: 0, den3: 3 };
const incidents = [{ sens: 'groupe_vers_institution', suite: 'resolu', n: 4 }];

describe('upload preview charts', () => {
	it('asks one statement per kind (two for situations), in a fixed order', () => {
		expect(previewStatements(['situations', 'incidents'])).toHaveLength(3);
		expect(previewStatements(['seances'])[0].sql).toContain('"apercu_seances"');
	});

	it.each([5, 7])('draws every chart with the deployment’s threshold k = %i', (k) => {
		const result = previewCharts(['situations', 'incidents'], [situations, [ratios], incidents], k);
		expect(result.charts.length).toBeGreaterThanOrEqual(6);
		expect(new Set(result.charts.map((c) => c.k))).toEqual(new Set([k]));
		expect(result.indicators.find((i) => i.key === 'informees')).toMatchObject({ num: 2, den: 3 });
		expect(result.loaded).toEqual(['situations', 'incidents']);
	});

	it('refuses a threshold below 3', () => {
		expect(() => previewCharts(['situations'], [situations, [ratios]], 2)).toThrow(RangeError);
	});
});

import { describe, expect, it } from 'vitest';
import { useDemoStore } from '../../../../tests/helpers/stores';
import { serverSvg } from '$lib/charts/served';
import { findCell } from '$lib/release';
import { CellIndex, selectUnits, type GroupUnit } from '$lib/plenary/model';
import { getRelease } from '../releases';
import { previousPeriod } from '$contracts/period';
import { screenText, sentences } from './bilans';
import { communePeriods } from './commune';
import { plenaryPage, readFilters } from './page';

const ALL = { group: '', type: '', from: '', to: '' };

/** The plenary page request of a commune's period, filtered over all its periods. */
const overAll = (code: string, period: string, periods: string[]) => ({
	code,
	period,
	periods,
	filters: { ...ALL, from: periods[0], to: periods[periods.length - 1] }
});

describe('plenary page data', () => {
	const store = useDemoStore();
	const communeRelease = (scope: string, period: string) =>
		getRelease(store.db, { audience: 'commune', scope, period });

	it('lists the periods of the commune and reads the filters from the URL', async () => {
		const periods = await communePeriods(store.db, '91228');
		expect(periods).toEqual(['2023-S1', '2023-S2', '2024-S1', '2024-S2', '2025-S1', '2025-S2']);
		const f = readFilters(new URL('http://x/?groupe=g&de=2024-S1&a=9999-S1'), periods);
		expect(f).toEqual({ group: 'g', type: '', from: '2024-S1', to: '2025-S2' });
	});

	it('computes key figures and changes from published cells only', async () => {
		const periods = await communePeriods(store.db, '91228');
		const page = await plenaryPage(store.db, overAll('91228', '2025-S2', periods));
		const release = await communeRelease('91228', '2025-S2');
		const prev = await communeRelease('91228', previousPeriod('2025-S2') as string);
		expect(page.commune.nom).toBe('Évry-Courcouronnes');
		expect(page.groups.length).toBeGreaterThan(1);
		expect(page.groups.every((g) => g.submitted.length > 0)).toBe(true);
		const situations = page.figures.find((f) => f.key === 'situations')!;
		const total = findCell(release, {})!;
		const prevTotal = findCell(prev, {})!;
		expect(situations.current.value).toBe(total.value);
		expect(situations.change).toBe((total.value as number) - (prevTotal.value as number));
		const seances = page.figures.find((f) => f.key === 'seances')!;
		expect(seances.current.value).toBe(release.meetings.find((m) => m.unit === '*')?.seances);
		// Every chart datum of a hidden cell is null, and its status hidden.
		const problematique = page.breakdowns![0].spec;
		for (const d of problematique.data as {
			category: string;
			value: number | null;
			status: string;
		}[]) {
			const cell = findCell(release, { variable: 'problematique', code: d.category })!;
			expect(d.status).toBe(cell.status);
			expect(d.value).toBe(cell.status === 'published' ? cell.value : null);
		}
		expect(page.breakdowns![0].svg).toContain('role="img"');
		// Trend: one point per period and indicator.
		expect(page.trend!.spec.data.length).toBe(6 * 3);
		// Bilans were found for the groups that submitted one, under their group.
		expect(page.groups.filter((g) => g.bilan).length).toBeGreaterThan(0);
		// For an HTML render, the SVG stays out of the (serialised) data, kept for Chart.svelte.
		const html = await plenaryPage(store.db, {
			...overAll('91228', '2025-S2', periods),
			svgAside: true
		});
		const drawn = [...html.breakdowns!, html.trend!, html.ageSex!];
		expect(drawn.every((c) => c.svg === undefined)).toBe(true);
		expect(drawn.map((c) => serverSvg(c.spec))).toEqual(
			[...page.breakdowns!, page.trend!, page.ageSex!].map((c) => c.svg)
		);
	});

	it('publishes nothing of a commune whose only group has too few situations, and says so', async () => {
		const periods = await communePeriods(store.db, '91145');
		const page = await plenaryPage(store.db, overAll('91145', '2025-S1', periods));
		const release = await communeRelease('91145', '2025-S1');
		// the Sud-Essonne group has 1 to 4 situations a semester: withheld from every release
		expect(release.groups.length).toBeGreaterThan(0);
		expect(release.groups.every((g) => g.withheld)).toBe(true);
		expect(release.cells).toEqual([]);
		expect(page.groups.length).toBe(release.groups.length);
		expect(page.groups.every((g) => g.withheld)).toBe(true);
		const situations = page.figures.find((f) => f.key === 'situations')!;
		expect(situations.current.value).toBeNull();
		expect(situations.change).toBeNull();
		for (const c of page.breakdowns ?? []) for (const d of c.spec.data) expect(d.value).toBeNull();
		// the département's release does not count it either
		const dep = await getRelease(store.db, {
			audience: 'departement',
			scope: '91',
			period: '2025-S1'
		});
		expect(dep.units.some((u) => u.communes.includes('91145'))).toBe(false);
	});

	it('sums units only when every part is published', () => {
		const idx = new CellIndex([
			{
				period: 'p',
				measure: 'situations',
				unit: 'a',
				variable: 'v',
				code: 'x',
				variable2: null,
				code2: null,
				value: 7,
				status: 'published'
			},
			{
				period: 'p',
				measure: 'situations',
				unit: 'b',
				variable: 'v',
				code: 'x',
				variable2: null,
				code2: null,
				value: null,
				status: 'hidden'
			},
			{
				period: 'p',
				measure: 'situations',
				unit: 'c',
				variable: 'v',
				code: 'x',
				variable2: null,
				code2: null,
				value: 9,
				status: 'published'
			}
		]);
		expect(idx.sum('p', ['a', 'c'], { variable: 'v', code: 'x' })).toEqual({
			value: 16,
			status: 'published'
		});
		expect(idx.sum('p', ['a', 'b'], { variable: 'v', code: 'x' })).toEqual({
			value: null,
			status: 'hidden'
		});
	});

	it('selects the units of a group or an instance type, residual unit included only when exact', () => {
		const groups: GroupUnit[] = [
			{ id: 'g1', name: 'CVE', instanceType: 'cellule_veille_educative', unit: 'g1' },
			{ id: 'g2', name: 'CLSPD', instanceType: 'commission_clspd', unit: 'autres' },
			{ id: 'g3', name: 'CVS', instanceType: 'cellule_veille_securite', unit: 'autres' }
		];
		expect(selectUnits(groups, ALL, 5).units).toEqual(['*']);
		expect(selectUnits(groups, { ...ALL, group: 'g1' }, 5).units).toEqual(['g1']);
		const merged = selectUnits(groups, { ...ALL, group: 'g2' }, 5);
		expect(merged.units).toEqual([]);
		expect(merged.note).toMatch(/ne peut pas être isolé/);
		const both = selectUnits(groups, { ...ALL, type: '', group: '' }, 5);
		expect(both.units).toEqual(['*']);
		const exact = selectUnits(groups.slice(0, 2), { ...ALL, type: 'commission_clspd' }, 5);
		expect(exact.units).toEqual(['autres']);
	});

	it('withholds qualitative passages that hold personal data', () => {
		expect(sentences('Une phrase. Une autre !\n\nParagraphe.')).toEqual([
			'Une phrase.',
			'Une autre !',
			'Paragraphe.'
		]);
		const text =
			'Le groupe s’est réuni six fois. Mme Sophie Martin a appelé au 06 12 34 56 78. Les partenaires sont assidus.';
		const screened = screenText(text);
		expect(screened.withheld).toBe(1);
		expect(screened.passages.map((p) => p.text)).toEqual([
			'Le groupe s’est réuni six fois.',
			null,
			'Les partenaires sont assidus.'
		]);
		expect(JSON.stringify(screened)).not.toContain('Martin');
		expect(JSON.stringify(screened)).not.toContain('06 12');
	});
});

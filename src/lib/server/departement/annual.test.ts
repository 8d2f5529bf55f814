import { describe, expect, it } from 'vitest';
import { BILAN_SECTIONS, INSTANCE_TYPES } from '$contracts/codes';
import { scanText } from '$contracts/pii/detect';
import { useDemoStore } from '../../../../tests/helpers/stores';
import {
	compareRows,
	INDICATORS,
	protocolRows,
	type CompareFilters
} from '$lib/departement/compare';
import { buildRelease } from '../releases/build';
import { annualBilan, annualTables, commentaries, saveCommentary } from './annual';
import { digestBilans } from './qualitative';
import { periodCompleteness } from '../completeness';
import { compareUnits, meetingRows, periodCells } from './data';
import { compareTable } from './tables';
import { tableCsv } from '../exports/csv';

describe('département: annual bilan and comparison on the demo', () => {
	const store = useDemoStore();

	it('builds an annual release from the two semesters, each situation counted once', async () => {
		const [s1, s2, year] = await Promise.all(
			['2025-S1', '2025-S2', '2025'].map((period) =>
				buildRelease(store.db, { audience: 'departement', scope: '91', period, k: 5 })
			)
		);
		const total = (r: typeof year) =>
			r.release.cells.find(
				(c) => c.unit === '*' && c.variable === '*' && c.measure === 'situations'
			)!.value as number;
		expect(total(year)).toBeLessThanOrEqual(total(s1) + total(s2));
		expect(total(year)).toBeGreaterThan(Math.max(total(s1), total(s2)));
		const seances = (r: typeof year) => r.release.meetings.find((m) => m.unit === '*')!.seances;
		expect(seances(year)).toBe(seances(s1) + seances(s2));
		for (const c of year.release.cells) if (c.status !== 'published') expect(c.value).toBeNull();
	}, 60_000);

	it('assembles the annual bilan: participation, synthesis, digest without identifiers, commentary', async () => {
		await saveCommentary(
			store.db,
			'91',
			2025,
			{ section: 'introduction', body: 'Première version' },
			null
		);
		await saveCommentary(
			store.db,
			'91',
			2025,
			{ section: 'introduction', body: 'Année de consolidation.' },
			null
		);
		expect(await commentaries(store.db, '91', 2025)).toEqual({
			introduction: 'Année de consolidation.'
		});
		const b = await annualBilan(store.db, '91', 2025);
		expect(b.periods.map((p) => p.code)).toEqual(['2025-S1', '2025-S2']);
		const part = b.participation.find((p) => p.period === '2025-S2' && p.kind === 'situations')!;
		expect(part.expected).toBe(41);
		expect(part.sent).toBe(41);
		expect(b.total?.status).toBe('published');
		// The qualitative part covers both semesters, by instance type and theme.
		const q = b.qualitative;
		expect(q.periods.map((p) => [p.code, p.bilans])).toEqual([
			['2025-S1', 41],
			['2025-S2', 41]
		]);
		expect(q.types.reduce((n, t) => n + t.groups, 0)).toBe(41);
		expect(q.types.map((t) => t.instanceType)).toEqual(
			[...INSTANCE_TYPES.codes].filter((c) => q.types.some((t) => t.instanceType === c))
		);
		const statements = q.types.flatMap((t) => t.themes.flatMap((th) => th.statements));
		const periods = new Set(statements.flatMap((s) => s.sources.flatMap((g) => g.periods)));
		expect([...periods].sort()).toEqual(['2025-S1', '2025-S2']);
		for (const t of q.types)
			expect(t.themes.map((th) => th.section)).toEqual([...BILAN_SECTIONS.codes]);
		for (const s of statements) expect(scanText(s.text)).toEqual([]);
		expect(b.commentaries.introduction).toBe('Année de consolidation.');
		const tables = annualTables(b);
		const csv = tableCsv(tables.problematique);
		expect(csv).toContain('Décrochage scolaire');
		for (const r of b.stats.problematique)
			if (r.status !== 'published') expect(csv).toContain(`${r.label};s\r\n`);
		// the département's age × sex and the bands, with the one « s » marker
		expect(b.crosses.ageSexe.rows.length).toBeGreaterThan(3);
		expect(b.crosses.ageSexe.columns.map((c) => c.code)).toContain('F');
		const cross = tableCsv(tables['age-sexe']);
		for (const r of b.crosses.ageSexe.rows) {
			const line = cross.split('\r\n').find((l) => l.startsWith(`${r.label};`));
			expect(line?.split(';').slice(1)).toEqual(
				r.cells.map((c) => (c.status === 'published' ? String(c.value) : 's'))
			);
		}
		for (const band of [b.stats.qpv, b.stats.examens, b.stats.delai_cloture])
			expect(band.length).toBeGreaterThanOrEqual(2);
	}, 120_000);

	it('digests both semesters by type and theme: a shared statement once, flagged sentences left out', () => {
		const row = (groupId: string, period: string, difficultes: string) => ({
			groupId,
			groupName: `Groupe ${groupId}`,
			instanceType: 'cellule_veille_educative',
			period,
			sections: { faits_marquants: null, difficultes, bonnes_pratiques: '', perspectives: null }
		});
		const d = digestBilans(
			[
				row('a', '2025-S1', 'Les délais sont longs. Contact : 06 12 34 56 78 pour la famille.'),
				row('a', '2025-S2', 'Les délais sont longs.'),
				row('b', '2025-S2', 'Les délais sont longs. La santé est absente.')
			],
			['2025-S1', '2025-S2']
		);
		expect(d.skipped).toBe(1);
		expect(d.types).toHaveLength(1);
		expect(d.types[0].themes.map((t) => t.section)).toEqual(['difficultes']);
		const [shared, single] = d.types[0].themes[0].statements;
		expect(shared.text).toBe('Les délais sont longs.');
		expect(shared.sources).toEqual([
			{ groupId: 'a', groupName: 'Groupe a', periods: ['2025-S1', '2025-S2'] },
			{ groupId: 'b', groupName: 'Groupe b', periods: ['2025-S2'] }
		]);
		expect(single.text).toBe('La santé est absente.');
		expect(JSON.stringify(d)).not.toMatch(/06 12/);
	});

	it('compares territories per 1,000 inhabitants and never computes a rate from a hidden count', async () => {
		const { release } = await buildRelease(store.db, {
			audience: 'departement',
			scope: '91',
			period: '2025-S2',
			k: 5
		});
		const units = await compareUnits(store.db, release);
		const cells = periodCells(release);
		const base: CompareFilters = {
			period: '2025-S2',
			indicator: INDICATORS[0].id,
			sizeClass: '',
			epci: '',
			arrondissement: '',
			reference: '',
			sort: 'taux'
		};
		const all = compareRows(cells, units, base);
		expect(all.length).toBe(units.length);
		const evry = all.find((r) => r.id === '91228')!;
		expect(evry.rate).toBeCloseTo(((evry.n as number) * 1000) / evry.population, 6);
		for (let i = 1; i < all.length; i++)
			if (all[i].rate !== null) expect(all[i - 1].rate! >= all[i].rate!).toBe(true);
		for (const indicator of INDICATORS) {
			const rows = compareRows(cells, units, { ...base, indicator: indicator.id });
			for (const r of rows)
				if (r.status !== 'published') {
					expect(r.n).toBeNull();
					expect(r.rate).toBeNull();
				}
		}
		const similar = compareRows(cells, units, { ...base, reference: '91228' });
		expect(similar.length).toBe(9);
		expect(similar.some((r) => r.id === '91228')).toBe(true);
		const context = {
			completeness: await periodCompleteness(store.db, { departement: '91' }, '2025-S2'),
			missing: []
		};
		const table = compareTable(
			cells,
			units,
			{ ...base, indicator: 'problematique:logement' },
			context
		);
		expect(tableCsv(table)).toContain('Période complète : 41 groupes sur 41 ont transmis.');
		const csv = tableCsv(table);
		expect(csv).toMatch(/;s;s\r\n/);
		const protocol = protocolRows(cells, meetingRows(release), units, base);
		const p = protocol.find((r) => r.id === '91228')!;
		expect(p.seances).toBeGreaterThan(0);
		expect(p.crPct).toBeGreaterThan(0);
		for (const r of protocol) if (r.sansAccordHidden) expect(r.sansAccordRate).toBeNull();
	}, 60_000);
});

// The joint table set on small synthetic départements: attacks that combine releases (the year
// minus a semester, a second version minus the first) recover counts that each release, protected
// alone, hides; the joint protection and its union audit do not let them through.
import { describe, expect, it } from 'vitest';
import { jointModel, modelView, protectJoint, unionAudit, type EditionSpec } from './joint';
import { makePlan, type Row, type RowSource, type Snapshot, type YearCommune } from './plan';
import { protect, WitnessStore } from '$lib/disclosure';

const YEAR = '2025';
const communes = new Map<string, YearCommune>([
	['91001', { code: '91001', nom: 'Aville', population: 9000, epci: 'E1', epciNom: 'CA Une' }],
	['91002', { code: '91002', nom: 'Béville', population: 12000, epci: 'E1', epciNom: 'CA Une' }]
]);
const groups = [
	{ id: 'g', name: 'CVE Aville', instanceType: 'cellule_veille_educative', communes: ['91001'] },
	{ id: 'h', name: 'CLSPD Béville', instanceType: 'commission_clspd', communes: ['91002'] }
];
const departement = { code: '91', nom: 'Essonne' };

const incident = (motif: string, i: number): Row => ({
	sens: i % 2 ? 'groupe_vers_institution' : 'institution_vers_groupe',
	motif,
	suite: ['resolu', 'en_cours', 'sans_suite'][i % 3]
});
const incidents = (spec: Record<string, number>) =>
	Object.entries(spec).flatMap(([motif, n]) =>
		Array.from({ length: n }, (_, i) => incident(motif, i))
	);

function situation(ref: string, problematique: string, i: number): Row {
	return {
		ref_situation: ref,
		problematique,
		tranche_age: ['11-13', '14-15', '16-17'][i % 3],
		sexe: i % 2 ? 'F' : 'M',
		institution_pilote: 'education_nationale',
		strategie: 'accompagnement_educatif',
		evaluation: 'non_evaluee',
		statut: 'en_cours',
		information_interesse: 'informe',
		accord: 'obtenu',
		transmission_hors_groupe: 'aucune'
	};
}
const situations = (prefix: string, spec: Record<string, number>) =>
	Object.entries(spec).flatMap(([p, n]) =>
		Array.from({ length: n }, (_, i) => situation(`${prefix}-${p.slice(0, 6)}-${i}`, p, i))
	);

function edition(snapshot: Snapshot, rows: RowSource, k = 5): EditionSpec {
	return { plan: makePlan(YEAR, groups, communes, snapshot, rows, k), groups, snapshot };
}

/** The joint model of editions: published ones (with their hidden cells) then the candidate. */
const modelOf = (rows: RowSource, ...editions: EditionSpec[]) =>
	jointModel({ year: YEAR, departement, communes, rows, editions });

const hiddenCandidate = (statuses: Map<string, string>, keys: Iterable<string>) => {
	const out = new Set<string>();
	for (const key of keys) if ((statuses.get(key) ?? 'published') !== 'published') out.add(key);
	return out;
};

describe('the year and its semesters are one table set', () => {
	// Aville's incidents « desaccord_strategie »: 2 in S1 (small), 6 in S2, so 8 in the year
	const rows: RowSource = {
		situations: new Map(),
		incidents: new Map([
			['i1', incidents({ desaccord_strategie: 2, utilisation_non_conforme: 9, autre: 8 })],
			['i2', incidents({ desaccord_strategie: 6, utilisation_non_conforme: 7, autre: 9 })],
			['j1', incidents({ desaccord_strategie: 5, utilisation_non_conforme: 6, autre: 7 })],
			['j2', incidents({ desaccord_strategie: 5, utilisation_non_conforme: 8, autre: 6 })]
		])
	};
	const snapshot: Snapshot = {
		g: { '2025-S1': { incidents: 'i1' }, '2025-S2': { incidents: 'i2' } },
		h: { '2025-S1': { incidents: 'j1' }, '2025-S2': { incidents: 'j2' } }
	};

	it('recovers a semester’s hidden count from the year minus the other semester when each period is protected alone', async () => {
		const joint = modelOf(rows, edition(snapshot, rows));
		const hidden = new Set<string>();
		for (const period of [YEAR, '2025-S1', '2025-S2']) {
			const view = modelView(joint, { only: (key) => key.split('|')[1] === period });
			const res = await protect(view.model, {
				k: 5,
				protectionWidth: 2,
				hiddenNonZero: true,
				groupWhole: false,
				latent: view.latent,
				insensitive: view.insensitive,
				witnesses: new WitnessStore()
			});
			expect(res.ok).toBe(true);
			for (const key of hiddenCandidate(res.statuses, joint.candidate)) hidden.add(key);
		}
		const report = await unionAudit(joint, hidden, 2);
		const small = report.failures.find(
			(f) => f.key.startsWith('incidents|2025-S1|g@') && f.key.endsWith('motif=desaccord_strategie')
		);
		expect(small?.kind).toBe('exact');
		expect(small?.value).toBe(2);
	});

	it('protects the set jointly: the union audit finds nothing', async () => {
		const joint = modelOf(rows, edition(snapshot, rows));
		const res = await protectJoint(joint, 2);
		expect(res.ok).toBe(true);
		const s1Small = [...joint.candidate].find(
			(key) => key.startsWith('incidents|2025-S1|g@') && key.endsWith('motif=desaccord_strategie')
		);
		expect(s1Small && res.hidden.has(s1Small)).toBe(true);
		const report = await unionAudit(joint, res.hidden, 2);
		expect(report.failures).toEqual([]);
	});
});

describe('a new version is protected together with what was published', () => {
	const v1 = situations('S', { decrochage_scolaire: 12, conduites_a_risque: 10, addictions: 9 });
	// version 2 adds one situation: its profile is the difference between the two versions
	const v2 = [...v1, situation('S-NEW', 'violences_intrafamiliales', 1)];
	const rows: RowSource = {
		situations: new Map([
			['s1', v1],
			['s2', v2]
		]),
		incidents: new Map()
	};
	const other = situations('B', { decrochage_scolaire: 8, conduites_a_risque: 11, addictions: 7 });
	rows.situations.set('b1', other);
	const first: Snapshot = {
		g: { '2025-S1': { situations: 's1' } },
		h: { '2025-S1': { situations: 'b1' } }
	};
	const second: Snapshot = {
		g: { '2025-S1': { situations: 's2' } },
		h: { '2025-S1': { situations: 'b1' } }
	};

	it('lets the difference through when each version is protected alone', async () => {
		const published = modelOf(rows, edition(first, rows));
		const p1 = await protectJoint(published, 2);
		expect(p1.ok).toBe(true);
		const alone = modelOf(rows, edition(second, rows));
		const p2 = await protectJoint(alone, 2);
		expect(p2.ok).toBe(true);
		const union = modelOf(
			rows,
			{ ...edition(first, rows), hidden: p1.hidden },
			edition(second, rows)
		);
		const report = await unionAudit(union, p2.hidden, 2);
		const added = report.failures.filter((f) => f.key.startsWith('A|'));
		expect(added.length).toBeGreaterThan(0);
		expect(added.every((f) => f.value === 1)).toBe(true);
	});

	it('holds a one-situation revision back: no protection of it can survive the union audit', async () => {
		const published = modelOf(rows, edition(first, rows));
		const p1 = await protectJoint(published, 2);
		const union = modelOf(
			rows,
			{ ...edition(first, rows), hidden: p1.hidden },
			edition(second, rows)
		);
		const p2 = await protectJoint(union, 2);
		expect(p2.ok).toBe(false);
		expect(p2.failures.some((f) => f.key.startsWith('A|'))).toBe(true);
	});
});

// Random small départements (2 to 5 territories, each a commune with 1 to 3 groups of its own or
// intercommunal groups over two communes; one or two variables with 3 to 5 categories; small
// counts): the intruder holds every release of the period
// (each commune's bilan and the département's) and runs the union audit over them. The joint
// protection always passes it; protecting each release alone does not, and fast-check finds a
// département where the releases, each safe alone, pin a small count together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, protect } from '$lib/disclosure';
import { VARIABLE_BY_NAME } from '$lib/release';
import { communeLayout, departementLayout } from './cells';
import { withDerived } from './derived';
import { makePlan, type Row, type RowSource, type Snapshot, type YearCommune } from './plan';
import {
	auditTableSet,
	cellId,
	protectTableSet,
	tableModel,
	type SetCell,
	type TableSetInput
} from './table-set';

const K = 5;
const YEAR = '2025';
const PERIOD = '2025-S1';
const departement = { code: '91', nom: 'Essonne' };
/** Variables a case may break its situations down by (3 to 5 categories each). */
const CHOSEN = [
	'evaluation',
	'information_interesse',
	'accord',
	'sexe',
	'transmission_hors_groupe'
];
/** Every other variable holds one category for every situation (its other categories are 0). */
const CONSTANT: Row = {
	problematique: 'decrochage_scolaire',
	tranche_age: '11-13',
	sexe: 'F',
	institution_pilote: 'education_nationale',
	strategie: 'accompagnement_educatif',
	evaluation: 'non_evaluee',
	statut: 'en_cours',
	information_interesse: 'informe',
	accord: 'obtenu',
	transmission_hors_groupe: 'aucune'
};
const TYPES = ['commission_clspd', 'cellule_veille_educative'];

const departements = fc
	.record({
		variables: fc.shuffledSubarray(CHOSEN, { minLength: 1, maxLength: 2 }),
		categories: fc.integer({ min: 3, max: 5 }),
		communes: fc.array(
			fc.record({
				epci: fc.constantFrom('E1', 'E2'),
				// groups over this commune and a second one (each group then a territory of its own)
				inter: fc.oneof(
					{ arbitrary: fc.constant(false), weight: 3 },
					{ arbitrary: fc.constant(true), weight: 1 }
				),
				groups: fc.array(
					fc.record({
						type: fc.constantFrom(...TYPES),
						// each situation's categories, as indices into the chosen variables' codes
						rows: fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { minLength: 0, maxLength: 24 })
					}),
					{ minLength: 1, maxLength: 3 }
				)
			}),
			{ minLength: 2, maxLength: 5 }
		)
	})
	.map(({ variables, categories, communes: list }) => {
		const codesOf = (v: string) => (VARIABLE_BY_NAME.get(v)?.codes ?? []).slice(0, categories);
		const communes = new Map<string, YearCommune>();
		const groups: TableSetInput['groups'] = [];
		const snapshot: Snapshot = {};
		const rows: RowSource = { situations: new Map(), incidents: new Map() };
		list.forEach((c, i) => {
			const code = `910${i + 1}1`;
			const second = `910${i + 1}2`;
			for (const [n, x] of [code, ...(c.inter ? [second] : [])].entries()) {
				communes.set(x, {
					code: x,
					nom: `Commune ${i + 1}${n ? ' bis' : ''}`,
					population: 1000 * (i + 1),
					epci: c.epci,
					epciNom: `CA ${c.epci}`
				});
			}
			c.groups.forEach((g, j) => {
				const id = `g${i + 1}-${j + 1}`;
				groups.push({
					id,
					name: `Groupe ${id}`,
					instanceType: g.type,
					communes: c.inter ? [code, second] : [code]
				});
				snapshot[id] = { [PERIOD]: { situations: `s-${id}` } };
				rows.situations.set(
					`s-${id}`,
					g.rows.map((r) => {
						const row = { ...CONSTANT };
						variables.forEach((v, n) => {
							const codes = codesOf(v);
							row[v] = codes[r[n] % codes.length];
						});
						// as the rows are read from storage: with their derived bands
						return withDerived(row);
					})
				);
			});
		});
		const plan = makePlan(YEAR, groups, communes, snapshot, rows, K);
		const input: TableSetInput = {
			year: YEAR,
			period: PERIOD,
			departement,
			groups,
			communes,
			snapshot,
			rows,
			plan,
			width: 2
		};
		return input;
	});

/** Ids of the cells each release of the period shows: the département's, then each commune's. */
function releases(input: TableSetInput): Set<string>[] {
	const { plan, groups, communes } = input;
	const layouts = [
		departementLayout(plan, groups, communes, departement),
		...[...communes.values()].map((c) => communeLayout(plan, groups, c))
	];
	return layouts.map(
		(l) => new Set(l.cells.map((d) => cellId(d.measure, PERIOD, d.groups, d.spec)))
	);
}

/**
 * The per-release baseline: each release protected alone (its own cells and the relations among
 * them, by block), as if no one held two releases. Returns the statuses an intruder holding them
 * all reads (a count hidden in one release and published in another is known), or null when a
 * release fails its own audit (it would not be served, so the case proves nothing).
 */
async function perRelease(input: TableSetInput): Promise<Map<string, SetCell> | null> {
	const { blocks, published } = tableModel(input);
	const shown = new Map<string, boolean>(); // id → hidden in every release showing it
	for (const cells of releases(input)) {
		for (const [name, block] of blocks) {
			const mine = [...block.values].filter(([id]) => cells.has(id));
			if (!mine.length) continue;
			const relations = block.relations.filter((r) =>
				[r.total, ...r.parts].every((id) => cells.has(id))
			);
			const model = buildModel([
				{
					name,
					cells: mine.map(([key, value]) => ({ key, value, coords: {}, depth: 0 })),
					relations
				}
			]);
			const result = await protect(model, {
				k: K,
				protectionWidth: 2,
				statusKnowledge: false,
				hiddenNonZero: true,
				groupWhole: false,
				maxIterations: 20
			});
			if (!result.ok) return null;
			for (const [id, status] of result.statuses) {
				shown.set(id, (shown.get(id) ?? true) && status !== 'published');
			}
		}
	}
	const out = new Map<string, SetCell>();
	for (const [id, p] of published) {
		if (shown.has(id)) out.set(id, { value: p.value, hidden: shown.get(id) as boolean });
	}
	return out;
}

describe('the union of a period’s releases, on random small départements', () => {
	it('never pins a hidden small count when the releases are cut from the joint set', async () => {
		let served = 0;
		let primaries = 0;
		await fc.assert(
			fc.asyncProperty(departements, async (input) => {
				const set = await protectTableSet(input);
				if (!set.ok) return; // refused, never served
				served++;
				for (const c of set.cells.values()) if (c.hidden && c.value > 0 && c.value < K) primaries++;
				const report = await auditTableSet(input, set.cells);
				expect(report.failures).toEqual([]);
			}),
			{ numRuns: 100, seed: 18 }
		);
		// the property is not vacuous: most cases are served, with small counts to protect
		expect(served).toBeGreaterThan(80);
		expect(primaries).toBeGreaterThan(0);
	}, 60_000);

	it('finds a département where releases protected alone, each safe, pin a count together', async () => {
		const result = await fc.check(
			fc.asyncProperty(departements, async (input) => {
				const union = await perRelease(input);
				fc.pre(union !== null);
				return (await auditTableSet(input, union as Map<string, SetCell>)).ok;
			}),
			{ numRuns: 100, seed: 18, endOnFailure: true }
		);
		expect(result.failed).toBe(true);
		const found = result.counterexample?.[0];
		if (!found) throw new Error(`pas de contre-exemple : ${result.errorInstance ?? ''}`);
		// checked again on the case found: every release passes alone, their union does not
		const union = await perRelease(found);
		expect(union).not.toBeNull();
		const report = await auditTableSet(found, union as Map<string, SetCell>);
		expect(report.ok).toBe(false);
		const pinned = report.failures[0];
		expect(pinned.value).toBeGreaterThan(0);
		expect(pinned.value).toBeLessThan(K);
		// the joint protection of the same case passes the same audit
		const set = await protectTableSet(found);
		if (set.ok) expect((await auditTableSet(found, set.cells)).ok).toBe(true);
	}, 60_000);
});

// The disclosure module alone, on raw tables: every commune × variable of a synthetic département
// (196 communes, EPCI and département totals) and of a 10× larger one, protected without any
// regrouping. Most cells are then small and the audit reports the cells no suppression pattern
// can protect: that is why the release builder regroups small units and rare categories first
// (bench/release-bench.ts measures the real releases). Shows the module's cost at scale and the
// naive baseline beside it. Run alone: npx tsx bench/disclosure-bench.ts
import {
	EVALUATIONS,
	INSTITUTIONS,
	PROBLEMATIQUES,
	SEXES,
	STRATEGIES,
	TRANCHES_AGE
} from '../data-contracts/codes';
import { rng } from '../data-contracts/generate';
import {
	crossTable,
	buildModel,
	naiveSuppression,
	auditCodes,
	protect,
	type CrossTableSpec,
	type DimSpec,
	type Model
} from '../src/lib/disclosure/index';

function pick(rand: () => number, weights: number[]): number {
	let u = rand() * weights.reduce((s, w) => s + w, 0);
	for (let i = 0; i < weights.length; i++) {
		u -= weights[i];
		if (u < 0) return i;
	}
	return weights.length - 1;
}

const ATTRS = {
	problematique: PROBLEMATIQUES.codes,
	tranche_age: TRANCHES_AGE.codes,
	sexe: SEXES.codes,
	institution: INSTITUTIONS.codes,
	strategie: STRATEGIES.codes,
	evaluation: EVALUATIONS.codes
};

/** Synthetic release: communes of skewed sizes, situations with skewed attributes. */
export function syntheticRelease(communes: number, seed = 1): { model: Model; situations: number } {
	const rand = rng(seed);
	const codes = Array.from({ length: communes }, (_, i) => String(91000 + i));
	const epciCount = Math.max(1, Math.round(communes / 16));
	const epciOf = new Map(codes.map((c) => [c, `E${Math.floor(rand() * epciCount)}`]));
	const weights = Object.fromEntries(
		Object.entries(ATTRS).map(([k, v]) => [k, v.map((_, i) => 1 / (i + 1) ** 1.1)])
	) as Record<keyof typeof ATTRS, number[]>;
	const rows: Array<Record<string, string>> = [];
	for (const commune of codes) {
		// log-normal sizes: many small communes, a few large towns
		const z = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
		const n = Math.floor(Math.exp(2.8 + 1.1 * z));
		for (let s = 0; s < n; s++) {
			const row: Record<string, string> = { commune };
			for (const [attr, values] of Object.entries(ATTRS)) {
				row[attr] = values[pick(rand, weights[attr as keyof typeof ATTRS])];
			}
			rows.push(row);
		}
	}
	const commune: DimSpec = {
		name: 'commune',
		values: codes,
		hierarchy: [{ name: 'epci', parentOf: epciOf }],
		groupDisclosure: false
	};
	const table = (name: string, attrs: (keyof typeof ATTRS)[]): CrossTableSpec => {
		const counts = new Map<string, number>();
		for (const r of rows) {
			const k = [r.commune, ...attrs.map((a) => r[a])].join('|');
			counts.set(k, (counts.get(k) ?? 0) + 1);
		}
		return {
			name,
			measure: 'situations',
			dims: [commune, ...attrs.map((a) => ({ name: a, values: ATTRS[a] }))],
			counts
		};
	};
	const specs = [
		table('problematique', ['problematique']),
		table('age_sexe', ['tranche_age', 'sexe']),
		table('institution', ['institution']),
		table('strategie', ['strategie']),
		table('evaluation', ['evaluation'])
	];
	return { model: buildModel(specs.map(crossTable)), situations: rows.length };
}

export async function run(): Promise<void> {
	for (const [label, communes] of [
		['département (196 communes)', 196],
		['10× (1960 communes)', 1960]
	] as const) {
		const t0 = performance.now();
		const { model, situations } = syntheticRelease(communes);
		const tBuild = performance.now() - t0;
		const res = await protect(model, { k: 5, maxIterations: 5, timeLimitMs: 30_000 });
		const total = performance.now() - t0;
		const naive = naiveSuppression(model, { k: 5 });
		const naiveAudit = await auditCodes(model, naive.codes, {
			k: 5,
			boundsFor: 'primary',
			timeLimitMs: 30_000
		});
		console.log(
			`${label}: ${situations} situations, ${model.keys.length} cells, ${model.relations.length} relations\n` +
				`  build ${tBuild.toFixed(0)} ms, gauss ${res.stats.gaussMs.toFixed(0)} ms, audit ${res.stats.auditMs.toFixed(0)} ms, ` +
				`total ${total.toFixed(0)} ms, iterations ${res.stats.iterations}\n` +
				`  hidden: ${res.stats.primary} primary + ${res.stats.secondary} secondary, audit ${res.ok ? 'ok' : 'FAILED'} ` +
				`(${res.audit.stats.blocks} blocks, largest ${res.audit.stats.largestBlock}, ${res.audit.stats.solves} LP solves)\n` +
				`  naive baseline: ${naive.hidden} hidden, audit ${naiveAudit.ok ? 'ok' : `fails on ${naiveAudit.failures.length} cells`}`
		);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await run();
}

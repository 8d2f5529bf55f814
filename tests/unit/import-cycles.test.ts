// No module of the app imports itself back through others: writers announce their changes
// (`src/lib/server/events.ts`) instead of importing the caches that derive from them, and shared
// pieces sit below their users. Runtime imports only (static, dynamic and re-exports); type-only
// imports vanish at build time and are left out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const roots = ['src', 'data-contracts'];

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return name === 'generated' ? [] : sources(full);
		return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
	});
}

function resolve(from: string, spec: string, known: Set<string>): string | null {
	const base = spec.startsWith('$lib/')
		? path.join(root, 'src/lib', spec.slice(5))
		: spec.startsWith('$contracts/')
			? path.join(root, 'data-contracts', spec.slice(11))
			: spec.startsWith('.')
				? path.resolve(path.dirname(from), spec)
				: null;
	if (!base) return null;
	const stem = base.replace(/\.js$/, '');
	for (const c of [base, `${stem}.ts`, path.join(base, 'index.ts')]) if (known.has(c)) return c;
	return null;
}

/** Runtime imports of each module, by absolute path. */
function importGraph(files: string[]): Map<string, string[]> {
	const known = new Set(files);
	const graph = new Map<string, string[]>();
	const statement =
		/(?:^|[\n;])\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/g;
	const bare = /(?:^|[\n;])\s*import\s+['"]([^'"]+)['"]/g;
	const dynamic = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		const specs = [
			...[...text.matchAll(statement)].filter((m) => !m[1]).map((m) => m[2]),
			...[...text.matchAll(bare)].map((m) => m[1]),
			...[...text.matchAll(dynamic)].map((m) => m[1])
		];
		const deps = specs.map((s) => resolve(file, s, known)).filter((d): d is string => !!d);
		graph.set(file, [...new Set(deps)]);
	}
	return graph;
}

/** Strongly connected components of more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
	let next = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (v: string) => {
		index.set(v, next);
		low.set(v, next++);
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop() as string;
				onStack.delete(w);
				component.push(path.relative(root, w));
			} while (w !== v);
			if (component.length > 1) found.push(component.sort());
		}
	};
	for (const v of graph.keys()) if (!index.has(v)) visit(v);
	return found;
}

describe('import graph', () => {
	it('finds a cycle where there is one', () => {
		const a = path.join(root, 'a.ts');
		const b = path.join(root, 'b.ts');
		const c = path.join(root, 'c.ts');
		expect(
			cycles(
				new Map([
					[a, [b]],
					[b, [a]],
					[c, [a]]
				])
			)
		).toEqual([['a.ts', 'b.ts']]);
		expect(
			cycles(
				new Map([
					[a, [b]],
					[b, [c]],
					[c, []]
				])
			)
		).toEqual([]);
	});

	it('has no cycle in the app and the contracts', () => {
		const files = roots.flatMap((dir) => sources(path.join(root, dir)));
		const graph = importGraph(files);
		expect(files.length).toBeGreaterThan(300);
		// the graph is read for real: the upload endpoint's module reaches the contracts
		const receive = graph.get(path.join(root, 'src/lib/server/referent/receive.ts')) ?? [];
		expect(receive.length).toBeGreaterThan(0);
		expect(cycles(graph)).toEqual([]);
	});
});

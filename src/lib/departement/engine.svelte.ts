// The comparison page's browser engine: loads the département release (Parquet from a guarded
// endpoint) and the territories into DuckDB-WASM once, then answers each filter change with the
// same SQL the analyst can read on the page. Timings are kept for the page and the bench.
import {
	COMPARE_SQL,
	compareParams,
	PROTOCOL_FACTS_SQL,
	PROTOCOL_SQL,
	protocolParams,
	protocolRow,
	TREND_SQL,
	type CompareFilters,
	type CompareRow,
	type CompareUnit,
	type MeetingRow,
	type ProtocolRow,
	type ProtocolSqlRow,
	type TrendRow
} from './compare';
import { INDICATOR_BY_ID, INDICATORS } from './compare';
import type { ColumnDef, ColumnType } from '$lib/duckdb/client';

/** A table's columns, in order, from their names and types. */
function columns(types: Record<string, ColumnType>): ColumnDef[] {
	return Object.entries(types).map(([name, type]) => ({ name, type }));
}

export type EnginePhase = 'idle' | 'loading' | 'ready' | 'error';

export class CompareEngine {
	phase = $state<EnginePhase>('idle');
	/** duration of the last filter change (all queries), in ms */
	lastMs = $state<number | null>(null);
	queries = $state(0);
	/** last answers by query and parameters: a filter only re-runs the queries it changes */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, not state
	private memo = new Map<string, Promise<unknown[]>>();

	private cached<T>(sql: string, params: (string | number)[]): Promise<T[]> {
		const key = `${sql.length}:${JSON.stringify(params)}`;
		let hit = this.memo.get(key);
		if (!hit) {
			if (this.memo.size > 50) this.memo.clear();
			hit = import('$lib/duckdb/client').then(({ query }) => query<unknown>(sql, params));
			hit.catch(() => this.memo.delete(key));
			this.memo.set(key, hit);
		}
		return hit as Promise<T[]>;
	}

	async load(parquetUrl: string, units: CompareUnit[], meetings: MeetingRow[]): Promise<void> {
		if (this.phase === 'loading') return;
		const reload = this.phase === 'ready';
		this.phase = 'loading';
		try {
			const db = await import('$lib/duckdb/client');
			// The client's replace step runs DROP VIEW first, which DuckDB refuses on a table.
			if (reload)
				await db.exec(
					'DROP TABLE IF EXISTS cells; DROP TABLE IF EXISTS units; DROP TABLE IF EXISTS meetings'
				);
			await db.registerParquet('cells_raw', parquetUrl);
			// Sorted by what the queries filter on, so DuckDB's zone maps skip most of the table.
			await db.exec(
				'CREATE TABLE cells AS SELECT * FROM cells_raw ORDER BY variable, code, period, unit; DROP TABLE cells_raw'
			);
			await db.exec(`DROP TABLE IF EXISTS protocol_facts; ${PROTOCOL_FACTS_SQL}`);
			this.memo.clear();
			await db.insertRows(
				'units',
				columns({
					id: 'varchar',
					label: 'varchar',
					epci: 'varchar',
					epci_label: 'varchar',
					arrondissement: 'varchar',
					arrondissement_label: 'varchar',
					population: 'integer',
					size_class: 'varchar'
				}),
				units.map((u) => [
					u.id,
					u.label,
					u.epci,
					u.epciLabel,
					u.arrondissement,
					u.arrondissementLabel,
					u.population,
					u.sizeClass
				])
			);
			await db.insertRows(
				'meetings',
				columns({
					period: 'varchar',
					unit: 'varchar',
					seances: 'integer',
					avec_odj: 'integer',
					avec_cr: 'integer'
				}),
				meetings.map((m) => [m.period, m.unit, m.seances, m.avec_odj, m.avec_cr])
			);
			this.phase = 'ready';
		} catch (e) {
			this.phase = 'error';
			throw e;
		}
	}

	async run(
		f: CompareFilters,
		trendIds: string[]
	): Promise<{ rows: CompareRow[]; protocol: ProtocolRow[]; trend: TrendRow[] }> {
		const t0 = performance.now();
		const indicator = INDICATOR_BY_ID.get(f.indicator) ?? INDICATORS[0];
		const [compare, protocol, trend] = await Promise.all([
			this.cached<Record<string, unknown>>(COMPARE_SQL, compareParams(f)),
			this.cached<ProtocolSqlRow>(PROTOCOL_SQL, protocolParams(f)),
			this.cached<Record<string, unknown>>(TREND_SQL, [
				indicator.variable,
				indicator.code,
				trendIds.join(',')
			])
		]);
		this.lastMs = Math.round(performance.now() - t0);
		this.queries++;
		return {
			rows: compare.map((r) => ({
				id: String(r.id),
				label: String(r.label),
				epciLabel: String(r.epci_label),
				arrondissementLabel: String(r.arrondissement_label),
				sizeClass: String(r.size_class),
				population: Number(r.population),
				status: (r.status as CompareRow['status']) ?? null,
				n: r.n === null ? null : Number(r.n),
				rate: r.rate === null ? null : Number(r.rate)
			})),
			protocol: protocol.map(protocolRow),
			trend: trend.map((r) => ({
				period: String(r.period),
				id: String(r.id),
				label: String(r.label),
				status: r.status as TrendRow['status'],
				rate: r.rate === null ? null : Number(r.rate)
			}))
		};
	}
}

// The interactive part of the plenary page: DuckDB-WASM loaded lazily (after the first paint,
// when the browser is idle or when the user reaches for a filter), fed with the commune's
// release of each period as Parquet, and queried for the filters (group, instance type, period
// range). The answers go through the same pure chart builders as the server's first paint.
import type { ChartSpec } from '$lib/charts/spec';
import {
	ageSexChart,
	BREAKDOWNS,
	breakdownChart,
	CellIndex,
	selectUnits,
	trendSpec,
	type CellRow,
	type Filters,
	type GroupUnit,
	type Selection
} from './model';
import { periodRange } from '$contracts/period';

export type ExplorerPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface ExplorerInit {
	code: string;
	period: string;
	periods: string[];
	groups: GroupUnit[];
	k: number;
	/** provisional periods, marked on the trend */
	provisional: string[];
}

const PERIOD = /^\d{4}(-S[12]|-T[1-4])?$/;

export class Explorer {
	phase = $state<ExplorerPhase>('idle');
	message = $state('');
	/** charts answered by DuckDB (null until the first answer: the server's charts stay) */
	breakdowns = $state<ChartSpec[] | null>(null);
	trend = $state<ChartSpec | null>(null);
	ageSex = $state<ChartSpec | null>(null);
	selection = $state<Selection | null>(null);
	/** milliseconds of the last query (shown to the user, read by the benchmark) */
	lastMs = $state<number | null>(null);
	answers = $state(0);

	#init: ExplorerInit;
	#ready: Promise<typeof import('$lib/duckdb/client')> | null = null;
	#ticket = 0;

	constructor(init: ExplorerInit) {
		this.#init = init;
	}

	/** Loads DuckDB and the commune's periods (once; later calls share the same promise). */
	start(): Promise<typeof import('$lib/duckdb/client')> {
		this.#ready ??= this.#load();
		return this.#ready;
	}

	async #load() {
		this.phase = 'loading';
		this.message = 'Chargement du moteur d’analyse…';
		try {
			const db = await import('$lib/duckdb/client');
			const periods = this.#init.periods.filter((p) => PERIOD.test(p));
			const base = `/commune/${encodeURIComponent(this.#init.code)}`;
			await Promise.all(
				periods.map((p, i) => db.registerParquet(`r${i}`, `${base}/${p}/donnees.parquet`))
			);
			await db.exec(
				`CREATE OR REPLACE VIEW cells AS ${periods
					.map((p, i) => `SELECT '${p}' AS period, * FROM ${db.ident(`r${i}`)}`)
					.join(' UNION ALL ')}`
			);
			this.phase = 'ready';
			this.message = 'Filtres actifs.';
			return db;
		} catch (e) {
			this.#ready = null;
			this.phase = 'error';
			this.message =
				'Le moteur d’analyse n’a pas pu être chargé : les graphiques affichés restent valables, les filtres passent par le serveur (bouton « Filtrer »).';
			throw e;
		}
	}

	/**
	 * Answers the filters from DuckDB: the selected units' cells summed per category and period
	 * (hidden as soon as one part is hidden, unknown when a unit lacks the cell), then the charts
	 * rebuilt from the answer.
	 */
	async apply(filters: Filters): Promise<void> {
		const ticket = ++this.#ticket;
		const db = await this.start();
		const started = performance.now();
		const { period, periods, groups, k } = this.#init;
		const selection = selectUnits(groups, filters, k);
		const range = periodRange(periods, filters.from, filters.to);
		const wanted = range.includes(period) ? range : [...range, period];
		const list = (values: readonly string[]) => values.map(() => '?').join(', ');
		// The whole commune's cells of the period: age × sex, and the categories every chart lists
		// (the same for any selection, so the charts keep their size).
		const [selected, whole] = await Promise.all([
			selection.units.length
				? db.query<CellRow>(
						`SELECT period, measure, 'selection' AS unit, variable, code, variable2, code2,
							CASE WHEN bool_or(status <> 'published') THEN NULL
								WHEN count(*) < ? THEN NULL
								ELSE CAST(sum(value) AS INTEGER) END AS value,
							CASE WHEN bool_or(status <> 'published') THEN max(status) FILTER (status <> 'published')
								ELSE 'published' END AS status
						FROM cells
						WHERE period IN (${list(wanted)}) AND unit IN (${list(selection.units)})
							AND variable2 IS NULL
						GROUP BY period, measure, variable, code, variable2, code2`,
						[selection.units.length, ...wanted, ...selection.units]
					)
				: Promise.resolve([]),
			db.query<CellRow>(
				`SELECT period, measure, unit, variable, code, variable2, code2, value, status FROM cells
				WHERE period = ? AND unit = '*'`,
				[period]
			)
		]);
		if (ticket !== this.#ticket) return;
		const index = new CellIndex([...selected, ...whole]);
		const units = ['selection'];
		const o = { k, provisional: this.#init.provisional };
		this.breakdowns = BREAKDOWNS.map((b) =>
			breakdownChart(index, period, units, b.variable, b.title, b.category, o)
		);
		this.trend = trendSpec(index, range, units, o);
		this.ageSex = ageSexChart(index, period, o);
		this.selection = selection;
		this.lastMs = Math.round(performance.now() - started);
		this.answers++;
	}
}

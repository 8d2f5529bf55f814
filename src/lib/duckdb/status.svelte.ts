// What the UI shows while DuckDB-WASM loads: one shared reactive status for the browser client,
// so any component can show a progress bar or an error without owning the database.

export type DuckDbPhase = 'idle' | 'loading' | 'ready' | 'error';

export class DuckDbStatus {
	phase = $state<DuckDbPhase>('idle');
	/** Share of the wasm downloaded, 0–1 (null while the size is unknown). */
	progress = $state<number | null>(null);
	/** French message when loading failed. */
	error = $state<string | null>(null);
	/** The bundle chosen for this browser ('eh' or 'mvp'). */
	bundle = $state<string | null>(null);

	readonly ready = $derived(this.phase === 'ready');
	readonly busy = $derived(this.phase === 'loading');
	/** Progress as a whole percentage for `<progress>` or text (0 while unknown). */
	readonly percent = $derived(Math.round((this.progress ?? 0) * 100));

	start(): void {
		this.phase = 'loading';
		this.progress = null;
		this.error = null;
	}

	report(bytesLoaded: number, bytesTotal: number): void {
		if (bytesTotal > 0) this.progress = Math.min(1, bytesLoaded / bytesTotal);
	}

	succeed(bundle: string): void {
		this.phase = 'ready';
		this.progress = 1;
		this.bundle = bundle;
	}

	fail(message: string): void {
		this.phase = 'error';
		this.error = message;
	}
}

/** The status of the page's single DuckDB instance (browser only; never mutated on the server). */
export const duckdbStatus = new DuckDbStatus();

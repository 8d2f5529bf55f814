// The state of one compte rendu check on the page: the document read by its lazily loaded reader
// (on the page; pdf.js in its own worker), then checked by the contracts' detectors in a Web
// Worker started when the page opens, all in this browser (nothing is sent or stored).
import type { CrBlock, CrReport } from '$contracts/compte-rendu/check';
import { DocumentError } from './errors';
import type { DocFormat } from './extract';
import type { FromCheckWorker, ToCheckWorker } from './check.worker';

export type Phase = 'idle' | 'reading' | 'checking' | 'done' | 'failed';

/** Pasted text beyond this is refused (a compte rendu is a few pages). */
export const MAX_PASTE_CHARS = 500_000;

function newWorker(): Worker {
	return new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
}

export interface CheckedDocument {
	name: string;
	format: DocFormat | 'collé';
	blocks: CrBlock[];
	report: CrReport;
	ms: number;
}

export class CompteRenduCheck {
	phase = $state<Phase>('idle');
	error = $state<string | null>(null);
	result = $state.raw<CheckedDocument | null>(null);
	private run = 0;
	private worker: Worker | null = null;

	/** Starts the detectors' worker while the coordinator looks for the document. */
	warm(): void {
		this.worker ??= newWorker();
	}

	destroy(): void {
		this.run++;
		this.worker?.terminate();
		this.worker = null;
	}

	/** The report of `blocks`, from the worker (a new one if the last one died). */
	private detect(run: number, blocks: CrBlock[]): Promise<CrReport> {
		const worker = (this.worker ??= newWorker());
		return new Promise((resolve, reject) => {
			const failed = () => {
				worker.terminate();
				if (this.worker === worker) this.worker = null;
				reject(new Error('detectors failed'));
			};
			worker.onmessage = (e: MessageEvent<FromCheckWorker>) => {
				if (e.data.id !== run) return;
				if ('report' in e.data) resolve(e.data.report);
				else failed();
			};
			worker.onerror = failed;
			worker.postMessage({ id: run, blocks } satisfies ToCheckWorker);
		});
	}

	reset(): void {
		this.run++;
		this.phase = 'idle';
		this.error = null;
		this.result = null;
	}

	async checkFile(file: File): Promise<void> {
		const run = this.begin('reading');
		const t0 = performance.now();
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			const { extractBlocks } = await import('./extract');
			const { format, blocks } = await extractBlocks(file.name, bytes);
			if (run !== this.run) return;
			await this.finish(run, file.name, format, blocks, t0);
		} catch (e) {
			this.fail(run, e);
		}
	}

	async checkText(text: string): Promise<void> {
		const run = this.begin('checking');
		const t0 = performance.now();
		try {
			if (text.length > MAX_PASTE_CHARS)
				throw new DocumentError(
					'Ce texte dépasse 500 000 caractères : vérifiez le compte rendu en plusieurs fois.'
				);
			const { textBlocks } = await import('./text');
			await this.finish(run, 'Texte collé', 'collé', textBlocks(text), t0);
		} catch (e) {
			this.fail(run, e);
		}
	}

	private begin(phase: Phase): number {
		this.run++;
		this.phase = phase;
		this.error = null;
		this.result = null;
		return this.run;
	}

	private async finish(
		run: number,
		name: string,
		format: DocFormat | 'collé',
		blocks: CrBlock[],
		t0: number
	): Promise<void> {
		this.phase = 'checking';
		const report = await this.detect(run, blocks);
		if (run !== this.run) return;
		this.result = { name, format, blocks, report, ms: Math.round(performance.now() - t0) };
		this.phase = 'done';
	}

	private fail(run: number, e: unknown): void {
		if (run !== this.run) return;
		this.phase = 'failed';
		this.error =
			e instanceof DocumentError
				? e.message
				: 'Ce document n’a pas pu être lu : enregistrez-le au format .docx, .odt ou PDF, ou collez son texte.';
	}
}

// The state of one compte rendu check on the page: the document read by its lazily loaded reader,
// then checked by the contracts' detectors, all in this browser (nothing is sent or stored). The
// detectors (names lexicon included) are a chunk of their own, fetched when the page opens.
import type { CrBlock, CrReport } from '$contracts/compte-rendu/check';
import { DocumentError } from './errors';
import type { DocFormat } from './extract';

export type Phase = 'idle' | 'reading' | 'checking' | 'done' | 'failed';

/** Pasted text beyond this is refused (a compte rendu is a few pages). */
export const MAX_PASTE_CHARS = 500_000;

const detectors = () => import('$contracts/compte-rendu/check');

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

	warm(): void {
		detectors().catch(() => undefined);
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
		const { checkCompteRendu } = await detectors();
		// let the page show « Vérification… » before the detectors take the thread
		await new Promise((r) => setTimeout(r, 0));
		if (run !== this.run) return;
		const report = checkCompteRendu(blocks);
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

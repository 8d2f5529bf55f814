// The state of one upload on the page: the validation worker (progress, cancel), the report and
// its grid, the rows handed to DuckDB for the preview, and the sending of the original bytes.
import type { Report } from '$contracts/report';
import type { FromWorker, GridData, ToWorker } from './protocol';

export type Phase = 'idle' | 'checking' | 'report' | 'sending' | 'sent' | 'failed';

export interface SendResult {
	ok: boolean;
	status: number;
	message: string;
	version?: number;
	changes?: string | null;
	duplicate?: boolean;
}

function newWorker(): Worker {
	return new Worker(new URL('./validate.worker.ts', import.meta.url), { type: 'module' });
}

export class UploadState {
	phase = $state<Phase>('idle');
	file = $state<File | null>(null);
	progress = $state(0);
	progressLabel = $state('');
	report = $state.raw<Report | null>(null);
	grid = $state.raw<GridData | null>(null);
	/** Arrow IPC chunks of the valid rows (only for an accepted file) */
	chunks = $state.raw<Uint8Array[] | null>(null);
	validRows = $state(0);
	message = $state<string | null>(null);
	sendResult = $state.raw<SendResult | null>(null);
	/** questions the server asks before storing this version (with their figures) */
	confirm = $state.raw<{ code: string; message: string }[] | null>(null);
	checkMs = $state(0);

	readonly accepted = $derived(this.report?.ok === true);
	readonly busy = $derived(this.phase === 'checking' || this.phase === 'sending');

	private worker: Worker | null = null;
	/** a worker created ahead (its module loaded and parsed) for the next file */
	private spare: Worker | null = null;

	constructor(
		readonly kind: string,
		readonly maxBytes: number,
		/** the deployment's disclosure threshold (the admin's setting, from the page's data) */
		readonly k: number
	) {}

	start(file: File): void {
		this.stopWorker();
		this.file = file;
		this.phase = 'checking';
		this.progress = 0;
		this.progressLabel = 'Lecture du fichier…';
		this.report = null;
		this.grid = null;
		this.chunks = null;
		this.validRows = 0;
		this.message = null;
		this.sendResult = null;
		this.confirm = null;
		const worker = this.spare ?? newWorker();
		this.spare = null;
		this.worker = worker;
		const chunks: Uint8Array[] = [];
		worker.onmessage = (e: MessageEvent<FromWorker>) => {
			if (this.worker !== worker) return;
			const m = e.data;
			switch (m.type) {
				case 'progress':
					this.progress = m.total ? Math.round((m.done / m.total) * 100) : 0;
					this.progressLabel =
						m.phase === 'lecture'
							? 'Lecture du fichier…'
							: `Contrôle du fichier : ${this.progress} %`;
					break;
				case 'report':
					this.report = m.report;
					this.checkMs = m.ms;
					this.phase = 'report';
					break;
				case 'grid':
					this.grid = m.grid;
					break;
				case 'chunk':
					chunks.push(m.ipc);
					this.validRows += m.rows;
					break;
				case 'rows-done':
					this.chunks = chunks;
					break;
				case 'end':
					this.stopWorker();
					break;
				case 'failed':
					this.phase = 'failed';
					this.message = m.message;
					this.stopWorker();
					break;
			}
		};
		worker.onerror = () => {
			if (this.worker !== worker) return;
			this.phase = 'failed';
			this.message =
				'Le contrôle du fichier s’est interrompu : rechargez la page et déposez le fichier à nouveau.';
			this.stopWorker();
		};
		const msg: ToWorker = {
			type: 'start',
			kind: this.kind,
			file,
			maxBytes: this.maxBytes,
			k: this.k
		};
		worker.postMessage(msg);
	}

	/**
	 * Creates the worker before a file is chosen, so that its module is loaded and parsed when the
	 * check starts (browser only; the page calls it once mounted).
	 */
	warm(): void {
		this.spare ??= newWorker();
	}

	/** Stops the check at once (the worker is terminated); nothing was sent. */
	cancel(): void {
		if (this.phase !== 'checking') return;
		this.stopWorker();
		this.phase = 'idle';
		this.file = null;
		this.message = 'Contrôle annulé : aucun fichier n’a été envoyé.';
	}

	reset(): void {
		this.stopWorker();
		this.phase = 'idle';
		this.file = null;
		this.report = null;
		this.grid = null;
		this.chunks = null;
		this.sendResult = null;
		this.confirm = null;
		this.message = null;
	}

	/**
	 * Sends the original bytes; the server checks them again. It may first ask for a confirmation
	 * (`confirm`): sending again with `confirmed` answers it.
	 */
	async send(url: string, confirmed = false): Promise<SendResult> {
		if (!this.file || !this.accepted) throw new Error('nothing to send');
		this.phase = 'sending';
		this.confirm = null;
		let result: SendResult;
		try {
			const query = `nom=${encodeURIComponent(this.file.name)}${confirmed ? '&confirmer=1' : ''}`;
			const res = await fetch(`${url}?${query}`, {
				method: 'POST',
				headers: {
					'content-type': this.file.type || 'application/octet-stream',
					accept: 'application/json'
				},
				body: this.file
			});
			const body = (await res.json().catch(() => null)) as {
				message?: string;
				report?: Report;
				version?: number;
				changes?: string | null;
				duplicate?: boolean;
				confirm?: { code: string; message: string }[];
			} | null;
			if (res.status === 409 && body?.confirm?.length) {
				this.confirm = body.confirm;
				this.phase = 'report';
				return { ok: false, status: 409, message: '' };
			}
			if (res.ok && body) {
				result = {
					ok: true,
					status: res.status,
					message: body.message ?? 'Fichier envoyé.',
					version: body.version,
					changes: body.changes ?? null,
					duplicate: body.duplicate
				};
			} else {
				if (body?.report) this.report = body.report;
				result = {
					ok: false,
					status: res.status,
					message:
						res.status === 413
							? 'Le serveur refuse ce fichier : il est trop volumineux.'
							: body?.report
								? 'Le serveur a refusé le fichier : voyez le rapport ci-dessous.'
								: (body?.message ?? 'L’envoi a échoué : réessayez dans un instant.')
				};
			}
		} catch {
			result = {
				ok: false,
				status: 0,
				message:
					'Le serveur ne répond pas : vérifiez votre connexion et réessayez. Rien n’a été enregistré.'
			};
		}
		this.sendResult = result;
		this.phase = result.ok ? 'sent' : 'report';
		return result;
	}

	private stopWorker(): void {
		this.worker?.terminate();
		this.worker = null;
	}

	destroy(): void {
		this.stopWorker();
		this.spare?.terminate();
		this.spare = null;
	}
}

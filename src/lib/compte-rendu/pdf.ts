// The browser's PDF reader: pdf.js with its worker (served by the app, so the CSP's
// `worker-src 'self'` admits it) and eval disabled (`isEvalSupported: false`, the CSP forbids it).
// Loaded only when a PDF is dropped.
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { CrBlock } from '$contracts/compte-rendu/check';
import { pdfBlocks, type PdfjsLike } from './pdf-text';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export function pdfFileBlocks(bytes: Uint8Array): Promise<CrBlock[]> {
	return pdfBlocks(pdfjs as unknown as PdfjsLike, bytes);
}

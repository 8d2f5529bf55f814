// The compte rendu check off the main thread: the contracts' detectors (names lexicon included)
// run on the blocks the page extracted, so a long document never freezes the page. The blocks
// come from the page and the report goes back to it: nothing leaves the browser.
import { checkCompteRendu, type CrBlock, type CrReport } from '$contracts/compte-rendu/check';

export type ToCheckWorker = { id: number; blocks: CrBlock[] };
export type FromCheckWorker = { id: number; report: CrReport } | { id: number; failed: true };

self.onmessage = (e: MessageEvent<ToCheckWorker>) => {
	const { id, blocks } = e.data;
	let reply: FromCheckWorker;
	try {
		reply = { id, report: checkCompteRendu(blocks) };
	} catch {
		reply = { id, failed: true };
	}
	(self as unknown as Worker).postMessage(reply);
};

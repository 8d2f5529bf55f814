// Why: protecting a département-year's table set costs seconds of CPU (linear programs); on the
// event loop it would stall every other request. This worker thread runs it; the server only
// reads the data and cuts releases from the result.
import { parentPort } from 'node:worker_threads';
import { protectTableSet, type TableSetInput } from './table-set';

parentPort?.on('message', (job: { id: number; input: TableSetInput }) => {
	protectTableSet(job.input).then(
		(set) => parentPort?.postMessage({ id: job.id, set }),
		(e: unknown) => parentPort?.postMessage({ id: job.id, error: String(e) })
	);
});

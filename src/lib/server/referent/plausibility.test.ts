import { describe, expect, it } from 'vitest';
import { NNBSP } from '$lib/format';
import { confirmationsFor } from './plausibility';

describe('versions to confirm', () => {
	it('asks before a version that deletes most rows, with the figures', () => {
		const [q] = confirmationsFor('situations', 6, 100_000, 60_000_000);
		expect(q.code).toBe('rows.drop');
		expect(q.message).toContain(`supprime 99${NNBSP}994 des 100${NNBSP}000 lignes`);
		expect(q.message).toContain('il n’en resterait que 6');
	});
	it('asks before implausibly many situations for the population', () => {
		const q = confirmationsFor('situations', 100_000, null, 322);
		expect(q.map((x) => x.code)).toEqual(['rows.implausible']);
		expect(q[0].message).toContain(`100${NNBSP}000 situations pour 322 habitants`);
		expect(confirmationsFor('incidents', 400, null, 322)[0].message).toContain('400 incidents');
	});
	it('lets ordinary versions through', () => {
		// a correction, a small file, a group of a large town, meetings
		expect(confirmationsFor('situations', 55, 60, 67_000)).toEqual([]);
		expect(confirmationsFor('situations', 2, 8, 322)).toEqual([]);
		expect(confirmationsFor('situations', 1_200, 900, 67_000)).toEqual([]);
		expect(confirmationsFor('seances', 400, null, 322)).toEqual([]);
		expect(confirmationsFor('situations', 30, null, null)).toEqual([]);
	});
});

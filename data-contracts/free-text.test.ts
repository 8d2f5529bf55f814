import { describe, expect, it } from 'vitest';
import { scanFreeText } from './free-text';

describe('typed free text', () => {
	it('points at the field and line of each identifier, as a file report points at a cell', () => {
		const r = scanFreeText('bilan', [
			{
				name: 'faits_marquants',
				value: 'Six séances.\nMme Lefèvre, mère de Yanis… 01 64 97 00 32'
			},
			{ name: 'perspectives', value: 'Poursuivre le travail avec le collège.' }
		]);
		expect(r.ok).toBe(false);
		expect(r.errors.map((e) => `${e.column}:${e.row}:${e.code}`).sort()).toEqual([
			'faits_marquants:2:pii.name',
			'faits_marquants:2:pii.phone'
		]);
		for (const e of r.errors) {
			expect(e.message).toMatch(/^Donnée personnelle détectée/);
			expect(e.message).not.toContain('Lefèvre');
			expect(e.message).not.toContain('97 00');
		}
	});
	it('accepts institutional prose', () => {
		const r = scanFreeText('commentaire', [
			{
				name: 'Introduction',
				value:
					'Le centre social Pablo Picasso et le collège Paul Éluard ont accueilli 12 ateliers en mars 2025.'
			}
		]);
		expect(r).toMatchObject({ ok: true, errors: [] });
	});
});

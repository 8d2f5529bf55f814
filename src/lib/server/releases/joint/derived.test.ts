import { describe, expect, it } from 'vitest';
import { delaiBand, examensBand, qpvBand, withDerived } from './derived';

describe('bands derived from collected fields', () => {
	it.each([
		['QN09101M', 'qpv'],
		['QP091001', 'qpv'],
		['hors_qpv', 'hors_qpv'],
		['', 'non_renseigne']
	])(
		'reads a QPV code of either geography as QPV, and an empty quartier as not given: %o → %s',
		(quartier, band) => {
			expect(qpvBand(quartier)).toBe(band);
		}
	);

	it('bands examinations at their edges', () => {
		expect([1, 2, 3, 4, 99].map(examensBand)).toEqual(['1', '2-3', '2-3', '4+', '4+']);
	});

	it.each([
		['2025-01', '2025-01', '0-2'],
		['2025-01', '2025-03', '0-2'],
		['2025-01', '2025-04', '3-5'],
		['2024-11', '2025-04', '3-5'],
		['2024-10', '2025-04', '6+'],
		['2025-01', '', '']
	])('bands months to closure at their edges: %s to %o → %o', (first, closed, band) => {
		expect(delaiBand(first, closed)).toBe(band);
	});

	it('drops the raw fields from a row and bands only closed situations', () => {
		const row = withDerived({
			statut: 'en_cours',
			quartier: 'QN09101M',
			nb_examens: '5',
			date_premier_examen: '2025-01',
			date_cloture: ''
		});
		expect(row).toEqual({ statut: 'en_cours', qpv: 'qpv', examens: '4+', delai_cloture: '' });
		expect(
			withDerived({
				statut: 'cloturee',
				quartier: '',
				nb_examens: '1',
				date_premier_examen: '2025-01',
				date_cloture: '2025-07'
			}).delai_cloture
		).toBe('6+');
	});
});

import { describe, expect, it } from 'vitest';
import { delaiBand, examensBand, qpvBand, withDerived } from './derived';

describe('bands derived from collected fields', () => {
	it('reads a QPV code of either geography as QPV, and an empty quartier as not given', () => {
		expect(qpvBand('QN09101M')).toBe('qpv');
		expect(qpvBand('QP091001')).toBe('qpv');
		expect(qpvBand('hors_qpv')).toBe('hors_qpv');
		expect(qpvBand('')).toBe('non_renseigne');
	});

	it('bands examinations and months to closure at their edges', () => {
		expect([1, 2, 3, 4, 99].map(examensBand)).toEqual(['1', '2-3', '2-3', '4+', '4+']);
		expect(delaiBand('2025-01', '2025-01')).toBe('0-2');
		expect(delaiBand('2025-01', '2025-03')).toBe('0-2');
		expect(delaiBand('2025-01', '2025-04')).toBe('3-5');
		expect(delaiBand('2024-11', '2025-04')).toBe('3-5');
		expect(delaiBand('2024-10', '2025-04')).toBe('6+');
		expect(delaiBand('2025-01', '')).toBe('');
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

import { describe, expect, it } from 'vitest';
import { dayAfterPeriod } from '$contracts/period';
import { dueNext, groupPeriods, kindState, stateLabel } from './periods';
import { describeChanges, ChangeTracker } from './diff';

const NOW = new Date('2026-11-27T10:00:00Z');

describe('group periods and states', () => {
	it('lists every semester from the first one to the current one, plus other submitted periods', () => {
		const periods = groupPeriods('2023-01-15T09:00:00Z', ['2023-S1', '2024-T2'], NOW);
		expect(periods).toEqual([
			'2023-S1',
			'2023-S2',
			'2024-S1',
			'2024-T2',
			'2024-S2',
			'2025-S1',
			'2025-S2',
			'2026-S1',
			'2026-S2'
		]);
	});

	it('a period is running, then missing, then late 60 days after its end', () => {
		expect(dayAfterPeriod('2026-S1').toISOString()).toBe('2026-07-01T00:00:00.000Z');
		expect(kindState('2026-S2', undefined, false, NOW).state).toBe('a_venir');
		expect(kindState('2026-S1', undefined, false, new Date('2026-08-15T00:00:00Z')).state).toBe(
			'manquant'
		);
		const late = kindState('2026-S1', undefined, false, NOW);
		expect(late.state).toBe('en_retard');
		expect(kindState('2026-S1', undefined, true, NOW).state).toBe('brouillon');
		const sent = kindState(
			'2026-S1',
			{ version: 2, uploaded_at: '2026-07-02T00:00:00Z', row_count: 10 },
			false,
			NOW
		);
		expect(stateLabel(sent)).toBe('Envoyé v2');
	});

	it('follows the due date of a collection campaign when one asks for the period', () => {
		const after = new Date('2026-11-27T10:00:00Z');
		expect(kindState('2026-S1', undefined, false, after).state).toBe('en_retard');
		expect(kindState('2026-S1', undefined, false, after, '2026-12-11').state).toBe('manquant');
		const late = kindState('2026-S1', undefined, false, after, '2026-11-20');
		expect(late).toMatchObject({ state: 'en_retard', daysLate: 7 });
		expect(kindState('2026-S2', undefined, false, after, '2026-11-20').state).toBe('en_retard');
		// asked by a campaign, due later: missing, never "period under way" (no « Tout est à jour »)
		expect(kindState('2026-S2', undefined, false, after, '2026-12-31').state).toBe('manquant');
	});

	it('what is due next: late periods first, oldest first', () => {
		const s = (state: 'en_retard' | 'manquant' | 'a_venir') =>
			state === 'en_retard' ? { state, daysLate: 3 } : { state };
		const kinds = (st: 'en_retard' | 'manquant' | 'a_venir') => ({
			situations: s(st),
			seances: s(st),
			incidents: s(st),
			bilan: s(st)
		});
		const next = dueNext([
			{ period: '2026-S1', kinds: kinds('manquant') },
			{ period: '2025-S2', kinds: kinds('en_retard') }
		]);
		expect(next).toEqual({
			period: '2025-S2',
			kinds: ['situations', 'seances', 'incidents', 'bilan'],
			late: true
		});
		expect(dueNext([{ period: '2026-S2', kinds: kinds('a_venir') }])).toBeNull();
	});
});

describe('change summary', () => {
	const sit = (ref: string, evaluation = 'amelioration', statut = 'en_cours') => ({
		ref_situation: ref,
		date_premier_examen: '2026-02',
		problematique: 'addictions',
		tranche_age: '14-15',
		sexe: 'F',
		quartier: null,
		information_interesse: 'informe',
		accord: 'obtenu',
		institution_pilote: 'commune',
		strategie: 'mediation',
		nb_examens: 2,
		transmission_hors_groupe: 'aucune',
		statut,
		evaluation,
		date_cloture: null,
		commentaire: null
	});

	it('keys situations by reference and counts changed cells by column', () => {
		const t = new ChangeTracker('situations', 1, [sit('A-1'), sit('A-2'), sit('A-3')]);
		// the database gives numbers and nulls, the validator numbers and nulls too; strings equal
		t.add({ ...sit('A-1'), nb_examens: 2 });
		t.add(sit('A-2', 'degradation'));
		t.add(sit('A-4'));
		const s = t.summary();
		expect(s).toEqual({
			previousVersion: 1,
			added: 1,
			removed: 1,
			changed: 1,
			unchanged: 1,
			byColumn: { evaluation: 1 }
		});
		expect(describeChanges('situations', s)).toBe(
			'Par rapport à la version 1 : 1 ligne ajoutée, 1 ligne supprimée, 1 ligne modifiée (évaluation : 1).'
		);
	});

	it('pairs séances by date, compares booleans stored as 0/1 with validator booleans', () => {
		const db = (date: string, odj: number) => ({
			date_seance: date,
			ordre_du_jour_prealable: odj,
			compte_rendu: 1,
			nb_situations_examinees: 4,
			nb_nouvelles_situations: 1,
			evaluation_strategies_precedentes: 'oui',
			institutions_presentes: 'commune'
		});
		const t = new ChangeTracker('seances', 3, [db('2026-01-10', 1), db('2026-01-10', 0)]);
		t.add({ ...db('2026-01-10', 0), ordre_du_jour_prealable: false });
		t.add({ ...db('2026-01-10', 1), ordre_du_jour_prealable: true, compte_rendu: false });
		const s = t.summary();
		expect(s.unchanged).toBe(1);
		expect(s.changed).toBe(1);
		expect(s.byColumn).toEqual({ compte_rendu: 1 });
	});

	it('compares incidents as a multiset of rows', () => {
		const inc = (suite: string) => ({
			date_incident: '2026-03',
			sens: 'groupe_vers_institution',
			motif: 'autre',
			suite,
			description: null
		});
		const t = new ChangeTracker('incidents', 1, [inc('resolu'), inc('resolu'), inc('en_cours')]);
		t.add(inc('resolu'));
		t.add(inc('sans_suite'));
		expect(t.summary()).toMatchObject({ added: 1, removed: 2, changed: 0, unchanged: 1 });
	});
});

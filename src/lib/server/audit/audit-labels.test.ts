import { describe, expect, it } from 'vitest';
import { actionLabel, detailsText, targetLabel } from './audit-labels';
import { journalCsv } from './journal';

describe('audit journal in words', () => {
	it('names actions, targets and details with labels, never codes or JSON', () => {
		expect(actionLabel('login.success')).toBe('Connexion réussie');
		expect(actionLabel('release.view')).toBe('Bilan consulté');
		expect(targetLabel('group', 'evry-cve')).toBe('Groupe evry-cve');
		const text = detailsText(
			JSON.stringify({
				group: 'evry-cve',
				kind: 'situations',
				period: '2026-S1',
				errors: { 'pii.name': 2, 'value.required': 1 }
			})
		);
		expect(text).toBe(
			"Groupe : evry-cve ; Type de fichier : Situations examinées ; Période : 1er semestre 2026 ; Problèmes : Donnée personnelle : le nom ou le prénom d'une personne (2), Cellule obligatoire vide (1)"
		);
		expect(detailsText('{"method":"password+totp"}')).toBe(
			'Méthode : mot de passe et code à usage unique'
		);
		expect(detailsText('{"grants":["referent:group:evry-cve"],"mailed":false}')).toBe(
			'Droits : Référent de groupe (groupe evry-cve) ; Courriel envoyé : non'
		);
		expect(detailsText('{"institution":"education_nationale","coordinator":true}')).toBe(
			'Institution : Éducation nationale ; Coordonnateur : oui'
		);
		expect(actionLabel('charte.protocole')).toBe('Protocole local enregistré (nouvelle version)');
		expect(detailsText('{"disclosureThreshold":{"from":5,"to":6}}')).toBe(
			'Seuil de secret : 5 → 6'
		);
	});
	it('exports the same words in the CSV, dates in Paris time', () => {
		const csv = journalCsv([
			{
				id: 7,
				at: '2026-07-01T10:05:00.000Z',
				actor_id: 'u1',
				actor_label: 'elu.evry@demo.bilans.fr',
				action: 'release.view',
				target_type: 'commune',
				target_id: '91228',
				details: '{"period":"2026-S1","view":"page"}',
				ip: '127.0.0.1',
				user_agent: null
			}
		]);
		expect(csv).toContain('01/07/2026 12:05');
		expect(csv).toContain(
			'Bilan consulté;Commune 91228;"Période : 1er semestre 2026 ; Vue : page"'
		);
		expect(csv).not.toMatch(/release\.view|\{"/);
	});
});

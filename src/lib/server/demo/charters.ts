// Demo charters: most demo groups have a member list (the institutions they were created with,
// each with a function), a coordinator from their coordinating institution and a local protocol
// adopted between 2023 and 2025; a few have none, so the annual bilan has something to count.
// Professional contacts are fictitious and given to some members only (they are optional).
// Deterministic: the same groups get the same charter on every seed.
import type { Transaction } from 'kysely';
import { INSTITUTIONS, type Institution } from '$contracts/codes';
import { hashSeed, rng } from '$contracts/generate';
import type { Database } from '../db/schema';
import type { DemoGroup } from './seed';

const FUNCTIONS: Record<Institution, string> = {
	education_nationale: 'Conseillère principale d’éducation',
	justice: 'Substitut du procureur chargé des mineurs',
	pjj: 'Éducateur de la protection judiciaire de la jeunesse',
	police_nationale: 'Délégué police-population',
	gendarmerie: 'Commandant de brigade',
	police_municipale: 'Chef de service de police municipale',
	conseil_departemental: 'Responsable de maison départementale des solidarités',
	prevention_specialisee: 'Éducatrice de prévention spécialisée',
	commune: 'Coordonnateur du CLSPD',
	ccas: 'Travailleuse sociale du CCAS',
	bailleur: 'Chargé de gestion sociale et urbaine',
	mission_locale: 'Conseillère en insertion',
	sante: 'Infirmière de secteur psychiatrique',
	transport: 'Responsable sûreté du réseau de bus',
	autre: 'Médiateur social'
};

/** Fictitious contacts, clearly demo ones. */
const CONTACTS = ['Claire Démo', 'Karim Exemple', 'Sophie Fictive', 'Julien Essai'];

/** Communes whose élus adopted a commune-wide local protocol in the demo. */
const COMMUNE_PROTOCOLS = ['91228', '91377'];

export const protocolText = (of: string) => ({
	texte: `Les partenaires ${of} appliquent le protocole départemental : ordre du jour transmis huit jours avant chaque séance, information préalable des familles par l’institution qui les suit, compte rendu limité à la solution envisagée et à l’institution pilote.`,
	limites:
		'Aucune information médicale ni judiciaire détaillée n’est partagée ; seules les informations utiles à la résolution de la situation sont dites ; rien n’est transmis à une institution non représentée sans l’accord du groupe.',
	regulation:
		'En cas de désaccord, le coordonnateur réunit les partenaires concernés dans le mois ; une institution peut écrire au groupe, et le groupe à une institution, selon la procédure d’incident.',
	lieu: 'Salle de réunion de la maison de quartier'
});

export async function seedDemoCharters(
	trx: Transaction<Database>,
	groups: DemoGroup[]
): Promise<void> {
	const at = '2023-01-20T09:00:00.000Z';
	for (const [i, g] of groups.entries()) {
		const r = rng(hashSeed('charte', g.id));
		if (i % 5 !== 4) {
			const members = [...new Set<Institution>([g.coordinator, ...g.members])];
			const coordinated = i % 7 !== 3;
			await trx
				.insertInto('group_members')
				.values(
					members.map((inst, j) => {
						const contact = r() < 0.4 ? CONTACTS[Math.floor(r() * CONTACTS.length)] : null;
						return {
							id: `demo-${g.id}-${j}`,
							group_id: g.id,
							institution: inst,
							fonction: FUNCTIONS[inst] ?? INSTITUTIONS.labels[inst],
							contact_name: contact,
							contact_email: contact
								? `${contact
										.normalize('NFD')
										.replace(/[\u0300-\u036f]/g, '')
										.toLowerCase()
										.replace(/[^a-z]+/g, '.')}@demo.bilans.fr`
								: null,
							coordinator: coordinated && j === 0 ? 1 : 0,
							created_at: at,
							updated_at: at,
							updated_by: null
						};
					})
				)
				.execute();
		}
		if (i % 3 !== 2) {
			const year = 2023 + Math.floor(r() * 3);
			const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
			await trx
				.insertInto('local_protocols')
				.values({
					id: `demo-${g.id}-1`,
					scope_type: 'group',
					scope_id: g.id,
					version: 1,
					adopted_on: `${year}-${month}-15`,
					...protocolText('du groupe'),
					created_by: null,
					created_at: `${year}-${month}-16T09:00:00.000Z`
				})
				.execute();
		}
	}
	for (const code of COMMUNE_PROTOCOLS)
		await trx
			.insertInto('local_protocols')
			.values({
				id: `demo-commune-${code}-1`,
				scope_type: 'commune',
				scope_id: code,
				version: 1,
				adopted_on: '2024-03-12',
				...protocolText('de la commune'),
				lieu: 'Hôtel de ville, salle du conseil',
				created_by: null,
				created_at: '2024-03-13T09:00:00.000Z'
			})
			.execute();
}

// Enumeration codes of contract v1 (shared/CONTRACT-v1.md), with their French labels.
// The single source for schemas, generator, seeding, releases and the UI: never retype a code.

export const KINDS = ['situations', 'seances', 'incidents', 'bilan'] as const;
export type Kind = (typeof KINDS)[number];
export const TABULAR_KINDS = ['situations', 'seances', 'incidents'] as const;
export type TabularKind = (typeof TABULAR_KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
	situations: 'Situations examinées',
	seances: 'Séances du groupe',
	incidents: "Procédure d'incident",
	bilan: 'Bilan qualitatif'
};

type Labels<T extends readonly string[]> = Record<T[number], string>;
const labelled = <const T extends readonly string[]>(codes: T, labels: Labels<T>) => ({
	codes,
	labels
});

export const INSTANCE_TYPES = labelled(
	[
		'commission_clspd',
		'groupe_fiche_action_cls',
		'cellule_veille_educative',
		'cellule_veille_securite',
		'cellule_gestion_crise'
	],
	{
		commission_clspd: 'Commission du CLSPD',
		groupe_fiche_action_cls: 'Groupe fiche-action du CLS',
		cellule_veille_educative: 'Cellule de veille éducative',
		cellule_veille_securite: 'Cellule de veille de sécurité',
		cellule_gestion_crise: 'Cellule locale de gestion de crise'
	}
);

export const PROBLEMATIQUES = labelled(
	[
		'decrochage_scolaire',
		'absenteisme_scolaire',
		'difficultes_educatives',
		'violences_intrafamiliales',
		'conduites_a_risque',
		'addictions',
		'troubles_tranquillite_publique',
		'delinquance',
		'victimation',
		'sante_mentale',
		'logement',
		'autre'
	],
	{
		decrochage_scolaire: 'Décrochage scolaire',
		absenteisme_scolaire: 'Absentéisme scolaire',
		difficultes_educatives: 'Difficultés éducatives',
		violences_intrafamiliales: 'Violences intrafamiliales',
		conduites_a_risque: 'Conduites à risque',
		addictions: 'Addictions',
		troubles_tranquillite_publique: 'Troubles à la tranquillité publique',
		delinquance: 'Délinquance',
		victimation: 'Victimation',
		sante_mentale: 'Santé mentale',
		logement: 'Logement',
		autre: 'Autre'
	}
);

export const TRANCHES_AGE = labelled(
	['0-5', '6-10', '11-13', '14-15', '16-17', '18-21', '22-25', '26+', 'famille'],
	{
		'0-5': '0 à 5 ans',
		'6-10': '6 à 10 ans',
		'11-13': '11 à 13 ans',
		'14-15': '14 à 15 ans',
		'16-17': '16 à 17 ans',
		'18-21': '18 à 21 ans',
		'22-25': '22 à 25 ans',
		'26+': '26 ans et plus',
		famille: 'Famille'
	}
);

export const SEXES = labelled(['F', 'M', 'NR'], { F: 'Femme', M: 'Homme', NR: 'Non renseigné' });

export const INFORMATION_INTERESSE = labelled(
	['informe', 'representants_legaux_informes', 'impossible', 'non_informe'],
	{
		informe: 'Personne informée',
		representants_legaux_informes: 'Représentants légaux informés',
		impossible: 'Information impossible',
		non_informe: 'Non informée'
	}
);

export const ACCORDS = labelled(['non_necessaire', 'obtenu', 'refuse', 'non_recherche'], {
	non_necessaire: 'Accord non nécessaire',
	obtenu: 'Accord obtenu',
	refuse: 'Accord refusé',
	non_recherche: 'Accord non recherché'
});

export const INSTITUTIONS = labelled(
	[
		'education_nationale',
		'justice',
		'pjj',
		'police_nationale',
		'gendarmerie',
		'police_municipale',
		'conseil_departemental',
		'prevention_specialisee',
		'commune',
		'ccas',
		'bailleur',
		'mission_locale',
		'sante',
		'transport',
		'autre'
	],
	{
		education_nationale: 'Éducation nationale',
		justice: 'Justice',
		pjj: 'Protection judiciaire de la jeunesse',
		police_nationale: 'Police nationale',
		gendarmerie: 'Gendarmerie',
		police_municipale: 'Police municipale',
		conseil_departemental: 'Conseil départemental',
		prevention_specialisee: 'Prévention spécialisée',
		commune: 'Commune',
		ccas: 'CCAS',
		bailleur: 'Bailleur',
		mission_locale: 'Mission locale',
		sante: 'Santé',
		transport: 'Transport',
		autre: 'Autre'
	}
);

export const STRATEGIES = labelled(
	[
		'orientation_droit_commun',
		'accompagnement_educatif',
		'soutien_parentalite',
		'mediation',
		'prise_en_charge_sante',
		'mesure_judiciaire',
		'remobilisation_scolaire',
		'insertion',
		'autre'
	],
	{
		orientation_droit_commun: 'Orientation vers le droit commun',
		accompagnement_educatif: 'Accompagnement éducatif',
		soutien_parentalite: 'Soutien à la parentalité',
		mediation: 'Médiation',
		prise_en_charge_sante: 'Prise en charge santé',
		mesure_judiciaire: 'Mesure judiciaire',
		remobilisation_scolaire: 'Remobilisation scolaire',
		insertion: 'Insertion',
		autre: 'Autre'
	}
);

export const TRANSMISSIONS = labelled(['aucune', 'avec_accord_groupe', 'sans_accord_groupe'], {
	aucune: 'Aucune transmission',
	avec_accord_groupe: "Avec l'accord du groupe",
	sans_accord_groupe: "Sans l'accord du groupe"
});

export const STATUTS = labelled(['en_cours', 'cloturee'], {
	en_cours: 'En cours',
	cloturee: 'Clôturée'
});

export const EVALUATIONS = labelled(
	['amelioration', 'amelioration_partielle', 'sans_evolution', 'degradation', 'non_evaluee'],
	{
		amelioration: 'Amélioration',
		amelioration_partielle: 'Amélioration partielle',
		sans_evolution: 'Sans évolution',
		degradation: 'Dégradation',
		non_evaluee: 'Non évaluée'
	}
);

export const OUI_NON = labelled(['oui', 'non'], { oui: 'Oui', non: 'Non' });

export const EVALUATION_STRATEGIES = labelled(['oui', 'non', 'sans_objet'], {
	oui: 'Oui',
	non: 'Non',
	sans_objet: 'Sans objet'
});

export const SENS_INCIDENT = labelled(['groupe_vers_institution', 'institution_vers_groupe'], {
	groupe_vers_institution: 'Du groupe vers une institution',
	institution_vers_groupe: "D'une institution vers le groupe"
});

export const MOTIFS_INCIDENT = labelled(
	[
		'utilisation_non_conforme',
		'transmission_sans_accord',
		'hors_champ_competence',
		'desaccord_strategie',
		'autre'
	],
	{
		utilisation_non_conforme: "Utilisation non conforme de l'information",
		transmission_sans_accord: 'Transmission sans accord du groupe',
		hors_champ_competence: 'Hors du champ de compétence',
		desaccord_strategie: 'Désaccord sur la stratégie',
		autre: 'Autre'
	}
);

export const SUITES_INCIDENT = labelled(['resolu', 'en_cours', 'sans_suite'], {
	resolu: 'Résolu',
	en_cours: 'En cours',
	sans_suite: 'Sans suite'
});

export const BILAN_SECTIONS = labelled(
	['faits_marquants', 'difficultes', 'bonnes_pratiques', 'perspectives'],
	{
		faits_marquants: 'Faits marquants',
		difficultes: 'Difficultés',
		bonnes_pratiques: 'Bonnes pratiques',
		perspectives: 'Perspectives'
	}
);

export type InstanceType = (typeof INSTANCE_TYPES.codes)[number];
export type Problematique = (typeof PROBLEMATIQUES.codes)[number];
export type TrancheAge = (typeof TRANCHES_AGE.codes)[number];
export type Sexe = (typeof SEXES.codes)[number];
export type Institution = (typeof INSTITUTIONS.codes)[number];
export type BilanSection = (typeof BILAN_SECTIONS.codes)[number];

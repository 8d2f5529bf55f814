// The département framework (first part of every local protocol, preamble of the Essonne protocol
// signed at Évry on 15 February 2005), summarised once, shown beside each local protocol: a
// static text, quoted from the protocol, that no user edits.

export interface FrameworkPoint {
	title: string;
	/** short quotations or faithful summaries of the protocol's paragraphs */
	items: string[];
}

export const FRAMEWORK_SIGNED = 'Signé à Évry, le 15 février 2005';

export const FRAMEWORK: FrameworkPoint[] = [
	{
		title: 'Un protocole en deux parties (préambule)',
		items: [
			'Le protocole local est constitué d’une première partie départementale, document cadre, et d’une deuxième précisant ses modalités d’application par les membres de l’instance locale.'
		]
	},
	{
		title: 'Critère de l’échange (§2)',
		items: [
			'L’information doit être utile pour la personne qui en fait l’objet et pour la résolution de la situation.',
			'Une information connue mais non nécessaire à la résolution du problème n’a pas à être dite.',
			'L’information donnée devient une information partagée, de la responsabilité du groupe : sa transmission à une institution non représentée ne peut se faire sans son accord.',
			'L’information de l’intéressé ou de ses représentants légaux, lorsqu’elle est possible, est un préalable ; leur accord, quand il est nécessaire, est recherché.'
		]
	},
	{
		title: 'Composition du groupe (§3)',
		items: [
			'L’assemblée plénière, présidée par le maire, fixe, coordonne, oriente et évalue la politique locale ; l’échange d’information ne se fait que dans les groupes de travail.',
			'Le groupe réunit des professionnels ayant une légitimité et un champ de compétences utiles ; une liste des membres est définie pour chaque groupe.'
		]
	},
	{
		title: 'Modalités de travail (§4)',
		items: [
			'Un coordonnateur veille au respect des compétences de chacun et du protocole, prépare les réunions (ordre du jour) et s’assure qu’un compte rendu est établi.',
			'Le compte rendu ne mentionne que la solution envisagée et l’institution qui la conduira.',
			'Les partenaires établissent en commun les limites du partage et les modes de régulation en cas de conflit, dont une procédure d’incident (lettre du groupe à une institution, ou d’une institution au groupe).',
			'Le lieu habituel de réunion est choisi avec pertinence.'
		]
	},
	{
		title: 'Évaluation (§5)',
		items: [
			'Les groupes rendent compte de leur travail sur le plan statistique et qualitatif ; ce bilan ne peut être nominatif.',
			'Un bilan annuel de l’application du protocole est présenté au Conseil départemental de prévention.'
		]
	}
];

// Test corpora for the identifier detector: clean institutional prose that must pass, and
// planted identifiers in many spellings that must be refused. Test data only.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Commune = { nom: string; departement?: string; type: string };
const communes: Commune[] = require('@etalab/decoupage-administratif/data/communes.json');
export const ESSONNE = communes
	.filter((c) => c.departement === '91' && c.type === 'commune-actuelle')
	.map((c) => c.nom);

const INSTITUTIONS = [
	"l'Éducation nationale",
	'la Protection judiciaire de la jeunesse',
	'la Police nationale',
	'la gendarmerie',
	'la police municipale',
	'le Conseil départemental',
	'la prévention spécialisée',
	'le CCAS',
	'la mission locale',
	'le bailleur social',
	'France Travail',
	"l'Aide sociale à l'enfance",
	'la Maison des solidarités',
	'le centre médico-psychologique',
	'la Caisse d’allocations familiales',
	'le Parquet d’Évry',
	'la Préfecture de l’Essonne',
	'le SPIP',
	'la PMI',
	'la Maison de la justice et du droit'
];
const LAWS = [
	'la loi du 5 mars 2007 relative à la prévention de la délinquance',
	"l'article L. 121-1 du code de l'action sociale et des familles",
	"l'article L. 132-5 du code de la sécurité intérieure",
	'le décret du 23 juillet 2007',
	"l'article 226-13 du code pénal",
	'la circulaire du 9 mai 2019',
	'le protocole départemental de 2005',
	'la loi n° 2016-297 du 14 mars 2016 relative à la protection de l’enfant',
	'la charte déontologique type du 1er juillet 2010',
	"l'article L. 2211-5 du code général des collectivités territoriales"
];
const MONTHS = [
	'janvier',
	'février',
	'mars',
	'avril',
	'mai',
	'juin',
	'septembre',
	'octobre',
	'novembre',
	'décembre'
];

const TEMPLATES: ((c: string, i: string, l: string, m: string, n: number) => string)[] = [
	(c, i, _l, m, n) => `À ${c}, ${n} situations ont été examinées en ${m} 2025 avec ${i}.`,
	(c, i) => `Le groupe de ${c} a sollicité ${i} pour une orientation vers le droit commun.`,
	(c, _i, l) => `Conformément à ${l}, le CLSPD de ${c} a validé la charte déontologique.`,
	(_c, i, _l, m) => `La séance de ${m} a réuni ${i}, la commune et le bailleur.`,
	(c, _i, _l, _m, n) => `${n} nouvelles situations de décrochage scolaire ont été repérées à ${c}.`,
	(c, i) => `La cellule de veille éducative de ${c} travaille avec ${i} depuis deux ans.`,
	(_c, i, l) => `Les échanges d'information respectent ${l} ; ${i} en a été informée.`,
	(c, _i, _l, m) =>
		`Le bilan du premier semestre de ${c} sera présenté en ${m} à l'assemblée plénière.`,
	(c, i, _l, _m, n) => `Au total, ${n} jeunes de ${c} ont été orientés vers ${i}.`,
	(c) => `Le Maire de ${c} a présidé la réunion plénière du conseil local de sécurité.`,
	(c, i) => `Monsieur le Maire de ${c} remercie ${i} pour sa participation régulière.`,
	(c, _i, _l, m) =>
		`Madame la Préfète a rappelé en ${m} les priorités du plan départemental de prévention, à ${c}.`,
	(c, i) =>
		`Les quartiers prioritaires de ${c} concentrent la moitié des situations suivies par ${i}.`,
	(_c, i, _l, _m, n) =>
		`${i.charAt(0).toUpperCase()}${i.slice(1)} a participé à ${n} séances sur 12.`,
	(c) => `Une convention avec le collège Jean Moulin de ${c} a permis de réduire l'absentéisme.`,
	(c, _i, _l, m) =>
		`Le forum des associations de ${c} s'est tenu en ${m}, avec les partenaires du contrat de ville.`,
	(c, i) => `Le groupe fiche-action du CLS de ${c} associe ${i} et l'Agence régionale de santé.`,
	(_c, i, l) =>
		`Aucune information n'a été transmise hors du groupe sans accord, selon ${l} ; ${i} l'a vérifié.`,
	(c, _i, _l, _m, n) => `Le taux de situations clôturées atteint ${n} % à ${c} cette année.`,
	(c, i) => `La prévention spécialisée intervient dans trois quartiers de ${c} en lien avec ${i}.`,
	(c, _i, _l, m) =>
		`La rentrée de septembre a été préparée avec le lycée de ${c} et le centre d'information et d'orientation ; point d'étape en ${m}.`,
	(c) => `Les violences intrafamiliales restent la première problématique signalée à ${c}.`,
	(c, i, _l, _m, n) =>
		`Entre 2023 et 2025, ${n} situations ont été suivies conjointement avec ${i} à ${c}.`,
	(_c, i) => `Le référent de parcours de ${i} rend compte de l'évolution au groupe.`,
	(c) =>
		`La Mission locale de ${c} propose des ateliers de remobilisation pendant les vacances de printemps.`,
	// facilities named after a person: after the facility word, a name is a place
	(c, _i, _l, m) =>
		`Un atelier parents-enfants a lieu au centre social Pablo Picasso de ${c} depuis ${m}.`,
	(c) =>
		`Les collégiens du collège Paul Éluard et de l’école Jules Ferry de ${c} ont participé au forum.`,
	(c, _i, _l, _m, n) =>
		`${n} jeunes ont fréquenté le gymnase Marcel Cerdan et la médiathèque Albert Camus à ${c}.`,
	(c) => `La permanence se tient rue Victor Hugo, puis avenue Jean Jaurès, à ${c}.`,
	(c, i) => `Le lycée Georges Brassens de ${c} a sollicité ${i} pour une action de prévention.`,
	(c, _i, _l, m) =>
		`Le centre social Nelson Mandela et l’espace culturel Jacques Prévert de ${c} ont ouvert en ${m}.`
];

/** At least 250 clean sentences combining communes, institutions, laws, months and numbers. */
export function cleanCorpus(): string[] {
	const out: string[] = [];
	let k = 0;
	for (let round = 0; round < 10; round++)
		for (const t of TEMPLATES) {
			const c = ESSONNE[(k * 37) % ESSONNE.length];
			out.push(
				t(
					c,
					INSTITUTIONS[k % INSTITUTIONS.length],
					LAWS[k % LAWS.length],
					MONTHS[k % MONTHS.length],
					2 + ((k * 7) % 40)
				)
			);
			k++;
		}
	return out;
}

/** Planted identifiers: [type, text] in many spellings. */
export const PLANTED: [string, string][] = [
	['email', 'Contacter k.dupont@gmail.com pour le suivi'],
	['email', 'mail : amélie.léger@orange.fr'],
	['email', 'écrire à contact.famille@laposte.net'],
	['email', 'jean.martin(at)free.fr'],
	['email', 'jean.dupont [at] gmail [dot] com'],
	['email', 'écrire à jean.dupont at gmail.com'],
	['iban', 'IBAN fr76 3000 6000 0112 3456 7890 189'],
	['iban', 'virement sur FR76-3000-6000-0112-3456-7890-189'],
	['birthdate', 'né le douze mars 2008'],
	['birthdate', 'née le premier avril 2009 à Corbeil'],
	['birthdate', 'né le vingt-et-un juin 2011'],
	['address', 'hébergée au 12 r. de la Paix'],
	['plate', 'plaque ab-123-cd relevée'],
	['phone', 'numéro : 06 - 12 - 34 - 56 - 78'],
	['birthdate', 'né le 12 03 2008'],
	['ine', 'INE 1234567890 A'],
	['ine', 'n° INE : 123456789 AB'],
	['email', 'écrire à lea.roux[at]orange.fr'],
	['email', 'k.benali arobase gmail.com'],
	['email', 'contact : amina.diallo (arobase) free.fr'],
	['phone', 'Tél 06 12 34 56 78'],
	['phone', 'joignable au 06.12.34.56.78'],
	['phone', 'portable 0612345678'],
	['phone', 'appeler le +33 6 12 34 56 78'],
	['phone', 'numéro +33 (0)6 12 34 56 78'],
	['phone', 'tel 0033 6 12 34 56 78'],
	['phone', 'fixe 01 60 12 34 56'],
	['phone', 'box 09 70 12 34 56'],
	['phone', 'mère : 07-81-22-33-44'],
	['phone', 'tél. +33612345678'],
	['nir', 'NIR 2 95 10 99 126 111 93'],
	['nir', 'sécu 253072B07300470'],
	['nir', 'n° SS 253072A07300443'],
	['nir', 'numéro 1850578006048 sans clé'],
	['iban', 'IBAN FR14 2004 1010 0505 0001 3M02 606'],
	['iban', 'rib FR1420041010050500013M02606'],
	['ine', 'INE 123456789AB'],
	['ine', 'identifiant élève 1234567890A'],
	['ine', 'apprenti 1234A12345B'],
	['plate', 'véhicule AB-123-CD'],
	['plate', 'immatriculé AB 123 CD'],
	['plate', 'ancienne plaque 1234 AB 91'],
	['birthdate', 'né le 3 mars 2009'],
	['birthdate', 'née le 1er avril 2010'],
	['birthdate', 'DDN 03/03/2009'],
	['birthdate', 'date de naissance : 2009-03-03'],
	['birthdate', 'jeune du 3-3-2009'],
	['birthdate', 'le 14/07/2008 au soir'],
	['birthdate', 'né le 12.05.2011'],
	['address', 'habite 12 bis rue Victor Hugo'],
	['address', 'au 3 avenue de la République'],
	['address', '45 bd Jean Jaurès'],
	['address', '7 allée des Lilas'],
	['address', '2 impasse du Moulin'],
	['address', '10 place de la Mairie'],
	['address', 'domicilié rue des Écoles'],
	['address', '18 chemin de la Butte'],
	['name', 'M. Dupont est venu'],
	['name', 'Mme Martin signale'],
	['name', 'Mlle Girard absente'],
	['name', 'Monsieur Lefebvre a appelé'],
	['name', 'Madame Nguyen a été reçue'],
	['name', 'la famille Benali est suivie'],
	['name', 'le jeune Kevin décroche'],
	['name', "l'enfant Lucas est scolarisé"],
	['name', 'frère de Yanis'],
	['name', 'Lucas D. absent'],
	['name', 'DUPONT Marie'],
	['name', 'J. Dupont'],
	['name', 'suivi de Nathalie Girard'],
	['name', 'situation de Mohamed Diallo'],
	['name', 'Inès Haddad est orientée'],
	['name', 'accompagnement de Thomas Rousseau'],
	['name', 'échange avec Chloé pour la suite'],
	// a birth month and year, a phone number in words, descriptions that single a person out
	['birthdate', 'Enfant né en mars 2011, scolarisé à Évry.'],
	['birthdate', 'née en 03/2011'],
	['phone', 'joignable au zéro six douze trente-quatre cinquante-six soixante-dix-huit'],
	['phone', 'rappeler la mère : zéro six, douze, trente-quatre…'],
	['singling', 'l’unique élève de 3e B du collège Paul Éluard'],
	['singling', 'le seul enfant de la famille à être scolarisé en ULIS'],
	['singling', 'la seule fille du groupe de parole'],
	['singling', 'absentéisme signalé en 3e B'],
	['singling', 'élève de CM2 A, suivi par le RASED'],
	['singling', 'un élève de 4ème C']
];

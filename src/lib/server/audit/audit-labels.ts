// The audit journal in words, for the admin's page and its CSV export: each action, target and
// detail reads as French labels (« Connexion réussie », « Type de fichier : Situations
// examinées »), never as the codes and JSON the log stores.
import { INSTANCE_TYPES, INSTITUTIONS, KIND_LABELS, type Kind } from '$contracts/codes';
import { periodLabel } from '$contracts/period';
import { formatDateTime, formatNumber } from '$lib/format';
import { directionLabel, reasonLabel } from '$lib/letters';
import { ruleLabel } from '$lib/referent/report';
import { ROLE_LABELS, SCOPE_LABELS, type ScopeType } from '../auth/schema';
import type { Role } from '$lib/roles';

export const ACTION_LABELS: Record<string, string> = {
	'access.denied': 'Accès refusé (403)',
	'access.denied_capped': 'Trop de refus : les suivants ne sont plus journalisés pour un temps',
	'csrf.rejected': 'Requête venue d’un autre site refusée',
	'export.parquet': 'Téléchargement des données d’un bilan (Parquet)',
	'export.comparaison': 'Téléchargement des données de comparaison',
	'rows.read': 'Lecture des lignes déposées par un groupe',
	'login.success': 'Connexion réussie',
	'login.failure': 'Connexion refusée',
	'login.password_ok_totp_pending': 'Mot de passe accepté, code à usage unique attendu',
	logout: 'Déconnexion',
	'logout.everywhere': 'Déconnexion de toutes les sessions',
	'account.locked': 'Compte verrouillé après des échecs',
	'account.password_changed': 'Mot de passe modifié',
	'account.totp_enabled': 'Double authentification activée',
	'account.totp_disabled': 'Double authentification désactivée',
	'invitation.accepted': 'Invitation acceptée (compte activé)',
	'user.invited': 'Utilisateur invité',
	'user.created': 'Utilisateur créé',
	'user.roles_changed': 'Rôles modifiés',
	'user.deactivated': 'Compte désactivé',
	'user.reactivated': 'Compte réactivé',
	'user.invitation_renewed': 'Invitation renouvelée',
	'group.created': 'Groupe créé',
	'group.updated': 'Groupe modifié',
	'settings.changed': 'Paramètres modifiés',
	'submission.create': 'Version envoyée',
	'submission.download': 'Téléchargement du fichier original d’une version',
	'upload.refused': 'Envoi refusé',
	'texte.refuse': 'Texte refusé (donnée personnelle)',
	'release.view': 'Bilan consulté',
	'campaign.open': 'Campagne de collecte ouverte',
	'campaign.close': 'Campagne de collecte close',
	'period.publish': 'Période publiée',
	'bilan_annuel.commentaire': 'Commentaire du bilan annuel enregistré',
	'lettre.enregistree': 'Lettre d’incident enregistrée',
	'lettre.modifiee': 'Lettre d’incident modifiée',
	'plenary.create': 'Séance plénière enregistrée',
	'plenary.update': 'Séance plénière modifiée',
	'charte.membre_ajoute': 'Membre ajouté à la liste d’un groupe',
	'charte.membre_retire': 'Membre retiré de la liste d’un groupe',
	'charte.coordinateur': 'Coordonnateur d’un groupe désigné',
	'charte.protocole': 'Protocole local enregistré (nouvelle version)',
	'export.pdf': 'Export PDF',
	'export.csv': 'Export CSV',
	'export.xlsx': 'Export tableur (XLSX)',
	'export.audit_log': 'Export du journal d’audit'
};

const TARGET_LABELS: Record<string, string> = {
	user: 'Utilisateur',
	group: 'Groupe',
	commune: 'Commune',
	departement: 'Département',
	campaign: 'Campagne',
	submission: 'Version',
	settings: 'Paramètres'
};

const KEY_LABELS: Record<string, string> = {
	group: 'Groupe',
	kind: 'Type de fichier',
	period: 'Période',
	version: 'Version',
	rows: 'Lignes',
	bytes: 'Taille (octets)',
	errors: 'Problèmes',
	method: 'Méthode',
	reason: 'Motif',
	step: 'Étape',
	until: 'Jusqu’au',
	view: 'Vue',
	year: 'Année',
	section: 'Section',
	document: 'Document',
	communes: 'Communes',
	instanceType: 'Type d’instance',
	grants: 'Droits',
	added: 'Droits ajoutés',
	removed: 'Droits retirés',
	mailed: 'Courriel envoyé',
	sessions: 'Sessions fermées',
	via: 'Par',
	kinds: 'Fichiers demandés',
	dueDate: 'Échéance',
	groups: 'Groupes',
	cells: 'Cellules publiées',
	missing: 'Groupes sans envoi',
	campaignClosed: 'Campagne close',
	dataVersion: 'Version des données',
	table: 'Tableau',
	filter: 'Filtre',
	organisationName: 'Nom de l’organisation',
	disclosureThreshold: 'Seuil de secret',
	action: 'Action',
	actor: 'Acteur',
	from: 'Du',
	to: 'Au',
	sha256: 'Empreinte SHA-256',
	lettre: 'Lettre d’incident',
	sens: 'Sens',
	motif: 'Motif',
	repondu: 'Réponse reçue',
	clos: 'Clos',
	session: 'Séance',
	date: 'Date',
	institution: 'Institution',
	coordinator: 'Coordonnateur'
};

const VALUE_LABELS: Record<string, string> = {
	password: 'mot de passe',
	'password+totp': 'mot de passe et code à usage unique',
	sso: 'authentification unique',
	totp: 'code à usage unique',
	invalid: 'identifiants incorrects',
	locked: 'compte verrouillé',
	deactivated: 'compte désactivé',
	'demo-disabled': 'compte de démonstration désactivé',
	throttled: 'trop de tentatives',
	'sso-only': 'compte à authentification unique',
	callback: 'retour du fournisseur d’identité invalide',
	page: 'page',
	impression: 'version imprimable',
	'bilan-annuel': 'bilan annuel',
	commentaire: 'commentaire du bilan annuel',
	groupe: 'nom de groupe',
	parametres: 'paramètres',
	lettre: 'lettre d’incident',
	pleniere: 'séance plénière',
	protocole: 'protocole local',
	membre: 'fonction d’un membre'
};

const isKind = (v: string): v is Kind => v in KIND_LABELS;

/** A grant as stored in details ("referent:group:evry-cve") in words. */
function grantLabel(g: string): string {
	const [role, scope, value] = g.split(':');
	const r = ROLE_LABELS[role as Role] ?? role;
	const s = SCOPE_LABELS[scope as ScopeType];
	return s ? `${r} (${s.toLowerCase()} ${value})` : r;
}

function valueText(key: string, v: unknown): string {
	if (v === null || v === undefined || v === '') return '—';
	if (typeof v === 'boolean') return v ? 'oui' : 'non';
	if (typeof v === 'number') return formatNumber(v);
	if (Array.isArray(v)) return v.map((x) => valueText(key, x)).join(', ') || '—';
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if ('from' in o && 'to' in o && Object.keys(o).length === 2)
			return `${valueText(key, o.from)} → ${valueText(key, o.to)}`;
		if (key === 'errors')
			return Object.entries(o)
				.map(([code, n]) => `${ruleLabel(code)} (${valueText('', n)})`)
				.join(', ');
		return detailsText(o);
	}
	const s = String(v);
	if (key === 'kind' || key === 'kinds') return isKind(s) ? KIND_LABELS[s] : (VALUE_LABELS[s] ?? s);
	if (key === 'period') return periodLabel(s);
	if (key === 'sens') return directionLabel(s);
	if (key === 'motif') return reasonLabel(s);
	if (key === 'instanceType') return (INSTANCE_TYPES.labels as Record<string, string>)[s] ?? s;
	if (key === 'institution') return (INSTITUTIONS.labels as Record<string, string>)[s] ?? s;
	if (key === 'grants' || key === 'added' || key === 'removed') return grantLabel(s);
	if (key === 'until' || key === 'dueDate') return formatDateTime(s);
	return VALUE_LABELS[s] ?? s;
}

/** Details of an entry in words: « Type de fichier : Situations examinées ; Période : … ». */
export function detailsText(details: Record<string, unknown> | string | null): string {
	if (details === null) return '';
	let o: Record<string, unknown>;
	if (typeof details === 'string') {
		try {
			o = JSON.parse(details) as Record<string, unknown>;
		} catch {
			return details;
		}
	} else o = details;
	if (o === null || typeof o !== 'object') return '';
	return Object.entries(o)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => `${KEY_LABELS[k] ?? k} : ${valueText(k, v)}`)
		.join(' ; ');
}

/** The action in words; an action without a label reads as a sentence of its parts. */
export function actionLabel(action: string): string {
	return ACTION_LABELS[action] ?? `Action « ${action.replace(/[._]/g, ' ')} »`;
}

export function targetLabel(type: string | null, id: string | null): string {
	if (!type) return '';
	return `${TARGET_LABELS[type] ?? type} ${id ?? ''}`.trim();
}

// French labels of the audit journal's actions (the journal page and its CSV export).
export const ACTION_LABELS: Record<string, string> = {
	'access.denied': 'Accès refusé (403)',
	'access.denied_capped': 'Trop de refus : les suivants ne sont plus journalisés pour un temps',
	'csrf.rejected': 'Requête venue d’un autre site refusée',
	'export.parquet': 'Téléchargement des données d’un bilan (Parquet)',
	'export.comparaison': 'Téléchargement des données de comparaison',
	'rows.read': 'Lecture des lignes déposées par un groupe',
	'export.pdf': 'Export PDF',
	'export.csv': 'Export CSV',
	'export.xlsx': 'Export Excel',
	'export.audit_log': 'Export du journal d’audit',
	'release.view': 'Consultation d’un bilan',
	'login.success': 'Connexion',
	'login.failure': 'Échec de connexion',
	'login.password_ok_totp_pending': 'Mot de passe correct, code à usage unique attendu',
	logout: 'Déconnexion',
	'logout.everywhere': 'Déconnexion de toutes les sessions',
	'account.locked': 'Compte verrouillé',
	'account.password_changed': 'Mot de passe changé',
	'account.totp_enabled': 'Double authentification activée',
	'account.totp_disabled': 'Double authentification désactivée',
	'invitation.accepted': 'Invitation acceptée',
	'user.invited': 'Utilisateur invité',
	'user.created': 'Utilisateur créé',
	'user.deactivated': 'Compte désactivé',
	'user.reactivated': 'Compte réactivé',
	'user.invitation_renewed': 'Invitation renouvelée',
	'user.roles_changed': 'Rôles modifiés',
	'group.created': 'Groupe créé',
	'group.updated': 'Groupe modifié',
	'settings.changed': 'Paramètres modifiés',
	'submission.create': 'Dépôt enregistré',
	'upload.refused': 'Dépôt refusé',
	'campaign.open': 'Campagne de collecte ouverte',
	'campaign.close': 'Campagne de collecte clôturée'
};

/** The French label of an action, or the action itself when it has none. */
export function actionLabel(action: string): string {
	return ACTION_LABELS[action] ?? action;
}

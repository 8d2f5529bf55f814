// The words of a campaign's board and reminders: states of a group's file, reminder stages.
import type { EntryState, ReminderStage } from '$lib/departement/types';

export const STATE_LABELS: Record<EntryState, string> = {
	manquant: 'Manquant',
	en_retard: 'En retard',
	envoye: 'Envoyé',
	envoye_en_retard: 'Envoyé après l’échéance',
	renvoye_apres_echeance: 'Renvoyé après l’échéance'
};
/** The same for a count of files, singular and plural (« 160 fichiers manquants »). */
export const STATE_COUNT_LABELS: Record<EntryState, [string, string]> = {
	manquant: ['fichier manquant', 'fichiers manquants'],
	en_retard: ['fichier en retard', 'fichiers en retard'],
	envoye: ['fichier envoyé', 'fichiers envoyés'],
	envoye_en_retard: ['fichier envoyé après l’échéance', 'fichiers envoyés après l’échéance'],
	renvoye_apres_echeance: ['fichier renvoyé après l’échéance', 'fichiers renvoyés après l’échéance']
};

export const STAGE_LABELS: Record<ReminderStage, string> = {
	'j-7': 'Relance à J−7',
	echeance: 'Relance à l’échéance'
};

// The text of a reminder e-mail: what is missing and where to send it, never a personal datum.
import { KIND_LABELS } from '$contracts/codes';
import { periodLabel } from '$contracts/period';
import type { Kind } from '$contracts/codes';
import type { ReminderStage } from '$lib/departement/types';

function frenchDate(iso: string): string {
	const [y, m, day] = iso.split('-');
	return `${day}/${m}/${y}`;
}

export function reminderText(
	group: string,
	period: string,
	due: string,
	missing: Kind[],
	stage: ReminderStage,
	appUrl?: string
): string {
	const lines = [
		'Bonjour,',
		'',
		stage === 'j-7'
			? `Le bilan du groupe « ${group} » pour le ${periodLabel(period)} est attendu au plus tard le ${frenchDate(due)}.`
			: `Le bilan du groupe « ${group} » pour le ${periodLabel(period)} était attendu au plus tard le ${frenchDate(due)}.`,
		'',
		'Il manque encore :',
		...missing.map((k) => `- ${KIND_LABELS[k]}`),
		'',
		appUrl
			? `Vous pouvez déposer les fichiers sur Bilans partagés : ${appUrl}`
			: 'Vous pouvez déposer les fichiers sur Bilans partagés.',
		'',
		'Ce message ne contient aucune donnée nominative. Merci de ne pas y répondre.'
	];
	return lines.join('\n') + '\n';
}
